import { randomUUID } from 'node:crypto';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '@/db/client';
import { channels, messages } from '@/db/schema';
import { simulatedInbound } from '@/server/channels/simulator/adapter';
import { openWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { adReferral, textMessageEnvelope } from '@/server/channels/whatsapp/envelopes';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { messageEnvelope } from '@/server/channels/whatsapp/media-envelopes';
import { simulatedMediaMessage } from './simulate-media';
import { phoneDigits } from '@/server/domain/phone';
import { AppError } from '@/server/errors';
import { ingestInbound, type TIngestResult } from '@/server/services/ingest/ingest';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TSimulateInboundInput } from './schemas';

/** The channels a simulated customer can write to: every channel of the workspace but the disconnected ones. */
export async function simulatorChannels(db: TDbOrTx, workspace: TWorkspaceContext) {
  return db
    .select({ id: channels.id, name: channels.name, type: channels.type })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspace.id), ne(channels.status, 'disconnected')))
    .orderBy(asc(channels.type), asc(channels.name));
}

/**
 * Plays a customer writing in on any channel of the workspace. On a WhatsApp number connected to the Cloud API the
 * message becomes a webhook exactly as Meta would post it, signed with the number's app secret, and takes the real
 * webhook path (signature, parsing, idempotency, window from Meta's timestamp). Other channels have no real adapter
 * yet: the simulator adapter parses the message and it goes through the same ingest.
 */
export async function simulateInbound(
  db: TDb,
  workspace: TWorkspaceContext,
  { channelId, ...input }: TSimulateInboundInput,
): Promise<TIngestResult> {
  const [channel] = await db
    .select({ id: channels.id, type: channels.type, externalId: channels.externalId, config: channels.config, status: channels.status })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspace.id)));
  if (!channel) throw new AppError('NOT_FOUND', 'channelNotInWorkspace');
  if (channel.status === 'disconnected') throw new AppError('CHANNEL_DISCONNECTED');

  const whatsapp = channel.type === 'whatsapp' ? openWhatsAppConfig(channel.config) : null;
  if (whatsapp) {
    const digits = phoneDigits(input.from);
    if (digits.length < 8) throw new AppError('INVALID_INPUT', 'whatsappNeedsPhone');
    const id = `wamid.sim.${randomUUID()}`;
    const envelope = {
      phoneNumberId: whatsapp.phoneNumberId,
      displayPhoneNumber: whatsapp.displayPhoneNumber,
      from: digits,
      name: input.name ?? '',
      id,
      timestamp: Math.floor(Date.now() / 1000) - input.sentSecondsAgo,
      ...(input.adHeadline ? { referral: adReferral(input.adHeadline) } : {}),
    };
    const raw = Buffer.from(
      JSON.stringify(
        input.media
          ? messageEnvelope(envelope, simulatedMediaMessage(input.media, input.text))
          : textMessageEnvelope({ ...envelope, body: input.text }),
      ),
    );
    const response = await handleWhatsAppWebhook(db, channel.id, raw, signatureOf(raw, whatsapp.appSecret));
    if (response.status !== 200) throw new Error(`the simulated webhook was refused: ${response.status} ${response.body}`);
    const [stored] = await db
      .select({ conversationId: messages.conversationId, messageId: messages.id })
      .from(messages)
      .where(and(eq(messages.channelId, channel.id), eq(messages.providerMessageId, id)));
    if (!stored) throw new Error('the simulated webhook was accepted but stored nothing');
    return { ...stored, duplicate: false };
  }

  const message = simulatedInbound(channel.id, {
    ...input,
    phoneAddressed: ['whatsapp', 'sms', 'viber'].includes(channel.type),
  });
  return ingestInbound(db, message);
}
