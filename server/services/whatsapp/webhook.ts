import { and, eq } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '@/db/client';
import { channels } from '@/db/schema';
import { openWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { parseInboundMessages, parseStatuses } from '@/server/channels/whatsapp/parse';
import { sameSecret, verifySignature } from '@/server/channels/whatsapp/signature';
import { wellFormed } from '@/server/domain/well-formed-text';
import { isUuid } from '@/server/domain/limits';
import { changesOf, ZMessagesValue, ZWebhookEnvelope } from '@/server/channels/whatsapp/webhook-schema';
import { logger } from '@/server/logger';
import { applyReceipt } from '@/server/services/messages/delivery';
import { batchedIngest } from '@/server/services/ingest/batcher';
import { numberChannel } from './number-channel';
import { applyOtherField } from './webhook-fields';

export type TWebhookResponse = { status: number; body: string };

/** Meta's payloads are at most 3 MB; anything far larger is not Meta. */
export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

const DISCONNECTED: TWebhookResponse = { status: 410, body: 'channel disconnected' };

/** The channel a webhook URL names: by our channel id, or by the number's phone_number_id (stable, for setup docs). */
async function lookUpWhatsappChannel(db: TDbOrTx, channelRef: string) {
  if (!/^[0-9a-z-]{1,64}$/i.test(channelRef)) return null;
  const byId = isUuid(channelRef);
  const [channel] = await db
    .select()
    .from(channels)
    .where(and(byId ? eq(channels.id, channelRef) : eq(channels.externalId, channelRef), eq(channels.type, 'whatsapp')));
  if (!channel) return null;
  const config = openWhatsAppConfig(channel.config);
  return config ? { ...channel, config } : null;
}

/**
 * Every webhook names its channel, and there are a handful of channels: found channels are remembered for a few
 * seconds per process, so a burst of webhooks does not look the same row up hundreds of times a second. A changed
 * app secret or verify token takes effect within CHANNEL_TTL_MS everywhere (Meta keeps retrying meanwhile).
 */
const CHANNEL_TTL_MS = 5_000;
const channelCache = new WeakMap<object, Map<string, { channel: Awaited<ReturnType<typeof lookUpWhatsappChannel>>; until: number }>>();

async function whatsappChannel(db: TDbOrTx, channelRef: string) {
  let cache = channelCache.get(db);
  if (!cache) channelCache.set(db, (cache = new Map()));
  const hit = cache.get(channelRef);
  if (hit && hit.until > Date.now()) return hit.channel;
  const channel = await lookUpWhatsappChannel(db, channelRef);
  if (channel) cache.set(channelRef, { channel, until: Date.now() + CHANNEL_TTL_MS });
  else cache.delete(channelRef);
  return channel;
}

/** The subscription handshake: echo hub.challenge when hub.verify_token is this channel's token. */
export async function verifyWebhookSubscription(db: TDbOrTx, channelId: string, params: URLSearchParams): Promise<TWebhookResponse> {
  const channel = await whatsappChannel(db, channelId);
  if (!channel) return { status: 404, body: 'unknown channel' };
  if (channel.status === 'disconnected') return DISCONNECTED;
  const ok = params.get('hub.mode') === 'subscribe' && sameSecret(params.get('hub.verify_token'), channel.config.verifyToken);
  return ok ? { status: 200, body: params.get('hub.challenge') ?? '' } : { status: 403, body: 'verification failed' };
}

/**
 * One POST from Meta: checked against the app secret over the raw bytes, then every message and status in it is
 * stored (each idempotently) or explicitly ignored. The 200 goes out only after all of it is committed. Content never
 * causes a 500: text is repaired, timestamps out of sense are replaced by the receipt time, and a message that still
 * cannot be stored is kept as unsupported with the reason (./ingest-batcher). Only a failure outside the content (the
 * database unreachable) answers 500, and Meta delivers it again, which replays harmlessly.
 */
export async function handleWhatsAppWebhook(
  db: TDb,
  channelId: string,
  rawBody: Buffer,
  signature: string | null,
): Promise<TWebhookResponse> {
  const channel = await whatsappChannel(db, channelId);
  if (!channel) return { status: 404, body: 'unknown channel' };
  // A disconnected number's webhooks are refused (Meta retries them for a while, then gives up); its history stays.
  if (channel.status === 'disconnected') return DISCONNECTED;
  if (!verifySignature(rawBody, signature, channel.config.appSecret)) return { status: 401, body: 'invalid signature' };

  const receivedAt = new Date();
  let json: unknown;
  try {
    // Repaired once for every use below, the stored raw payload included (server/domain/well-formed-text).
    json = wellFormed(JSON.parse(rawBody.toString('utf8')));
  } catch {
    return { status: 400, body: 'body is not JSON' };
  }
  const envelope = ZWebhookEnvelope.safeParse(json);
  if (!envelope.success) return { status: 400, body: 'not a webhook envelope' };

  let messages = 0;
  let statuses = 0;
  for (const { entryId, entryTime, change } of changesOf(envelope.data)) {
    // Number health, templates, account alerts, marketing preferences and calls: ./webhook-fields.
    if (change.field !== 'messages') {
      messages += await applyOtherField(db, channel, { entryId, entryTime, change }, receivedAt);
      continue;
    }
    const value = ZMessagesValue.safeParse(change.value);
    if (!value.success) {
      logger.warn({ channelId, issues: value.error.issues.slice(0, 3) }, 'skipped a malformed messages change');
      continue;
    }
    // One app may serve several numbers: route by the number the change is for.
    const target = await numberChannel(db, channel.workspaceId, channel.id, channel.externalId, value.data.metadata.phone_number_id);
    if (!target) {
      logger.warn({ channelId, phoneNumberId: value.data.metadata.phone_number_id }, 'webhook for a number this workspace does not have');
      continue;
    }
    // Together with other requests' messages arriving meanwhile (group commit); answered once committed.
    const ingest = batchedIngest(db);
    const inbound = parseInboundMessages(target, value.data, receivedAt);
    if (inbound.ignored.length > 0)
      logger.warn({ channelId, ignored: inbound.ignored.slice(0, 3) }, 'ignored messages with no id or sender');
    await Promise.all(inbound.messages.map((message) => ingest(message)));
    messages += inbound.messages.length;
    for (const receipt of parseStatuses(value.data.statuses ?? [], receivedAt)) {
      await applyReceipt(db, target, receipt.providerMessageId, receipt.status, receipt.error, receipt.opaque, receipt.pricing);
      statuses += 1;
    }
  }
  return { status: 200, body: JSON.stringify({ messages, statuses }) };
}
