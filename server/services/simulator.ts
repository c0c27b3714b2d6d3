import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { channels } from '@/db/schema';
import { AppError } from '@/server/errors';
import { ingestInbound } from './ingest';
import type { TWorkspaceContext } from './workspaces';

export const ZSimulateInboundInput = z.object({
  channelId: z.uuid(),
  /** The customer's address on the channel (a phone number for WhatsApp/SMS/Viber, any id elsewhere). */
  from: z.string().trim().min(3).max(128),
  name: z.string().trim().max(100).optional(),
  text: z.string().trim().min(1).max(4096),
  /** Pretend the customer wrote this long ago (to try windows without waiting); at most 30 days. */
  sentSecondsAgo: z
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600)
    .default(0),
});

/**
 * Plays a customer writing in on any channel of the workspace. It goes through the same ingest as a provider's
 * webhook, so everything downstream (window, list, realtime) is the real thing.
 */
export async function simulateInbound(db: TDbOrTx, workspace: TWorkspaceContext, rawInput: z.input<typeof ZSimulateInboundInput>) {
  const input = ZSimulateInboundInput.parse(rawInput);
  const [channel] = await db
    .select({ id: channels.id, type: channels.type })
    .from(channels)
    .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, workspace.id)));
  if (!channel) throw new AppError('NOT_FOUND', 'That channel does not exist in this workspace.');
  const digits = input.from.replace(/[^\d]/g, '');
  const phoneLike = ['whatsapp', 'sms', 'viber'].includes(channel.type) && digits.length >= 8;
  return ingestInbound(db, {
    channelId: channel.id,
    externalId: phoneLike ? digits : input.from,
    profileName: input.name ?? null,
    phone: phoneLike ? `+${digits}` : null,
    providerMessageId: `sim.${randomUUID()}`,
    sentAt: new Date(Date.now() - input.sentSecondsAgo * 1000),
    kind: 'text',
    body: input.text,
  });
}
