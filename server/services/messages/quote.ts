import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { messages } from '@/db/schema';
import type { TChannelType } from '@/server/domain/channel-types';
import { channelAllows, mayQuote } from '@/server/domain/replies';
import { AppError } from '@/server/errors';

/**
 * The provider id an agent's reply quotes: the message must be of this conversation (so of this workspace and
 * customer) and have reached the provider. The reply keeps it in its payload as `quotedId`, like a customer's reply
 * (whatsapp/parse-context.ts), so both are shown by the same join (./list.ts) and the adapter sends it as the
 * message's `context.message_id`.
 */
export async function quotedProviderId(
  tx: TDbOrTx,
  conversation: { id: string; channelType: TChannelType },
  messageId: number,
): Promise<string> {
  if (!channelAllows(conversation.channelType, 'quote')) throw new AppError('QUOTE_NOT_AVAILABLE');
  const [quoted] = await tx
    .select({
      direction: messages.direction,
      kind: messages.kind,
      providerMessageId: messages.providerMessageId,
      deletedAt: messages.deletedAt,
    })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversation.id)));
  if (!quoted || !mayQuote(quoted)) throw new AppError('QUOTE_NOT_AVAILABLE');
  return quoted.providerMessageId!;
}
