import type { TDb } from '@/db/client';
import { parseEchoes, ZEchoesValue } from '@/server/channels/whatsapp/parse-echoes';
import { logger } from '@/server/logger';
import { batchedIngest } from '@/server/services/ingest/batcher';
import { numberChannel } from './number-channel';

type TChannel = { id: string; workspaceId: string; externalId: string };

/**
 * `smb_message_echoes`: what the business sent from the WhatsApp Business app on its phone (coexistence) joins the
 * customer's conversation as an outbound message, through the same group-committed ingest as customer messages
 * (idempotent on Meta's id, so Meta's retries store it once). Answers how many it stored or changed.
 */
export async function applyEchoesField(db: TDb, channel: TChannel, raw: unknown, receivedAt: Date): Promise<number> {
  const value = ZEchoesValue.safeParse(raw);
  if (!value.success) {
    logger.warn({ channelId: channel.id }, 'skipped message echoes in an unknown shape');
    return 0;
  }
  const target = await numberChannel(db, channel.workspaceId, channel.id, channel.externalId, value.data.metadata.phone_number_id);
  if (!target) return 0;
  const echoes = parseEchoes(target, value.data, receivedAt);
  if (echoes.ignored.length > 0) logger.info({ channelId: target, ignored: echoes.ignored.slice(0, 3) }, 'ignored message echoes');
  // In the order they were sent, in one transaction (with other requests' messages arriving meanwhile).
  await batchedIngest(db).together(echoes.messages);
  return echoes.messages.length;
}

/**
 * `smb_app_state_sync`: the business's phone contacts (added, edited, removed in the WhatsApp Business app). Our
 * contacts are the customers who write or are written to, so the address book is acknowledged and not kept; the
 * count is logged (never the names or numbers).
 */
export function acknowledgeAppStateSync(channelId: string, raw: unknown): number {
  const entries = (raw as { state_sync?: unknown } | null)?.state_sync;
  logger.info({ channelId, entries: Array.isArray(entries) ? entries.length : 0 }, 'acknowledged a WhatsApp Business app contact sync');
  return 0;
}
