import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { connect, type TDatabase } from '@/db/client';
import { urlForDatabase, withAdmin } from './test-server';

export { testServerUrl, urlForDatabase, withAdmin } from './test-server';

export type TTestDatabase = TDatabase & { name: string; url: string; drop: () => Promise<void> };

/** A fresh, migrated database for one test file, cloned from the run's template in a few milliseconds. */
export async function createTestDatabase(): Promise<TTestDatabase> {
  const template = inject('templateDatabase');
  const name = `${template.replace(/_tpl$/, '')}_${randomBytes(4).toString('hex')}`;
  await withAdmin((sql) => sql.unsafe(`create database "${name}" template "${template}"`));
  const url = urlForDatabase(name);
  const database = connect(url, { max: 5 });
  return {
    ...database,
    name,
    url,
    drop: async () => {
      await database.sql.end();
      await withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
    },
  };
}
