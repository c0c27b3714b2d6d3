import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { databaseNow } from '@/db/clock';
import { channels, conversations, messages } from '@/db/schema';
import { channelAllows, mayReactTo } from '@/server/domain/replies';
import { evaluateWindow, outboundRule } from '@/server/domain/window';
import { AppError } from '@/server/errors';
import { enqueue, QUEUES } from '@/server/jobs/boss';
import { notify } from '@/server/realtime/notify';
import { visibleConversations } from '@/server/services/conversations/visibility';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TAgentReactionPayload } from './reaction-rollback';
import type { TReactInput } from './schemas';

/**
 * An agent reacts to a customer's message (or removes the reaction, with an empty emoji). Whoever may send in the
 * conversation may react: it must be one they can see, and the window must allow a free-form message (a reaction
 * is one to Meta: the window policy's one rule, outboundRule). The target shows the reaction at once
 * (`agent_reaction`); the reaction itself goes out through the same durable queue as text, as a queued
 * outbound `reaction` row that the timeline never shows as a bubble (./list.ts) and that moves no list field: it
 * is no message to the customer's list, preview or unread count. A retried or double-clicked call (same client key)
 * returns the first one's row.
 */
export async function reactToMessage(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TReactInput) {
  return db.transaction(async (tx) => {
    const [found] = await tx
      .select({
        conversation: conversations,
        target: {
          id: messages.id,
          direction: messages.direction,
          kind: messages.kind,
          providerMessageId: messages.providerMessageId,
          deletedAt: messages.deletedAt,
          agentReaction: messages.agentReaction,
        },
      })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(and(visibleConversations(workspace, userId), eq(messages.id, input.messageId)))
      .for('update', { of: conversations });
    if (!found) throw new AppError('NOT_FOUND', 'conversationNotVisible');
    const { conversation, target } = found;

    const [existing] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.conversationId, conversation.id), eq(messages.clientKey, input.clientKey)));
    if (existing) return { messageId: existing.id, duplicate: true };

    const [channel] = await tx.select({ status: channels.status }).from(channels).where(eq(channels.id, conversation.channelId));
    if (channel?.status === 'disconnected') throw new AppError('CHANNEL_DISCONNECTED');
    if (!channelAllows(conversation.channelType, 'react')) throw new AppError('REACTIONS_NOT_SUPPORTED');
    if (!mayReactTo(target)) throw new AppError('REACTION_TARGET_INVALID');
    const now = await databaseNow(tx);
    const rule = outboundRule(evaluateWindow(conversation.channelType, conversation.lastInboundAt, now), 'reaction');
    if (!rule.allowed) throw new AppError(rule.code);

    await tx
      .update(messages)
      .set({ agentReaction: input.emoji === '' ? null : input.emoji })
      .where(eq(messages.id, target.id));
    const [reaction] = await tx
      .insert(messages)
      .values({
        workspaceId: workspace.id,
        conversationId: conversation.id,
        channelId: conversation.channelId,
        direction: 'out',
        kind: 'reaction',
        body: null,
        payload: {
          reaction: { messageId: target.id, target: target.providerMessageId, emoji: input.emoji, previous: target.agentReaction },
        } satisfies TAgentReactionPayload,
        authorId: userId,
        status: 'queued',
        clientKey: input.clientKey,
        messagingTag: rule.tag,
      })
      .returning({ id: messages.id });
    await enqueue(tx, QUEUES.send, {
      messageId: reaction!.id,
      channelId: conversation.channelId,
      workspaceId: workspace.id,
      conversationId: conversation.id,
    });
    await notify(tx, {
      type: 'message.changed',
      workspaceId: workspace.id,
      conversationId: conversation.id,
      messageId: target.id,
      assigneeId: conversation.assigneeId,
      actorId: userId,
    });
    return { messageId: reaction!.id, duplicate: false };
  });
}
