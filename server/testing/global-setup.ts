import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import PgBoss from 'pg-boss';
import { runMigrations } from '@/db/migrate';
import { urlForDatabase, withAdmin } from './test-server';

/** Migrates one template database per run; each test file clones it. Dropped again when the run ends. */
export default async function setup(project: TestProject) {
  const prefix = `nafidha_t_${process.pid}`;
  const template = `${prefix}_tpl`;
  await withAdmin(async (sql) => {
    await sql.unsafe(`drop database if exists "${template}" with (force)`);
    await sql.unsafe(`create database "${template}"`);
  });
  const sql = postgres(urlForDatabase(template), { max: 1, onnotice: () => {} });
  await runMigrations(sql);
  await sql.end();
  // The job queue's own schema, created once here so every cloned test database already has it.
  const boss = new PgBoss({ connectionString: urlForDatabase(template), schema: 'pgboss', max: 1, supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
  project.provide('templateDatabase', template);

  return async () => {
    await withAdmin(async (admin) => {
      const rows = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${prefix}%`}`;
      for (const row of rows) await admin.unsafe(`drop database if exists "${row.datname}" with (force)`);
    });
  };
}

declare module 'vitest' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
