import type PgBoss from 'pg-boss';
import type { TDb } from '@/db/client';
import type { TFailureData } from '@/server/domain/delivery-status';
import { logger } from '@/server/logger';
import { applyReceipt } from '@/server/services/messages/delivery';
import { autoCloseIdleConversations } from '@/server/services/conversations/auto-close';
import { foldBusyOpenCounts } from '@/server/services/conversations/open-counts';
import { liftExpiredRestrictions } from '@/server/services/whatsapp/account-updates';
import { syncAllWhatsAppChannels, syncWhatsAppChannel } from '@/server/services/whatsapp/sync';
import { env } from '@/server/env';
import { downloadMedia, MediaRetryLater } from '@/server/services/media/download';
import { AUTO_CLOSE_CRON, FOLD_OPEN_COUNTS_CRON, onBossStop, QUEUES, WHATSAPP_SYNC_CRON } from './boss';
import { startClosingAlertSweeper } from './closing-alert-sweeper';
import { startSendDispatcher, type TDispatcherOptions } from './send-dispatcher';
import { acquireWorkerLease } from './worker-lease';

/** One channel, or every channel (optionally only those never synced: the sync on connect). */
export type TWhatsAppSyncJob = { channelId?: string; onlyNeverSynced?: boolean };
type TReceiptJob = {
  channelId: string;
  providerMessageId: string;
  status: 'delivered' | 'read' | 'failed';
  code?: string;
  data?: TFailureData;
};

export async function registerWorkers(boss: PgBoss, db: TDb, sendOptions: TDispatcherOptions = {}): Promise<void> {
  // Sends: isolated per number, with a lease that lets others recover this process's sends the moment it dies.
  const lease = await acquireWorkerLease(db);
  const sends = startSendDispatcher(boss, db, lease, sendOptions);
  onBossStop(() => sends.stop());
  logger.debug({ workerId: lease.workerId }, 'send dispatcher started');
  await boss.work<TReceiptJob>(QUEUES.receipt, { batchSize: 10, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) {
      const { channelId, providerMessageId, status, code, data } = job.data;
      // A failure reported after the provider accepted the message: nothing says a plain resend would fare better.
      await applyReceipt(db, channelId, providerMessageId, status, code ? { code, kind: 'permanent', data } : undefined);
    }
  });

  // Inbound files: a few at once per process (each holds a file of up to 100 MB in memory while it is checked).
  await boss.work<{ messageId: number }>(QUEUES.mediaDownload, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
    if (!job) return;
    const result = await downloadMedia(db, job.data.messageId);
    if (result.outcome === 'retry') throw new MediaRetryLater(result.detail);
  });

  await boss.work<TWhatsAppSyncJob>(QUEUES.whatsappSync, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    if (job.data.channelId) await syncWhatsAppChannel(db, job.data.channelId);
    else {
      await syncAllWhatsAppChannels(db, { onlyNeverSynced: job.data.onlyNeverSynced });
      // The periodic pass also ends restrictions whose term has run out (Meta says nothing when they do).
      if (!job.data.onlyNeverSynced) await liftExpiredRestrictions(db);
    }
  });
  // Schedules live in the database, so every worker process may declare this one: it runs once per period.
  await boss.schedule(QUEUES.whatsappSync, WHATSAPP_SYNC_CRON, {} satisfies TWhatsAppSyncJob, { singletonKey: 'periodic' });
  await boss.work(QUEUES.foldOpenCounts, { batchSize: 1, pollingIntervalSeconds: 10 }, async () => {
    await foldBusyOpenCounts(db);
  });
  await boss.schedule(QUEUES.foldOpenCounts, FOLD_OPEN_COUNTS_CRON, {}, { singletonKey: 'periodic' });
  // One schedule in the database however many processes declare it; the sweep itself is safe to overlap (SKIP LOCKED).
  await boss.work(QUEUES.autoClose, { batchSize: 1, pollingIntervalSeconds: 10 }, async () => {
    const closed = await autoCloseIdleConversations(db);
    if (closed > 0) logger.info({ closed }, 'closed idle conversations');
  });
  await boss.schedule(QUEUES.autoClose, AUTO_CLOSE_CRON, {}, { singletonKey: 'periodic' });
  // Closing-soon alerts: a sweeper in every worker (their claim is atomic, so an alert still fires once).
  const closingAlerts = startClosingAlertSweeper(db, env().CLOSING_ALERT_SWEEP_SECONDS * 1000);
  onBossStop(() => closingAlerts.stop());
  // Sync on connect: numbers added since the last start (or never reachable) are synced right away.
  await boss.send(QUEUES.whatsappSync, { onlyNeverSynced: true } satisfies TWhatsAppSyncJob, {
    singletonKey: 'on-connect',
    singletonSeconds: 60,
  });
}
