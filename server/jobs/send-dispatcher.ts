import { eq, inArray, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { TDb } from '@/db/client';
import { sendClaims } from '@/db/schema';
import { admission } from '@/server/domain/breaker';
import { env } from '@/server/env';
import { logger } from '@/server/logger';
import { breakersOf, takeProbe } from '@/server/services/messages/breaker';
import { deliverMessage, TransientDeliveryError } from '@/server/services/messages/delivery';
import { QUEUES, transactionExecutor } from './boss';
import { completeJobData, completeMany, fetchSends, holdNumber, putBack, releaseStrays, type TJob } from './send-queue';
import { sweepDeadWorkers } from './send-sweeper';
import { wakeableNap } from './wakeable-nap';
import type { TWorkerLease } from './worker-lease';

type TReceiptJobData = { channelId: string; providerMessageId: string; status: 'delivered' | 'read' | 'failed' };

export type TDispatcherOptions = {
  concurrency?: number;
  perChannel?: number;
  pollMs?: number;
  sweepMs?: number;
  /** The reconciliation grace (default: DELIVERY_RECONCILE_GRACE_SECONDS). */
  graceMs?: number;
};

/** How long a number whose probe another worker holds is left alone: the probe's verdict comes well within it. */
const PROBING_HOLD_MS = 2000;

/**
 * Runs the send jobs of this process, isolated per number. pg-boss 10 gives each `work()` poller one job at a time
 * and would let a hanging number hold every poller, so sends are fetched here instead: as many as there are free
 * slots, each claimed (send_claims) in the fetching transaction, skipping the numbers that could not start one (at
 * their `perChannel` share of the slots, or held). A number whose breaker is open, or that Meta is throttling, is
 * held whole: all its queued jobs get the same later start in one statement, so a backlog of thousands neither fills
 * every fetch nor churns job rows, and comes back in order. Jobs are put back, never completed and re-created, so
 * each keeps its place and no retry budget is spent; attempts are counted in delivery_attempts, not by pg-boss.
 */
export function startSendDispatcher(boss: PgBoss, db: TDb, lease: TWorkerLease, options: TDispatcherOptions = {}) {
  const config = env();
  const slots = options.concurrency ?? config.SEND_CONCURRENCY;
  const perChannel = Math.min(slots, options.perChannel ?? config.SEND_CHANNEL_CONCURRENCY);
  const pollMs = options.pollMs ?? 250;
  const sweepMs = options.sweepMs ?? 2000;
  const inFlight = new Map<string, number>();
  /** Conversations with a send in flight here: their next message waits for it, so a customer's arrive in order. */
  const conversationsInFlight = new Set<string>();
  /** Numbers held by this process, until when (their jobs are not due before then anyway; this spares the fetch). */
  const heldUntil = new Map<string, number>();
  /** Jobs fetched and not yet settled or put back: every other claim of this worker is a stray. */
  const holding = new Set<string>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  const napper = wakeableNap();
  const nap = napper.nap;
  const wake = () => napper.wake();

  function skippedChannels(): string[] {
    const now = Date.now();
    for (const [channelId, until] of heldUntil) if (until <= now) heldUntil.delete(channelId);
    const full = [...inFlight].filter(([, n]) => n >= perChannel).map(([channelId]) => channelId);
    return [...new Set([...full, ...heldUntil.keys()])];
  }

  async function claim(count: number): Promise<TJob[]> {
    let fetched: TJob[] = [];
    try {
      return await db.transaction(async (tx) => {
        fetched = await fetchSends(tx, count, skippedChannels(), [...conversationsInFlight]);
        if (fetched.length === 0) return [];
        // Held before the commit makes the claims visible, so no stray check can mistake them for strays.
        for (const job of fetched) holding.add(job.id);
        await tx
          .insert(sendClaims)
          .values(
            fetched.map((j) => ({
              jobId: j.id,
              workspaceId: j.data.workspaceId ?? null,
              messageId: j.data.messageId,
              channelId: j.data.channelId ?? null,
              workerId: lease.workerId,
            })),
          )
          .onConflictDoNothing();
        return fetched;
      });
    } catch (error) {
      for (const job of fetched) holding.delete(job.id);
      throw error;
    }
  }

  /** Ends a job (done, or put back for later) and its claim in one transaction. */
  async function settle(job: TJob, later?: Date, followUps: { afterMs: number; receipt: Omit<TReceiptJobData, 'channelId'> }[] = []) {
    await db.transaction(async (tx) => {
      const executor = transactionExecutor(tx);
      await tx.delete(sendClaims).where(eq(sendClaims.jobId, job.id));
      if (later) await putBack(tx, [job.id], later);
      // pg-boss 10's types omit `data` before the options; at run time it is (name, id, data, options).
      else await boss.complete(QUEUES.send, job.id, {}, { db: executor });
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
      if (error instanceof TransientDeliveryError) {
        await settle(job, jitter(error.retryAt, 250)).catch((e: unknown) => logger.error({ err: e }, 'could not reschedule a send'));
      } else {
        logger.error({ err: error, messageId: job.data.messageId }, 'send job failed');
        await settle(job, new Date(Date.now() + 5000)).catch((e: unknown) => logger.error({ err: e }, 'could not reschedule a send'));
      }
    } finally {
      // Settled or not: one that could not be settled is a stray now, put back by the next stray check.
      holding.delete(job.id);
      const left = (inFlight.get(channelId) ?? 1) - 1;
      if (left > 0) inFlight.set(channelId, left);
      else inFlight.delete(channelId);
    }
  }

  /**
   * Puts fetched jobs back (`at` null: due now, their number skipped while full), holds whole numbers, and completes
   * the jobs of messages that are gone, all in one transaction of a few statements however many there are.
   */
  async function deferAll(deferred: { job: TJob; at: Date | null }[], holds: Map<string, Date>, gone: TJob[]) {
    if (deferred.length === 0 && holds.size === 0 && gone.length === 0) return;
    const byStart = new Map<string, { at: Date | null; ids: string[] }>();
    for (const { job, at } of deferred) {
      const key = at?.toISOString() ?? 'now';
      const group = byStart.get(key) ?? byStart.set(key, { at, ids: [] }).get(key)!;
      group.ids.push(job.id);
    }
    const ids = [...deferred.map((d) => d.job.id), ...gone.map((j) => j.id)];
    await db.transaction(async (tx) => {
      if (ids.length > 0) await tx.delete(sendClaims).where(inArray(sendClaims.jobId, ids));
      for (const { at, ids: group } of byStart.values()) await putBack(tx, group, at);
      for (const [channelId, until] of holds) await holdNumber(tx, channelId, until);
      if (gone.length > 0)
        await completeMany(
          boss,
          gone.map((j) => j.id),
          transactionExecutor(tx),
        );
    });
    for (const [channelId, until] of holds) heldUntil.set(channelId, until.getTime());
    for (const id of ids) holding.delete(id);
  }

  /** Starts what it can of `jobs`, taking each started one out of `unstarted`; returns how many it started. */
  async function dispatch(jobs: TJob[], unstarted: Set<TJob>): Promise<number> {
    await completeJobData(db, jobs);
    const channelIds = [...new Set(jobs.map((j) => j.data.channelId).filter((c): c is string => !!c))];
    const [breakers, [clock]] = await Promise.all([
      breakersOf(db, channelIds),
      db.execute<{ now: string }>(sql`select now()::text as now`),
    ]);
    const now = new Date(clock!.now);
    const deferred: { job: TJob; at: Date | null }[] = [];
    const holds = new Map<string, Date>();
    const gone: TJob[] = [];
    const probes: TJob[] = [];
    let started = 0;
    const start = (job: TJob, channelId: string, probe: boolean) => {
      unstarted.delete(job);
      started += 1;
      const conversationId = job.data.conversationId;
      if (conversationId) conversationsInFlight.add(conversationId);
      const task = run(job, channelId, probe).finally(() => {
        if (conversationId) conversationsInFlight.delete(conversationId);
        running.delete(task);
        wake();
      });
      running.add(task);
    };
    const hold = (job: TJob, channelId: string, until: Date) => {
      // One start per number (jittered per number, not per job), so its jobs stay in the order they were queued.
      if (!holds.has(channelId)) holds.set(channelId, jitter(until, 2000));
      deferred.push({ job, at: holds.get(channelId)! });
    };
    for (const job of jobs) {
      const channelId = job.data.channelId;
      if (!channelId) {
        gone.push(job); // its message is gone: nothing to send
        continue;
      }
      const gate = admission(breakers.get(channelId) ?? null, now);
      if (gate.kind === 'wait') hold(job, channelId, gate.until);
      else if ((inFlight.get(channelId) ?? 0) >= perChannel || conversationsInFlight.has(job.data.conversationId ?? '')) {
        deferred.push({ job, at: null });
      } else if (gate.kind === 'probe') probes.push(job);
      else {
        inFlight.set(channelId, (inFlight.get(channelId) ?? 0) + 1);
        start(job, channelId, false);
      }
    }
    // At most one probe per number goes out; the rest of that number's jobs wait for its verdict.
    for (const job of probes) {
      const channelId = job.data.channelId!;
      if (!holds.has(channelId) && (inFlight.get(channelId) ?? 0) === 0 && (await takeProbe(db, channelId))) {
        inFlight.set(channelId, 1);
        start(job, channelId, true);
      } else hold(job, channelId, new Date(now.getTime() + PROBING_HOLD_MS));
    }
    await deferAll(deferred, holds, gone);
    for (const { job } of deferred) unstarted.delete(job);
    for (const job of gone) unstarted.delete(job);
    return started;
  }

  /** Fetched jobs a failed pass did not start go back, due a little later; claims it could not give back are strays. */
  async function giveBack(jobs: TJob[]) {
    const ids = jobs.map((j) => j.id);
    try {
      await db.transaction(async (tx) => {
        await tx.delete(sendClaims).where(inArray(sendClaims.jobId, ids));
        await putBack(tx, ids, new Date(Date.now() + 1000));
      });
    } catch (error) {
      logger.error({ err: error }, 'could not give back fetched sends; the stray check will');
    } finally {
      for (const id of ids) holding.delete(id);
    }
  }

  let strayCheckAt = 0;
  async function releaseOwnStrays() {
    if (Date.now() < strayCheckAt) return;
    strayCheckAt = Date.now() + sweepMs;
    const released = await releaseStrays(db, lease.workerId, [...holding]);
    if (released > 0) logger.warn({ released }, 'put back sends this worker had claimed but no longer held');
  }

  async function loop() {
    while (!stopped) {
      const free = slots - running.size;
      if (free <= 0) {
        await nap(pollMs);
        continue;
      }
      const unstarted = new Set<TJob>();
      try {
        // In the loop, not the sweep timer: no fetch can be half way (claimed, not yet held) while it looks.
        await releaseOwnStrays();
        const jobs = await claim(free);
        for (const job of jobs) unstarted.add(job);
        // A pass that started nothing naps: what it fetched is held or put back, and fetching again at once would
        // only find the same.
        if (jobs.length === 0 || (await dispatch(jobs, unstarted)) === 0) await nap(pollMs);
      } catch (error) {
        logger.error({ err: error }, 'send dispatcher failed; trying again');
        if (unstarted.size > 0) await giveBack([...unstarted]);
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
      await sweepDeadWorkers(db);
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
      wake();
      await looping;
      await sweeping;
      await Promise.allSettled([...running]);
      await lease.release().catch(() => {});
    },
  };
}
