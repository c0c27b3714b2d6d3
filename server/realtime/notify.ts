import { sql } from 'drizzle-orm';
import { afterCommit, beforeCommit, inTransaction } from '@/db/after-commit';
import type { TDbOrTx } from '@/db/client';
import { logger } from '@/server/logger';
import { announce, announcedConversations, needsAnnounce, runAnnounce } from './announce';
import { REALTIME_CHANNEL, type TRealtimeEvent } from './events';

/** The events of each open transaction, by the handle of the outermost one (the one that commits). */
const pending = new WeakMap<object, TRealtimeEvent[]>();

/**
 * Queue a realtime event for when the caller's transaction commits; nobody ever hears about a change that did not
 * happen (a rollback, or a savepoint rolled back, drops its events: db/after-commit.ts). Outside a transaction it
 * is sent at once.
 */
export async function notify(db: TDbOrTx, event: TRealtimeEvent): Promise<void> {
  if (!inTransaction(db)) {
    await publish(db, needsAnnounce([event]) ? announce([event], await runAnnounce(db, announcedConversations([event]))) : [event]);
    return;
  }
  // Each event joins its transaction's batch when the transaction is about to commit, so the events of a savepoint
  // that rolled back never do, and the batch keeps the order the code queued them in.
  await beforeCommit(db, async (tx) => {
    const events = pending.get(tx);
    if (events) return void events.push(event);
    const batch = [event];
    pending.set(tx, batch);
    // Registered by the first event, so they run after every event has joined the batch.
    await beforeCommit(tx, async (last) => {
      // Announced last, inside the transaction: the rows and count changes are exactly what it commits.
      if (needsAnnounce(batch)) batch.splice(0, batch.length, ...announce(batch, await runAnnounce(last, announcedConversations(batch))));
    });
    await afterCommit(tx, (pool) => publishCommitted(pool, batch));
  });
}

/**
 * NOTIFY refuses payloads of 8000 bytes or more. An event that would not fit goes without what it carries: a row
 * (the browser then asks for it) or count changes (the browser then refetches the counts).
 */
const MAX_PAYLOAD_BYTES = 7900;

export function fitPayload(event: TRealtimeEvent): string {
  const payload = JSON.stringify(event);
  if (Buffer.byteLength(payload) < MAX_PAYLOAD_BYTES) return payload;
  if (event.type === 'counts.changed') return JSON.stringify({ ...event, changes: null });
  if ((event.type === 'conversation.changed' || event.type === 'message.created') && event.row) {
    const { row: _row, ...rest } = event;
    return JSON.stringify(rest);
  }
  return payload;
}

/**
 * Sends events to every app instance's LISTEN in one statement.
 *
 * Why not NOTIFY inside the writing transaction: PostgreSQL takes one database-wide lock at the commit of every
 * transaction that notified and holds it through the commit's WAL flush, so all of them commit one at a time, each
 * waiting for the disk (at most one such commit per disk flush). Sent after the commit instead, the data
 * transactions flush in parallel (group commit), and this statement's own commit needs no flush: the events are
 * hints about data that is already durable. The price: a crash between a commit and this statement loses those
 * hints, and clients catch up when they reconnect and refetch.
 */
async function publish(db: TDbOrTx, events: TRealtimeEvent[]): Promise<void> {
  const payloads = JSON.stringify(events.map(fitPayload));
  await db.execute(sql`
    select pg_notify(${REALTIME_CHANNEL}, payload)
    from (select set_config('synchronous_commit', 'off', true)) as unflushed,
         json_array_elements_text(${payloads}::json) with ordinality as e(payload, n)
    order by n`);
}

/**
 * Sends the events of a committed transaction. Never throws: the data is durable whatever happens to its hints, so a
 * failure is logged, not passed on. For code that commits on its own connection (webhook ingest).
 */
export async function publishCommitted(db: TDbOrTx, events: TRealtimeEvent[]): Promise<void> {
  if (events.length === 0) return;
  await publish(db, events).catch((error: unknown) => logger.warn({ err: error, events: events.length }, 'realtime events not sent'));
}
