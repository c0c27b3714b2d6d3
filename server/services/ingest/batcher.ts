import type { TDb } from '@/db/client';
import { logger } from '@/server/logger';
import type { TInboundMessage } from '@/server/channels/inbound';
import { ingestInboundOutcomes, type TIngestOutcome } from './ingest';
import { isContentError, storeAsUnsupported } from './unsupported';

type TWaiting = { message: TInboundMessage; resolve: (result: TIngestOutcome) => void; reject: (error: unknown) => void };

/** Most messages per transaction; past this a batch only adds lock time for the conversations in it. */
const MAX_BATCH = 200;
/**
 * Transactions in flight at once: one commits while the next is being built. Measured at a million conversations:
 * two take more per transaction than three (each waits less for CPU), and answer sooner.
 */
const IN_FLIGHT = 2;

/**
 * Group commit for webhooks. Messages arriving while a transaction is in flight wait for the next one, so under load
 * one transaction (a fixed handful of statements and one commit) stores many requests' messages, and when it is
 * quiet a message is stored alone, at once. Each caller is answered only after its message is committed. If a batch
 * fails, its messages are retried one by one, so one bad message cannot fail the others; one that still fails
 * because of its content is stored as unsupported with the reason, so it cannot fail itself forever either.
 */
export function createIngestBatcher(db: TDb) {
  const waiting: TWaiting[] = [];
  let running = 0;

  async function run(batch: TWaiting[]) {
    try {
      const results = await ingestInboundOutcomes(
        db,
        batch.map((w) => w.message),
      );
      batch.forEach((w, i) => w.resolve(results[i]!));
    } catch (error) {
      if (batch.length > 1) logger.warn({ err: error, size: batch.length }, 'ingest batch failed; storing its messages one by one');
      for (const w of batch) {
        try {
          w.resolve((await ingestInboundOutcomes(db, [w.message]))[0]!);
        } catch (single) {
          if (!isContentError(single)) w.reject(single);
          else await storeAsUnsupported(db, w.message, single).then(w.resolve, w.reject);
        }
      }
    }
  }

  function pump() {
    while (running < IN_FLIGHT && waiting.length > 0) {
      running += 1;
      void run(waiting.splice(0, MAX_BATCH)).finally(() => {
        running -= 1;
        pump();
      });
    }
  }

  const enqueue = (message: TInboundMessage) =>
    new Promise<TIngestOutcome>((resolve, reject) => waiting.push({ message, resolve, reject }));

  function ingest(message: TInboundMessage): Promise<TIngestOutcome> {
    const outcome = enqueue(message);
    pump();
    return outcome;
  }
  /**
   * Messages that must be stored in their order (echoes of one webhook, sorted by when they were sent): queued
   * together, so they go into one transaction in that order instead of racing in two.
   */
  function together(list: TInboundMessage[]): Promise<TIngestOutcome[]> {
    const outcomes = list.map(enqueue);
    pump();
    return Promise.all(outcomes);
  }
  return Object.assign(ingest, { together });
}

const batchers = new WeakMap<object, ReturnType<typeof createIngestBatcher>>();

/** The batcher of one database handle (the process pool in the app; each test database in tests). */
export function batchedIngest(db: TDb) {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = createIngestBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher;
}
