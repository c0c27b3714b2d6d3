import { sql } from 'drizzle-orm';
import type { TDb } from '@/db/client';
import { logger } from '@/server/logger';
import { putBack } from './send-queue';
import { LEASE_LOCK_CLASS } from './worker-lease';

export type TSweepResult = { deadWorkers: number[]; orphanedJobs: number; unknownAttempts: number };

/**
 * Finds the work of worker processes that died (their lease lock can be taken) and hands it out again: their calls
 * in flight become attempts of unknown outcome (to be reconciled before any resend), and their claimed jobs are
 * put back in the queue, due now. Holding the dead leases' locks until commit keeps two sweepers from doing it twice.
 */
export async function sweepDeadWorkers(db: TDb): Promise<TSweepResult> {
  return db.transaction(async (tx) => {
    const dead = await tx.execute<{ worker_id: number }>(sql`
      with workers as (
        select worker_id from send_claims
        union
        select worker_id from delivery_attempts where state = 'calling' and worker_id is not null
      )
      select worker_id from workers where pg_try_advisory_xact_lock(${LEASE_LOCK_CLASS}::int, worker_id)`);
    const ids = [...dead].map((r) => r.worker_id);
    if (ids.length === 0) return { deadWorkers: [], orphanedJobs: 0, unknownAttempts: 0 };
    const workers = sql`(select unnest(${`{${ids.join(',')}}`}::int[]))`;
    const unknown = await tx.execute(sql`
      update delivery_attempts set state = 'unknown'
      where state = 'calling' and worker_id in ${workers} returning id`);
    const claims = await tx.execute<{ job_id: string }>(sql`
      delete from send_claims where worker_id in ${workers} returning job_id`);
    const jobIds = [...claims].map((c) => c.job_id);
    // Put back, not re-created: each keeps its place in its number's queue and spends none of pg-boss's retries.
    await putBack(tx, jobIds, null);
    logger.warn({ deadWorkers: ids, orphanedJobs: jobIds.length, unknownAttempts: unknown.length }, 'recovered the sends of dead workers');
    return { deadWorkers: ids, orphanedJobs: jobIds.length, unknownAttempts: unknown.length };
  });
}
