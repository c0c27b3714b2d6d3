import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';

/**
 * The database's clock at this moment, read inside the caller's transaction. Window rules are judged by it, not by
 * an app server's or browser's clock, so every instance agrees on when a window lapsed.
 */
export async function databaseNow(tx: TDbOrTx): Promise<Date> {
  const [row] = await tx.execute<{ now: string }>(sql`select clock_timestamp() as now`);
  return new Date(row!.now);
}
