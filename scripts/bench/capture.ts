/**
 * The exact SQL the app runs, without re-typing it: the service functions (listConversations, countViews, ...) are
 * called with a Drizzle instance whose logger records every query and its parameters. EXPLAIN and the "floor"
 * timings then replay those statements verbatim on the database.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { TDb } from '../../db/client';
import * as schema from '../../db/schema';

export type TCapturedQuery = { query: string; params: unknown[] };

export function capturingDb(sql: postgres.Sql): { db: TDb; take: () => TCapturedQuery[] } {
  let captured: TCapturedQuery[] = [];
  const db = drizzle(sql, {
    schema,
    logger: { logQuery: (query, params) => captured.push({ query, params: [...params] }) },
  }) as unknown as TDb;
  return {
    db,
    take: () => {
      const out = captured;
      captured = [];
      return out;
    },
  };
}

/** Runs fn against the capturing db and returns what it queried (and its result). */
export async function capture<T>(cap: ReturnType<typeof capturingDb>, fn: (db: TDb) => Promise<T>) {
  cap.take();
  const result = await fn(cap.db);
  return { result, queries: cap.take() };
}

/** Parameters as postgres.js binds them for Drizzle (strings, numbers); Dates become ISO strings. */
function bindable(params: unknown[]): postgres.ParameterOrJSON<never>[] {
  return params.map((p) => (p instanceof Date ? p.toISOString() : p)) as postgres.ParameterOrJSON<never>[];
}

export async function explain(sql: postgres.Sql, q: TCapturedQuery): Promise<string> {
  const rows = await sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${q.query}`, bindable(q.params));
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

export async function run(sql: postgres.Sql, q: TCapturedQuery): Promise<number> {
  const rows = await sql.unsafe(q.query, bindable(q.params));
  return rows.length;
}
