import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '@/server/env';
import { publishEventsAfterCommit } from '@/server/realtime/notify';
import * as schema from './schema';

export type TDb = PostgresJsDatabase<typeof schema>;
export type TTx = Parameters<Parameters<TDb['transaction']>[0]>[0];
/** Services take either, so a caller can compose several of them in one transaction. */
export type TDbOrTx = TDb | TTx;

export type TDatabase = { db: TDb; sql: postgres.Sql };

export function connect(url: string, options: { max?: number } = {}): TDatabase {
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
  });
  return { sql, db: publishEventsAfterCommit(drizzle(sql, { schema })) };
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
