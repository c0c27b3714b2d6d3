import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { NORMALIZE_CASES } from '@/server/domain/search-cases';
import { startEmbeddedPostgres } from './embedded';
import { migrationState, runMigrations } from './migrate';

const dataDir = mkdtempSync(path.join(tmpdir(), 'nafidha-embedded-'));
const log = pino({ level: 'silent' });

describe('embedded PostgreSQL (the default when DATABASE_URL is unset)', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('initialises, migrates, and keeps its data across a restart', { timeout: 120_000 }, async () => {
    const first = await startEmbeddedPostgres(dataDir, 0, log);
    let sql = postgres(first.url, { max: 1, onnotice: () => {} });
    await runMigrations(sql);
    await sql`insert into workspaces (name) values ('Survives restarts')`;
    const [version] = await sql<{ server_version_num: string }[]>`show server_version_num`;
    expect(Number(version!.server_version_num)).toBeGreaterThanOrEqual(150000);
    await sql.end();
    await first.stop();

    const second = await startEmbeddedPostgres(dataDir, 0, log);
    sql = postgres(second.url, { max: 1, onnotice: () => {} });
    try {
      expect((await migrationState(sql)).upToDate).toBe(true);
      const rows = await sql`select name from workspaces`;
      expect(rows.map((r) => r.name)).toEqual(['Survives restarts']);
      const [listen] = await sql<{ setting: string }[]>`select setting from pg_settings where name = 'listen_addresses'`;
      expect(listen!.setting).toBe('127.0.0.1');
      // The search normaliser on the embedded server's own version (its regular expressions included).
      const inputs = NORMALIZE_CASES.map((c) => c.input);
      const normalized = await sql<
        { out: string }[]
      >`select nafidha_normalize(input) as out from unnest(${inputs}::text[]) with ordinality as t(input, n) order by n`;
      expect(normalized.map((r) => r.out)).toEqual(NORMALIZE_CASES.map((c) => c.expected));
    } finally {
      await sql.end();
      await second.stop();
    }
  });
});
