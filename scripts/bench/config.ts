/**
 * What the benchmark scripts share: the target database (never a default one), the refusal rules that keep them
 * away from demo, e2e and test data, the bench users' password and the marker the generator leaves behind.
 */
import postgres from 'postgres';

/** Everything the generator creates is recognisable: workspace names start with this, and schema `bench` exists. */
export const BENCH_PREFIX = 'bench-';
export const BENCH_PASSWORD = 'bench-password-2026';
export const BENCH_EMAIL_DOMAIN = 'bench.nafidha.test';

export type TBenchArgs = { scale: number; force: boolean; only: string[] | null; runs: number | null };

export function parseArgs(argv: string[]): TBenchArgs {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    if (i >= 0) return argv[i + 1] ?? '';
    const inline = argv.find((a) => a.startsWith(`${name}=`));
    return inline ? inline.slice(name.length + 1) : null;
  };
  const scale = Number(value('--scale') ?? process.env.BENCH_SCALE ?? 1);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) throw new Error('--scale must be a number in (0, 1]');
  const only = value('--only');
  const runs = value('--runs');
  return {
    scale,
    force: argv.includes('--force'),
    only: only ? only.split(',').map((s) => s.trim()) : null,
    runs: runs ? Number(runs) : null,
  };
}

/** DATABASE_URL is required: the benchmark never falls back to the demo's embedded database or a default one. */
export function benchDatabaseUrl(): URL {
  const raw = process.env.DATABASE_URL;
  if (!raw) {
    throw new Error(
      'DATABASE_URL is required, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/nafidha_bench (or nafidha_bench_small with --scale 0.01)',
    );
  }
  const url = new URL(raw);
  const name = databaseName(url);
  if (!name) throw new Error('DATABASE_URL must name a database');
  if (looksLikeNonBench(name)) {
    throw new Error(`Refusing database "${name}": that name belongs to the demo, the tests or the server itself. Use e.g. nafidha_bench.`);
  }
  return url;
}

export function databaseName(url: URL): string {
  return decodeURIComponent(url.pathname.replace(/^\//, ''));
}

/** Names the app, its demo, the e2e server and the test runner use (and the server's own databases). */
export function looksLikeNonBench(name: string): boolean {
  const lower = name.toLowerCase();
  if (['postgres', 'template0', 'template1', 'nafidha', 'test'].includes(lower)) return true;
  return /(^nafidha_t_|e2e|demo|test|_dev$|^nafidha_bench_send$)/.test(lower);
}

export function maintenanceUrl(url: URL): string {
  const admin = new URL(url.toString());
  admin.pathname = '/postgres';
  return admin.toString();
}

export type TDatabaseState =
  { kind: 'missing' } | { kind: 'empty' } | { kind: 'bench'; meta: Record<string, unknown> } | { kind: 'foreign'; reason: string };

/** What a database holds: nothing, only what the generator made, or something else (which is never touched). */
export async function inspectDatabase(url: URL): Promise<TDatabaseState> {
  const admin = postgres(maintenanceUrl(url), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin<{ n: number }[]>`select count(*)::int as n from pg_database where datname = ${databaseName(url)}`;
    if (!exists?.n) return { kind: 'missing' };
  } finally {
    await admin.end();
  }
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    const [tables] = await sql<{ workspaces: string | null; marker: string | null; users: string | null }[]>`
      select to_regclass('public.workspaces')::text as workspaces, to_regclass('bench.meta')::text as marker,
             to_regclass('public.users')::text as users`;
    const [other] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema', 'bench', 'drizzle', 'pgboss', 'public')`;
    if (!tables?.workspaces) {
      if ((other?.n ?? 0) > 0) return { kind: 'foreign', reason: 'it holds tables that are not Nafidha’s' };
      return { kind: 'empty' };
    }
    const [foreign] = await sql<{ n: number }[]>`select count(*)::int as n from workspaces where name not like ${`${BENCH_PREFIX}%`}`;
    const [count] = await sql<{ n: number }[]>`select count(*)::int as n from workspaces`;
    const [strangers] = await sql<{ n: number }[]>`select count(*)::int as n from users where email not like ${`%@${BENCH_EMAIL_DOMAIN}`}`;
    if ((foreign?.n ?? 0) > 0) return { kind: 'foreign', reason: `${foreign!.n} workspace(s) were not created by the generator` };
    if ((strangers?.n ?? 0) > 0) return { kind: 'foreign', reason: `${strangers!.n} user(s) were not created by the generator` };
    if (!tables.marker) {
      return (count?.n ?? 0) === 0 ? { kind: 'empty' } : { kind: 'foreign', reason: 'it has workspaces but no bench marker' };
    }
    const rows = await sql<{ key: string; value: unknown }[]>`select key, value from bench.meta`;
    return { kind: 'bench', meta: Object.fromEntries(rows.map((r) => [r.key, r.value])) };
  } finally {
    await sql.end();
  }
}

/** The runner and the EXPLAIN script only ever read and write a database the generator made. */
export async function requireBenchDatabase(url: URL): Promise<Record<string, unknown>> {
  const state = await inspectDatabase(url);
  if (state.kind !== 'bench') {
    const why = state.kind === 'foreign' ? state.reason : state.kind === 'missing' ? 'it does not exist' : 'it holds no bench data';
    throw new Error(`Refusing ${databaseName(url)}: ${why}. Generate it first with npm run bench:data.`);
  }
  return state.meta;
}
