import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { REALTIME_CHANNEL, type TRealtimeEvent } from './events';

/**
 * Queue a realtime event inside the caller's transaction. PostgreSQL holds NOTIFY until commit and drops it on
 * rollback, so nobody ever hears about a change that did not happen, and every app instance hears it.
 */
export async function notify(db: TDbOrTx, event: TRealtimeEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${JSON.stringify(event)})`);
}
