import { readFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), 'db/migrations');
/** Held while migrating or seeding, so several instances starting together do it once. */
const BOOT_LOCK = 7_303_007;

export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** Runs fn on one dedicated connection holding the boot lock. */
export async function withBootLock<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${BOOT_LOCK})`;
    return await fn(sql);
  } finally {
    await sql`select pg_advisory_unlock(${BOOT_LOCK})`.catch(() => {});
    await sql.end();
  }
}

export async function runMigrations(sql: postgres.Sql): Promise<void> {
  await migrate(drizzle(sql), { migrationsFolder: MIGRATIONS_FOLDER });
}

export type TMigrationState = { applied: number; expected: number; upToDate: boolean };

export async function migrationState(sql: postgres.Sql): Promise<TMigrationState> {
  const expected = expectedMigrationCount();
  const [table] = await sql<{ name: string | null }[]>`select to_regclass('drizzle.__drizzle_migrations')::text as name`;
  let applied = 0;
  if (table?.name) {
    const [row] = await sql<{ applied: number }[]>`select count(*)::int as applied from drizzle.__drizzle_migrations`;
    applied = row?.applied ?? 0;
  }
  return { applied, expected, upToDate: applied === expected };
}
