import { eq, inArray, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { TDb } from '@/db/client';
import { messages, sendClaims } from '@/db/schema';
import { admission } from '@/server/domain/breaker';
import { env } from '@/server/env';
import { logger } from '@/server/logger';
import { breakersOf, takeProbe } from '@/server/services/breaker';
import { deliverMessage, TransientDeliveryError } from '@/server/services/delivery';
import { QUEUES, transactionExecutor } from './boss';
import { sweepDeadWorkers } from './send-sweeper';
import type { TWorkerLease } from './worker-lease';

export type TSendJob = { messageId: number; channelId?: string; workspaceId?: string };

/** pg-boss 10 completes a list of ids in one statement; its types only declare a single id with data. */
function completeMany(boss: PgBoss, ids: string[], db: ReturnType<typeof transactionExecutor>) {
  const complete = boss.complete.bind(boss) as unknown as (name: string, ids: string[], data: object, options: object) => Promise<unknown>;
  return complete(QUEUES.send, ids, {}, { db });
}
type TReceiptJobData = { channelId: string; providerMessageId: string; status: 'delivered' | 'read' | 'failed' };
type TJob = { id: string; data: TSendJob };

export type TDispatcherOptions = {
  concurrency?: number;
  perChannel?: number;
  pollMs?: number;
  sweepMs?: number;
  /** The reconciliation grace (default: DELIVERY_RECONCILE_GRACE_SECONDS). */
  graceMs?: number;
};

/**
 * Runs the send jobs of this process, isolated per number. pg-boss 10 gives each `work()` poller one job at a time
 * and would let a hanging number hold every poller, so sends are fetched here instead: as many as there are free
 * slots, each claimed (send_claims) in the fetching transaction. A number may use at most `perChannel` slots; its
 * jobs beyond that, and every job of a number whose breaker is open or that Meta is throttling, are put back with a
 * later start (a fresh job, so no retry budget is spent) without waiting for anything, so the other numbers keep
 * every other slot. Attempts are counted in delivery_attempts, not by pg-boss.
 */
export function startSendDispatcher(boss: PgBoss, db: TDb, lease: TWorkerLease, options: TDispatcherOptions = {}) {
  const config = env();
  const slots = options.concurrency ?? config.SEND_CONCURRENCY;
  const perChannel = Math.min(slots, options.perChannel ?? config.SEND_CHANNEL_CONCURRENCY);
  const pollMs = options.pollMs ?? 250;
  const sweepMs = options.sweepMs ?? 2000;
  const inFlight = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  let wake: (() => void) | null = null;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  async function claim(count: number): Promise<TJob[]> {
    return db.transaction(async (tx) => {
      const jobs = (await boss.fetch<TSendJob>(QUEUES.send, { batchSize: count, db: transactionExecutor(tx) })) as TJob[];
      if (jobs.length === 0) return [];
      await tx
        .insert(sendClaims)
        .values(
          jobs.map((j) => ({
            jobId: j.id,
            workspaceId: j.data.workspaceId ?? null,
            messageId: j.data.messageId,
            channelId: j.data.channelId ?? null,
            workerId: lease.workerId,
          })),
        )
        .onConflictDoNothing();
      return jobs;
    });
  }

  /** Ends a job (done, or replaced by a later one) and its claim in one transaction. */
  async function settle(job: TJob, later?: Date, followUps: { afterMs: number; receipt: Omit<TReceiptJobData, 'channelId'> }[] = []) {
    await db.transaction(async (tx) => {
      const executor = transactionExecutor(tx);
      await tx.delete(sendClaims).where(eq(sendClaims.jobId, job.id));
      // pg-boss 10's types omit `data` before the options; at run time it is (name, id, data, options).
      await boss.complete(QUEUES.send, job.id, {}, { db: executor });
      if (later) await boss.send(QUEUES.send, job.data, { startAfter: later, db: executor });
      for (const followUp of job.data.channelId ? followUps : []) {
        await boss.send(QUEUES.receipt, { channelId: job.data.channelId!, ...followUp.receipt } satisfies TReceiptJobData, {
          startAfter: new Date(Date.now() + followUp.afterMs),
          db: executor,
        });
      }
    });
  }

  const jitter = (at: Date, spreadMs: number) => new Date(at.getTime() + Math.floor(Math.random() * spreadMs));

  async function run(job: TJob, channelId: string, probe: boolean) {
    try {
      const result = await deliverMessage(db, job.data.messageId, undefined, { workerId: lease.workerId, probe, graceMs: options.graceMs });
      await settle(job, undefined, result.followUps ?? []);
    } catch (error) {
      if (error instanceof TransientDeliveryError) return settle(job, jitter(error.retryAt, 250));
      logger.error({ err: error, messageId: job.data.messageId }, 'send job failed');
      await settle(job, new Date(Date.now() + 5000)).catch((e: unknown) => logger.error({ err: e }, 'could not reschedule a send'));
    } finally {
      const left = (inFlight.get(channelId) ?? 1) - 1;
      if (left > 0) inFlight.set(channelId, left);
      else inFlight.delete(channelId);
    }
  }

  /**
   * Puts jobs back with later starts, all in one transaction of three statements however many there are: when a
   * paused number's hundreds of held sends come due together, they cost the others a few milliseconds, not seconds.
   */
  async function deferAll(deferred: { job: TJob; at: Date }[]) {
    if (deferred.length === 0) return;
    const ids = deferred.map((d) => d.job.id);
    await db.transaction(async (tx) => {
      const executor = transactionExecutor(tx);
      await tx.delete(sendClaims).where(inArray(sendClaims.jobId, ids));
      await completeMany(boss, ids, executor);
      await boss.insert(
        deferred.map((d) => ({ name: QUEUES.send, data: d.job.data, startAfter: d.at.toISOString() })),
        { db: executor },
      );
    });
  }

  async function dispatch(jobs: TJob[]) {
    const missing = jobs.filter((j) => !j.data.channelId).map((j) => j.data.messageId);
    if (missing.length > 0) {
      const rows = await db.select({ id: messages.id, channelId: messages.channelId }).from(messages).where(inArray(messages.id, missing));
      const byId = new Map(rows.map((r) => [r.id, r.channelId]));
      for (const job of jobs) job.data = { ...job.data, channelId: job.data.channelId ?? byId.get(job.data.messageId) };
    }
    const channelIds = [...new Set(jobs.map((j) => j.data.channelId).filter((c): c is string => !!c))];
    const [breakers, [clock]] = await Promise.all([
      breakersOf(db, channelIds),
      db.execute<{ now: string }>(sql`select now()::text as now`),
    ]);
    const now = new Date(clock!.now);
    const later = (ms: number, spreadMs: number) => jitter(new Date(now.getTime() + ms), spreadMs);
    const deferred: { job: TJob; at: Date }[] = [];
    const probes: TJob[] = [];
    const start = (job: TJob, channelId: string, probe: boolean) => {
      const task = run(job, channelId, probe).finally(() => {
        running.delete(task);
        wake?.();
      });
      running.add(task);
    };
    for (const job of jobs) {
      const channelId = job.data.channelId;
      if (!channelId) {
        deferred.push({ job, at: now }); // its message is gone: the next run skips it
        continue;
      }
      const gate = admission(breakers.get(channelId) ?? null, now);
      if (gate.kind === 'wait') deferred.push({ job, at: jitter(gate.until, 2000) });
      else if ((inFlight.get(channelId) ?? 0) >= perChannel) deferred.push({ job, at: later(250, 500) });
      else if (gate.kind === 'probe') probes.push(job);
      else {
        inFlight.set(channelId, (inFlight.get(channelId) ?? 0) + 1);
        start(job, channelId, false);
      }
    }
    // At most one probe per number goes out; the rest of that number's jobs wait for its verdict.
    for (const job of probes) {
      const channelId = job.data.channelId!;
      if ((inFlight.get(channelId) ?? 0) === 0 && (await takeProbe(db, channelId))) {
        inFlight.set(channelId, 1);
        start(job, channelId, true);
      } else deferred.push({ job, at: later(2000, 1000) });
    }
    await deferAll(deferred);
  }

  async function loop() {
    while (!stopped) {
      const free = slots - running.size;
      if (free <= 0) {
        await nap(pollMs);
        continue;
      }
      try {
        const jobs = await claim(free);
        if (jobs.length === 0) await nap(pollMs);
        else await dispatch(jobs);
      } catch (error) {
        logger.error({ err: error }, 'send dispatcher failed; trying again');
        await nap(1000);
      }
    }
  }

  let sweepingNow = false;
  async function sweep() {
    if (sweepingNow || stopped) return;
    sweepingNow = true;
    try {
      await lease.verify();
      await sweepDeadWorkers(boss, db);
    } catch (error) {
      logger.warn({ err: error }, 'send sweep failed');
    } finally {
      sweepingNow = false;
    }
  }

  const looping = loop();
  const sweeping = sweep();
  const sweeper = setInterval(() => void sweep(), sweepMs);
  return {
    /** Stops fetching, lets the sends in flight finish, and gives up the lease. */
    async stop() {
      stopped = true;
      clearInterval(sweeper);
      wake?.();
      await looping;
      await sweeping;
      await Promise.allSettled([...running]);
      await lease.release().catch(() => {});
    },
  };
}
