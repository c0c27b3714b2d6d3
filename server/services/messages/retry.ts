import { and, eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, messages } from '@/db/schema';
import { databaseNow } from '@/db/clock';
import { mayRetry } from '@/server/domain/delivery-status';
import { evaluateWindow, outboundRule } from '@/server/domain/window';
import { AppError } from '@/server/errors';
import { enqueue, QUEUES } from '@/server/jobs/boss';
import { notify } from '@/server/realtime/notify';
import { visibleConversations } from '@/server/services/conversations/visibility';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/**
 * Sends a failed message again, when its adapter called the failure transient (a retry can fix it), and only as the window allows now: free
 * text after a lapse is refused (send a template), and a reply now in the tag period goes out with the tag.
 */
export async function retryMessage(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, messageId: number) {
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({
        id: messages.id,
        status: messages.status,
        failureKind: messages.failureKind,
        errorCode: messages.errorCode,
        direction: messages.direction,
        kind: messages.kind,
        payload: messages.payload,
        conversationId: messages.conversationId,
      })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(and(eq(messages.id, messageId), visibleConversations(workspace, userId)))
      .for('update', { of: messages });
    if (!message || message.direction !== 'out') throw new AppError('NOT_FOUND', 'messageNotFound');
    if (!mayRetry(message)) throw new AppError('INVALID_INPUT', 'retryCannotHelp');
    const [conversation] = await tx
      .select({ channelType: conversations.channelType, lastInboundAt: conversations.lastInboundAt, assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(eq(conversations.id, message.conversationId))
      .for('update');
    const window = evaluateWindow(conversation!.channelType, conversation!.lastInboundAt, await databaseNow(tx));
    const rule = outboundRule(window, message.kind === 'template' ? 'template' : message.kind === 'reaction' ? 'reaction' : 'text');
    if (!rule.allowed) throw new AppError(rule.code);
    await tx
      .update(messages)
      .set({
        status: 'queued',
        errorCode: null,
        errorReason: null,
        failureKind: null,
        errorData: null,
        statusUpdatedAt: sql`now()`,
        ...(message.kind !== 'template' ? { messagingTag: rule.tag } : {}),
      })
      .where(eq(messages.id, messageId));
    await enqueue(tx, QUEUES.send, { messageId });
    await notify(tx, {
      type: 'message.status',
      workspaceId: workspace.id,
      conversationId: message.conversationId,
      messageId,
      status: 'queued',
      assigneeId: conversation!.assigneeId,
      actorId: userId,
    });
    return { queued: true };
  });
}
