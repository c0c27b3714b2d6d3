import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedMigrationCount, migrationState, runMigrations } from '@/db/migrate';
import { urlForDatabase, withAdmin } from '@/server/testing/database';

const name = `nafidha_t_${process.pid}_empty_${Date.now()}`;

describe('migrations', () => {
  afterAll(() => withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`)));

  it('apply to an empty database, are recorded, and are idempotent', async () => {
    await withAdmin((sql) => sql.unsafe(`create database "${name}"`));
    const sql = postgres(urlForDatabase(name), { max: 1, onnotice: () => {} });
    try {
      expect(await migrationState(sql)).toEqual({ applied: 0, expected: expectedMigrationCount(), upToDate: false });
      await runMigrations(sql);
      await runMigrations(sql);
      expect(await migrationState(sql)).toMatchObject({ applied: expectedMigrationCount(), upToDate: true });

      const tables = await sql<{ table_name: string }[]>`
        select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining([
          'workspaces',
          'workspace_settings',
          'users',
          'memberships',
          'teams',
          'team_members',
          'channels',
          'contacts',
          'contact_identities',
          'conversations',
          'conversation_events',
          'messages',
          'templates',
          'number_health',
          'number_health_history',
          'business_initiated_sends',
        ]),
      );
    } finally {
      await sql.end();
    }
  });

  it('give every table that holds customer data a workspace id', async () => {
    const sql = postgres(urlForDatabase(name), { max: 1, onnotice: () => {} });
    try {
      const missing = await sql<{ table_name: string }[]>`
        select t.table_name from information_schema.tables t
        -- sign_in_throttle counts attempts before anyone is known: hashed keys, no customer data, no workspace;
        -- setup_codes holds the hashes of a fresh install's one-time codes, before any workspace exists
        where t.table_schema = 'public' and t.table_name not in ('workspaces', 'users', 'sign_in_throttle', 'setup_codes')
          and not exists (select 1 from information_schema.columns c
                          where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'workspace_id')`;
      expect(missing).toEqual([]);
    } finally {
      await sql.end();
    }
  });
});
