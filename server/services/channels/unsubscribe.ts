import { and, eq, ne, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels } from '@/db/schema';
import { graphRequest } from '@/server/channels/whatsapp/graph-client';
import { openWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { logger } from '@/server/logger';

export type TUnsubscribeOutcome = 'unsubscribed' | 'shared' | 'skipped' | 'failed';

/**
 * After a number is disconnected: stop Meta sending its WABA's webhooks here (`DELETE /{waba_id}/subscribed_apps`),
 * but only when no other connected number of this install shares that WABA (the subscription is the app's, per WABA,
 * not per number: dropping it would silence them). Best effort: the disconnect has committed and its webhooks are
 * refused either way (410), so a refusal or an unreachable Meta is logged, never thrown; reconnecting subscribes again.
 */
export async function unsubscribeDisconnectedWaba(db: TDbOrTx, channelId: string): Promise<TUnsubscribeOutcome> {
  const [channel] = await db.select({ config: channels.config, type: channels.type }).from(channels).where(eq(channels.id, channelId));
  if (channel?.type !== 'whatsapp') return 'skipped';
  let config;
  try {
    config = openWhatsAppConfig(channel.config);
  } catch {
    return 'skipped'; // secrets that no longer open cannot call Meta; the webhooks are refused all the same
  }
  if (!config?.wabaId) return 'skipped';
  const [sharing] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(
      and(
        eq(channels.type, 'whatsapp'),
        ne(channels.id, channelId),
        ne(channels.status, 'disconnected'),
        sql`${channels.config}->>'wabaId' = ${config.wabaId}`,
      ),
    )
    .limit(1);
  if (sharing) return 'shared';
  const answer = await graphRequest<{ success?: boolean }>(config, 'DELETE', `${config.wabaId}/subscribed_apps`, { timeoutMs: 5000 });
  if (answer.ok && answer.json.success !== false) return 'unsubscribed';
  logger.warn({ wabaId: config.wabaId, code: answer.ok ? null : answer.code }, 'WhatsApp did not confirm the webhook unsubscription');
  return 'failed';
}
