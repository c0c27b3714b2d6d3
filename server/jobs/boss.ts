import { sql, type SQL } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { TDbOrTx } from '@/db/client';
import { logger } from '@/server/logger';
import { MEDIA_DOWNLOAD_POLICY, MEDIA_DOWNLOAD_QUEUE } from '@/server/services/media/queue';

export const QUEUES = {
  /** Deliver one outbound message through its channel's adapter. */
  send: 'message-send',
  /** A delivery receipt the simulator promised to report later. */
  receipt: 'message-receipt',
  /** Pull a WhatsApp number's health and templates from Meta (one channel, or all of them). */
  whatsappSync: 'whatsapp-sync',
  /** Fold the open-count deltas of busy workspaces (readers fold too; this covers the hours nobody looks). */
  foldOpenCounts: 'fold-open-counts',
  /** Close the open conversations idle for longer than their workspace's auto-close hours. */
  autoClose: 'auto-close-idle',
  /** Fetch an inbound message's file from Meta into our storage (written by ingest's own statement: services/ingest/media.ts). */
  mediaDownload: MEDIA_DOWNLOAD_QUEUE,
} as const;

/** Every minute: a conversation closes within a minute of reaching its workspace's idle limit. */
export const AUTO_CLOSE_CRON = '* * * * *';

export const FOLD_OPEN_COUNTS_CRON = '* * * * *';

/** The periodic number-health and template sync (Meta's management API allows ~200 calls an hour per WABA). */
export const WHATSAPP_SYNC_CRON = '*/15 * * * *';

/**
 * Sends count their attempts themselves (delivery_attempts) and are put back, never failed, by the dispatcher;
 * pg-boss's own retry only catches a job whose worker lost it without the sweeper or its stray check noticing. Its
 * limit is therefore high and its delay flat: a job pg-boss fails would leave its message queued with no job at all.
 * The expiry is above a whole request (connect 3 s, request 10 s) and the few statements around it.
 */
export const SEND_RETRY = { retryLimit: 1000, retryDelay: 5, retryBackoff: false } as const;
export const SEND_EXPIRE_SECONDS = 60;

const globalForBoss = globalThis as unknown as { nafidhaBoss?: PgBoss; nafidhaBossStopHooks?: (() => Promise<void>)[] };

/** Work started next to the queue (the send dispatcher) that must stop before it. */
export function onBossStop(hook: () => Promise<void>): void {
  (globalForBoss.nafidhaBossStopHooks ??= []).push(hook);
}

export async function startBoss(connectionString: string): Promise<PgBoss> {
  if (globalForBoss.nafidhaBoss) return globalForBoss.nafidhaBoss;
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'nafidha-jobs' });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  await boss.createQueue(QUEUES.send, { name: QUEUES.send, ...SEND_RETRY, expireInSeconds: SEND_EXPIRE_SECONDS });
  // createQueue leaves an existing queue as it was: a deployment made before the limit was raised gets it here.
  await boss.updateQueue(QUEUES.send, { name: QUEUES.send, ...SEND_RETRY, expireInSeconds: SEND_EXPIRE_SECONDS });
  await boss.createQueue(QUEUES.receipt, { name: QUEUES.receipt, retryLimit: 3, retryDelay: 1 });
  await boss.createQueue(QUEUES.whatsappSync, { name: QUEUES.whatsappSync, retryLimit: 2, retryDelay: 30, expireInSeconds: 600 });
  await boss.createQueue(QUEUES.foldOpenCounts, { name: QUEUES.foldOpenCounts, retryLimit: 0, expireInSeconds: 300 });
  await boss.createQueue(QUEUES.autoClose, { name: QUEUES.autoClose, retryLimit: 0, expireInSeconds: 300 });
  await boss.createQueue(QUEUES.mediaDownload, { name: QUEUES.mediaDownload, ...MEDIA_DOWNLOAD_POLICY });
  globalForBoss.nafidhaBoss = boss;
  return boss;
}

export function boss(): PgBoss {
  if (!globalForBoss.nafidhaBoss) throw new Error('the job queue is not started');
  return globalForBoss.nafidhaBoss;
}

export async function stopBoss(): Promise<void> {
  const hooks = globalForBoss.nafidhaBossStopHooks ?? [];
  globalForBoss.nafidhaBossStopHooks = [];
  await Promise.allSettled(hooks.map((hook) => hook()));
  await globalForBoss.nafidhaBoss?.stop({ graceful: true, timeout: 5000 });
  globalForBoss.nafidhaBoss = undefined;
}

/**
 * pg-boss writes its job through the caller's transaction: the job exists exactly when the message that needs it
 * does, so a crash can neither lose a send nor leave a job for a message that was rolled back.
 */
export function transactionExecutor(tx: TDbOrTx) {
  return {
    async executeSql(text: string, values: unknown[]) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = [];
      parts.forEach((part, index) => chunks.push(index % 2 === 0 ? sql.raw(part) : sql`${bindable(values[Number(part) - 1])}`));
      const rows = await tx.execute(sql.join(chunks));
      return { rows: [...rows] };
    },
  };
}

/**
 * postgres.js (as Drizzle configures it) binds strings and numbers; send dates and JSON as text, string lists as
 * array literals, and undefined
 * as null (Drizzle would drop an undefined value from the statement altogether).
 */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  // pg-boss passes id lists for `uuid[]` parameters: as a PostgreSQL array literal.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return `{${value.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  }
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return value;
}

export async function enqueue(tx: TDbOrTx, queue: string, data: object, options: PgBoss.SendOptions = {}): Promise<void> {
  await boss().send(queue, data, { ...options, db: transactionExecutor(tx) });
}
