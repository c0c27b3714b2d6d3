import type postgres from 'postgres';
import { reserveConnection, type TDb } from '@/db/client';
import { logger } from '@/server/logger';

/** The first key of every lease lock (advisory locks with two int4 keys; nothing else here uses this one). */
export const LEASE_LOCK_CLASS = 0x6e616664; // "nafd"

/**
 * A worker process's lease: a session-level advisory lock on one connection of its own, keyed by a number drawn
 * once per start. PostgreSQL drops the lock the moment the session ends, so when the process dies (kill -9, a crash,
 * its host gone: server-side TCP keepalives end such a session within about half a minute) anyone can tell at once
 * that its claims and calls in flight are orphaned, without waiting for a heartbeat to go stale or a job to expire.
 * Chosen over a lock per attempt: one lock per process costs nothing per send, and says the same thing.
 */
export type TWorkerLease = {
  readonly workerId: number;
  /** Checks the lock is still held on its connection (a dropped connection loses it); takes a new lease if not. */
  verify(): Promise<boolean>;
  release(): Promise<void>;
};

export async function acquireWorkerLease(db: TDb): Promise<TWorkerLease> {
  let connection: postgres.ReservedSql | null = null;
  let workerId = 0;

  const take = async () => {
    connection?.release();
    connection = await reserveConnection(db);
    await connection`set tcp_keepalives_idle = 10`;
    await connection`set tcp_keepalives_interval = 5`;
    await connection`set tcp_keepalives_count = 3`;
    const [row] = await connection<{ id: number }[]>`select nextval('delivery_worker_seq')::int as id`;
    workerId = row!.id;
    await connection`select pg_advisory_lock(${LEASE_LOCK_CLASS}::int, ${workerId}::int)`;
  };
  await take();

  return {
    get workerId() {
      return workerId;
    },
    async verify() {
      try {
        const [row] = await connection!<{ held: boolean }[]>`
          select exists (
            select 1 from pg_locks
            where locktype = 'advisory' and classid = ${LEASE_LOCK_CLASS}::int::oid and objid = ${workerId}::int::oid
              and objsubid = 2 and pid = pg_backend_pid() and granted
          ) as held`;
        if (row?.held) return true;
      } catch (error) {
        logger.warn({ err: error }, 'the worker lease connection failed');
      }
      logger.warn({ workerId }, 'the worker lease was lost; taking a new one');
      await take();
      return false;
    },
    async release() {
      try {
        await connection?.unsafe('select pg_advisory_unlock_all()');
      } finally {
        connection?.release();
        connection = null;
      }
    },
  };
}
