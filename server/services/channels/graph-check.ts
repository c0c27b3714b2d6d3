import { graphRequest } from '@/server/channels/whatsapp/graph-client';
import type { TWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { graphRefusal } from '@/server/domain/channel-settings';
import { AppError } from '@/server/errors';
import { logger } from '@/server/logger';
import { fetchNumberHealth } from '@/server/services/whatsapp/sync';
import type { THealthPatch } from '@/server/services/whatsapp/number-health';

/**
 * Credentials are tried against the Graph API before anything is stored: the number is read (as the sync reads it:
 * display number, verified name, quality, messaging limit, throughput), then the app is subscribed to the WABA's
 * webhooks (`POST /{waba_id}/subscribed_apps`). A refusal throws GRAPH_REFUSED with Meta's error said in words
 * (errorDetails.graph*); nothing has changed then.
 */
export async function checkWhatsAppCredentials(config: TWhatsAppConfig): Promise<THealthPatch> {
  const number = await fetchNumberHealth(config);
  if (!number.ok) {
    const unreachable = number.code === null && ['TIMEOUT', 'ADAPTER_ERROR', 'HTTP_5XX'].includes(number.failure?.code ?? '');
    logger.info({ phoneNumberId: config.phoneNumberId, code: number.code, failure: number.failure?.code }, 'WhatsApp refused the number');
    throw new AppError('GRAPH_REFUSED', graphRefusal(number.code, unreachable, 'number'));
  }
  if (config.wabaId) {
    const subscribed = await graphRequest<{ success?: boolean }>(config, 'POST', `${config.wabaId}/subscribed_apps`);
    if (!subscribed.ok || subscribed.json.success === false) {
      const code = subscribed.ok ? null : subscribed.code;
      logger.info({ wabaId: config.wabaId, code }, 'WhatsApp refused the webhook subscription');
      throw new AppError('GRAPH_REFUSED', graphRefusal(code, !subscribed.ok && subscribed.unreachable, 'waba'));
    }
  }
  // A new number starts with the limit Meta reports for it (its portfolio's, once a capability webhook names one).
  return { ...number.patch, ...(number.limit ? { messagingLimitTier: number.limit.tier, messagingLimit: number.limit.limit } : {}) };
}
