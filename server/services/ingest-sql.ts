import { sql } from 'drizzle-orm';

/** Rows handed to PostgreSQL as one JSON parameter, read back with json_to_recordset: a batch is one statement. */
export const jsonRows = (rows: object[]) => sql`${JSON.stringify(rows)}::json`;

/** The distinct keys of a batch per channel (a webhook batch is almost always one channel). */
function keysByChannel(pairs: { channelId: string; key: string | null }[]): [string, string][] {
  const keysOf = new Map<string, Set<string>>();
  for (const { channelId, key } of pairs) if (key) keysOf.set(channelId, (keysOf.get(channelId) ?? new Set()).add(key));
  return [...keysOf].map(([channelId, keys]) => [channelId, JSON.stringify([...keys])]);
}

/**
 * `key = any(...)` over a JSON array parameter: one statement text whatever the batch size (so it is prepared once
 * per connection), planned as an index scan (a join against a JSON record set is estimated at 100 rows and turns
 * into a sequential scan).
 */
export const anyOf = (json: string, type: 'text' | 'uuid') =>
  type === 'uuid'
    ? sql`any(array(select json_array_elements_text(${json}::json)::uuid))`
    : sql`any(array(select json_array_elements_text(${json}::json)))`;

/** Runs a per-channel lookup for each channel of the batch and concatenates the rows. */
export async function perChannel<T>(
  pairs: { channelId: string; key: string | null }[],
  query: (channelId: string, keys: string) => Promise<T[]>,
) {
  const rows: T[] = [];
  for (const [channelId, keys] of keysByChannel(pairs)) rows.push(...(await query(channelId, keys)));
  return rows;
}
