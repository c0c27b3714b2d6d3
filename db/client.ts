import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '@/server/env';
import { withCommitHooks } from './after-commit';
import * as schema from './schema';

export type TDb = PostgresJsDatabase<typeof schema>;
export type TTx = Parameters<Parameters<TDb['transaction']>[0]>[0];
/** Services take either, so a caller can compose several of them in one transaction. */
export type TDbOrTx = TDb | TTx;

export type TDatabase = { db: TDb; sql: postgres.Sql };

/**
 * Drizzle asks postgres.js for unnamed statements, which postgres.js sends as two round trips (describe the
 * parameters, then execute). As prepared statements each query is one round trip after its first use on a
 * connection: on the bench data that is most of the time a list request spends outside PostgreSQL. Applied to the
 * pool and to every transaction and savepoint it opens.
 */
function preparedByDefault<T extends postgres.Sql>(sql: T): T {
  const unsafe = sql.unsafe.bind(sql);
  sql.unsafe = ((query: string, args?: never[], opts?: { prepare?: boolean }) =>
    unsafe(query, args, opts?.prepare === false ? { ...opts, prepare: true } : opts)) as T['unsafe'];
  for (const method of ['begin', 'savepoint'] as const) {
    const original = (sql as unknown as Record<string, ((...args: unknown[]) => unknown) | undefined>)[method];
    if (!original) continue;
    (sql as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const fn = args.at(-1) as (tx: postgres.Sql) => unknown;
      return original.call(sql, ...args.slice(0, -1), (tx: postgres.Sql) => fn(preparedByDefault(tx)));
    };
  }
  return sql;
}

export function connect(url: string, options: { max?: number } = {}): TDatabase {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // Prepared, but planned for each call's own values (as unnamed statements are): a generic plan chosen after a
    // few calls can be far worse for skewed data (measured: the open counts, 2x slower on the bench data).
    connection: { plan_cache_mode: 'force_custom_plan' },
  });
  return { sql, db: withCommitHooks(drizzle(preparedByDefault(sql), { schema })) };
}

/**
 * The postgres.js handle behind a Drizzle database or transaction (a savepoint's, inside one). For the hot paths
 * (webhook ingest, timeline lines) that send fixed statement texts, prepared once per connection without query
 * building, and pipeline independent statements: issued together, they reach PostgreSQL in one write and run in
 * the order they were issued.
 */
export function pgOf(handle: TDbOrTx): postgres.Sql {
  const client = (handle as unknown as { session?: { client?: postgres.Sql } }).session?.client;
  if (!client) throw new Error('pgOf: not a Drizzle handle on postgres.js');
  return client;
}

/** A connection of the pool's own, for code that runs its own transaction on it (and must be given the pool). */
export function reserveConnection(db: TDb): Promise<postgres.ReservedSql> {
  const client = pgOf(db);
  if (typeof client.reserve !== 'function') throw new Error('reserveConnection: needs the pool, not a transaction');
  return client.reserve();
}

/** One statement on a postgres.js handle, prepared, and sent now (not when first awaited), so that several pipeline. */
export function send<T extends object = Record<string, unknown>>(q: postgres.Sql, text: string, params: unknown[] = []): Promise<T[]> {
  return q.unsafe(text, params as never[], { prepare: true }).execute() as unknown as Promise<T[]>;
}

// Next bundles route handlers separately from server/index.ts; one pool per process, shared through globalThis.
const globalForDb = globalThis as unknown as { nafidhaDatabase?: TDatabase };

/** The process-wide connection pool, on DATABASE_URL (set by boot when the embedded server is used). */
export function database(): TDatabase {
  if (!globalForDb.nafidhaDatabase) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app through server/index.ts, which boots the database');
    globalForDb.nafidhaDatabase = connect(url);
  }
  return globalForDb.nafidhaDatabase;
}

export function db(): TDb {
  return database().db;
}
