import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TDatabase, TTx } from '@/db/client';

/**
 * Deterministic interleavings for race tests: a gate transaction holds some conversations' row locks, writers are
 * started one after another (each once the previous one is seen waiting, in pg_stat_activity), and releasing the
 * gate lets them run in exactly that order, since PostgreSQL queues row-lock waiters first come, first served.
 * `side` is a connection of the test's own, so the gate and the observer never wait for a pool slot a writer holds.
 */
export function rowGate(side: () => TDatabase) {
  /** Backends of this database waiting for a lock (the writers the gate holds back). */
  const lockWaiters = async () =>
    (await side().sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)[0]!
      .n;

  /** Holds the row locks of these conversations in a transaction of its own until released. */
  async function gate(ids: string[], whileHeld?: (tx: TTx) => Promise<void>) {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const done = side().db.transaction(async (tx) => {
      await tx.execute(sql`select id from conversations where id in ${ids} order by id for update`);
      held();
      await opened;
      await whileHeld?.(tx);
    });
    // A gate that fails to lock fails the test at once, rather than leaving the writers waiting.
    await Promise.race([holding, done]);
    return {
      release: async () => {
        open();
        await done;
      },
    };
  }

  /**
   * Starts the writers one after another, each only once the previous one waits on the gate, then releases the gate:
   * they run in the order given. Returns their outcomes (a refused writer is an outcome, not a failure).
   */
  async function inOrder(ids: string[], writers: (() => Promise<unknown>)[]) {
    const held = await gate(ids);
    const running: Promise<PromiseSettledResult<unknown>>[] = [];
    for (const [i, writer] of writers.entries()) {
      running.push(
        writer().then(
          (value) => ({ status: 'fulfilled', value }) as const,
          (reason: unknown) => ({ status: 'rejected', reason }) as const,
        ),
      );
      await expect.poll(lockWaiters, { timeout: 10_000 }).toBe(i + 1);
    }
    await held.release();
    return Promise.all(running);
  }

  return { gate, inOrder, lockWaiters };
}
