import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { TDb } from '@/db/client';
import { logger } from '@/server/logger';
import { QUEUES, transactionExecutor } from './boss';
import { LEASE_LOCK_CLASS } from './worker-lease';

export type TSweepResult = { deadWorkers: number[]; orphanedJobs: number; unknownAttempts: number };

/**
 * Finds the work of worker processes that died (their lease lock can be taken) and hands it out again: their calls
 * in flight become attempts of unknown outcome (to be reconciled before any resend), and their claimed jobs are
 * replaced by fresh ones, due now. Holding the dead leases' locks until commit keeps two sweepers from doing it twice.
 */
export async function sweepDeadWorkers(boss: PgBoss, db: TDb): Promise<TSweepResult> {
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
    const claims = await tx.execute<{ job_id: string; message_id: number; channel_id: string | null; workspace_id: string | null }>(sql`
      delete from send_claims where worker_id in ${workers} returning job_id, message_id, channel_id, workspace_id`);
    const executor = transactionExecutor(tx);
    const jobIds = [...claims].map((c) => c.job_id);
    for (const id of jobIds) await boss.complete(QUEUES.send, id, {}, { db: executor });
    for (const claim of claims) {
      await boss.send(
        QUEUES.send,
        {
          messageId: Number(claim.message_id),
          ...(claim.channel_id ? { channelId: claim.channel_id } : {}),
          ...(claim.workspace_id ? { workspaceId: claim.workspace_id } : {}),
        },
        { db: executor },
      );
    }
    logger.warn({ deadWorkers: ids, orphanedJobs: jobIds.length, unknownAttempts: unknown.length }, 'recovered the sends of dead workers');
    return { deadWorkers: ids, orphanedJobs: jobIds.length, unknownAttempts: unknown.length };
  });
}
