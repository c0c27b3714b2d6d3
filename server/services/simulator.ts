import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { channels } from '@/db/schema';
import { simulatorAdapter, ZSimulatedInbound } from '@/server/channels/simulator/adapter';
import { AppError } from '@/server/errors';
import { ingestInbound } from './ingest';
import type { TWorkspaceContext } from './workspaces';

export const ZSimulateInboundInput = ZSimulatedInbound.omit({ phoneAddressed: true }).extend({ channelId: z.uuid() });

/**
 * Plays a customer writing in on any channel of the workspace. The simulator adapter parses it like a provider's
 * payload and it goes through the same ingest as a webhook, so everything downstream (window, list, realtime) is real.
 */
export async function simulateInbound(db: TDbOrTx, workspace: TWorkspaceContext, rawInput: z.input<typeof ZSimulateInboundInput>) {
  const { channelId, ...input } = ZSimulateInboundInput.parse(rawInput);
  const [channel] = await db
    .select({ id: channels.id, type: channels.type })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspace.id)));
  if (!channel) throw new AppError('NOT_FOUND', 'That channel does not exist in this workspace.');
  const [message] = simulatorAdapter.parseInbound(channel.id, {
    ...input,
    phoneAddressed: ['whatsapp', 'sms', 'viber'].includes(channel.type),
  });
  return ingestInbound(db, message!);
}
