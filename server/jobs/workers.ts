import type PgBoss from 'pg-boss';
import type { TDb } from '@/db/client';
import { logger } from '@/server/logger';
import { applyReceipt, deliverMessage, TransientDeliveryError } from '@/server/services/delivery';
import { foldBusyOpenCounts } from '@/server/services/open-counts';
import { syncAllWhatsAppChannels, syncWhatsAppChannel } from '@/server/services/whatsapp-sync';
import { FOLD_OPEN_COUNTS_CRON, QUEUES, WHATSAPP_SYNC_CRON } from './boss';

type TSendJob = { messageId: number };
/** One channel, or every channel (optionally only those never synced: the sync on connect). */
export type TWhatsAppSyncJob = { channelId?: string; onlyNeverSynced?: boolean };
type TReceiptJob = {
  channelId: string;
  providerMessageId: string;
  status: 'delivered' | 'read' | 'failed';
  code?: string;
  reason?: string;
};

/** Several pollers per queue: pg-boss 10 runs one job at a time per worker, and sends wait mostly on the network. */
const SEND_CONCURRENCY = 4;

export async function registerWorkers(boss: PgBoss, db: TDb): Promise<void> {
  for (let i = 0; i < SEND_CONCURRENCY; i++) {
    await boss.work<TSendJob>(QUEUES.send, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      if (!job) return;
      try {
        const result = await deliverMessage(db, job.data.messageId, { retryCount: job.retryCount, retryLimit: job.retryLimit });
        const channelId = result.followUps?.length ? await channelOf(db, job.data.messageId) : null;
        for (const followUp of channelId ? (result.followUps ?? []) : []) {
          await boss.send(QUEUES.receipt, { channelId: channelId!, ...followUp.receipt } satisfies TReceiptJob, {
            startAfter: new Date(Date.now() + followUp.afterMs),
          });
        }
      } catch (error) {
        if (!(error instanceof TransientDeliveryError)) logger.error({ err: error, messageId: job.data.messageId }, 'send job failed');
        throw error;
      }
    });
  }
  await boss.work<TReceiptJob>(QUEUES.receipt, { batchSize: 10, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) {
      const { channelId, providerMessageId, status, code, reason } = job.data;
      await applyReceipt(db, channelId, providerMessageId, status, code && reason ? { code, reason } : undefined);
    }
  });

  await boss.work<TWhatsAppSyncJob>(QUEUES.whatsappSync, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    if (job.data.channelId) await syncWhatsAppChannel(db, job.data.channelId);
    else await syncAllWhatsAppChannels(db, { onlyNeverSynced: job.data.onlyNeverSynced });
  });
  // Schedules live in the database, so every worker process may declare this one: it runs once per period.
  await boss.schedule(QUEUES.whatsappSync, WHATSAPP_SYNC_CRON, {} satisfies TWhatsAppSyncJob, { singletonKey: 'periodic' });
  await boss.work(QUEUES.foldOpenCounts, { batchSize: 1, pollingIntervalSeconds: 10 }, async () => {
    await foldBusyOpenCounts(db);
  });
  await boss.schedule(QUEUES.foldOpenCounts, FOLD_OPEN_COUNTS_CRON, {}, { singletonKey: 'periodic' });
  // Sync on connect: numbers added since the last start (or never reachable) are synced right away.
  await boss.send(QUEUES.whatsappSync, { onlyNeverSynced: true } satisfies TWhatsAppSyncJob, {
    singletonKey: 'on-connect',
    singletonSeconds: 60,
  });
}

async function channelOf(db: TDb, messageId: number): Promise<string | null> {
  const row = await db.query.messages.findFirst({ columns: { channelId: true }, where: (m, { eq }) => eq(m.id, messageId) });
  return row?.channelId ?? null;
}
