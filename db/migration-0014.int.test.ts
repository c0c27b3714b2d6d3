import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { expectedMigrationCount, migrationState, MIGRATIONS_FOLDER, runMigrations } from '@/db/migrate';
import { urlForDatabase, withAdmin } from '@/server/testing/database';

/**
 * 0014 makes team names unique per workspace whatever the case. A database from before it, holding "Sales" and
 * "sales" in one workspace, must still migrate (else the app does not start): it is migrated up to 0013 from a copy
 * of the folder whose journal stops there, given such teams, then migrated the rest of the way.
 */
const name = `nafidha_t_${process.pid}_m0014_${Date.now()}`;
const folder = mkdtempSync(path.join(tmpdir(), 'nafidha-migrations-'));

function migrationsUpTo(tag: string): string {
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(last).toBeGreaterThan(0);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, last + 1) }));
  return folder;
}

describe('migration 0014 on teams whose names differ only in case', () => {
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
  });

  it('renames every duplicate but the first to the first free "(n)", keeping its members, and then migrates', async () => {
    await withAdmin((sql) => sql.unsafe(`create database "${name}"`));
    const sql = postgres(urlForDatabase(name), { max: 1, onnotice: () => {} });
    try {
      await migrate(drizzle(sql), { migrationsFolder: migrationsUpTo('0013_first_run_and_profile') });
      expect((await migrationState(sql)).applied).toBe(14);

      const [a] = await sql<{ id: string }[]>`insert into workspaces (name) values ('A') returning id`;
      const [b] = await sql<{ id: string }[]>`insert into workspaces (name) values ('B') returning id`;
      const [user] = await sql<{ id: string }[]>`
        insert into users (email, name, password_hash) values ('hala@example.com', 'Hala', 'x') returning id`;
      await sql`insert into memberships (workspace_id, user_id, role) values (${a!.id}, ${user!.id}, 'admin')`;
      const teams = await sql<{ id: string; name: string }[]>`
        insert into teams (workspace_id, name) values
          (${a!.id}, 'Sales'), (${a!.id}, 'sales'), (${a!.id}, 'SALES'), (${a!.id}, 'Sales (2)'),
          (${a!.id}, 'Support'), (${b!.id}, 'sales'), (${a!.id}, ${'L'.repeat(60)}), (${a!.id}, ${'l'.repeat(60)})
        returning id, name`;
      const idOf = (teamName: string) => teams.find((t) => t.name === teamName)!.id;
      await sql`insert into team_members (team_id, user_id, workspace_id) values (${idOf('sales')}, ${user!.id}, ${a!.id})`;

      await runMigrations(sql);
      expect(await migrationState(sql)).toMatchObject({ applied: expectedMigrationCount(), upToDate: true });

      const after = await sql<{ id: string; workspace_id: string; name: string }[]>`select id, workspace_id, name from teams`;
      const nameOf = (id: string) => after.find((t) => t.id === id)!.name;
      // Byte order: "SALES" < "Sales" < "sales"; "Sales (2)" was taken already, so the next free ones are 3 and 4.
      expect(nameOf(idOf('SALES'))).toBe('SALES');
      expect(nameOf(idOf('Sales'))).toBe('Sales (3)');
      expect(nameOf(idOf('sales'))).toBe('sales (4)');
      expect(nameOf(idOf('Sales (2)'))).toBe('Sales (2)');
      expect(nameOf(idOf('Support'))).toBe('Support');
      expect(after.find((t) => t.workspace_id === b!.id)!.name).toBe('sales');
      expect(nameOf(idOf('l'.repeat(60)))).toBe(`${'l'.repeat(56)} (2)`);
      expect(new Set(after.map((t) => `${t.workspace_id}:${t.name.toLowerCase()}`)).size).toBe(after.length);

      const members = await sql<{ team_id: string }[]>`select team_id from team_members where user_id = ${user!.id}`;
      expect(members.map((m) => m.team_id)).toEqual([idOf('sales')]);
      await expect(sql`insert into teams (workspace_id, name) values (${a!.id}, 'support')`).rejects.toMatchObject({ code: '23505' });
    } finally {
      await sql.end();
    }
  });
});
