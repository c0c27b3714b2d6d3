import { undoFailedReaction } from './reaction-rollback';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, messages } from '@/db/schema';
import {
  statusesBefore,
  UNDELIVERABLE_CODE,
  WINDOW_CLOSED_CODE,
  type TDeliveryStatus,
  type TFailureData,
  type TFailureKind,
} from '@/server/domain/delivery-status';
import { englishFailureReason } from '@/server/i18n/english';
import { evaluateWindow, FREE_WINDOW_MS, windowDeadlines } from '@/server/domain/window';
import { notify } from '@/server/realtime/notify';
import { databaseNow } from '@/db/clock';
import { recordReferralAnswer } from './free-entry';
import { markContactUnreachable } from './contact-reachability';

/** WhatsApp's "re-engagement message" error: the customer's window had closed when the message reached Meta. */
export { WINDOW_CLOSED_CODE };

/** Why a message failed, as its adapter classified it: the code (a catalog key), the verdict, and data for the sentence. */
export type TFailure = { code: string; kind: TFailureKind; data?: TFailureData };

/**
 * The provider says the window had closed although we thought it open (a clock or ordering difference). Fail the
 * message with what to do, and move the conversation's last customer message back just far enough that every view
 * derived from it (chip, composer, sort, filters) now agrees the window is closed.
 */
export async function markWindowClosed(db: TDbOrTx, messageId: number, data?: TFailureData): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await setStatus(tx, messageId, 'failed', { failure: { code: WINDOW_CLOSED_CODE, kind: 'permanent', data } });
    const [message] = await tx
      .select({ conversationId: messages.conversationId, createdAt: messages.createdAt })
      .from(messages)
      .where(eq(messages.id, messageId));
    const [conversation] = await tx
      .select({
        id: conversations.id,
        workspaceId: conversations.workspaceId,
        channelType: conversations.channelType,
        lastInboundAt: conversations.lastInboundAt,
        assigneeId: conversations.assigneeId,
      })
      .from(conversations)
      .where(eq(conversations.id, message!.conversationId))
      .for('update');
    const now = await databaseNow(tx);
    // Only a window that was open when this message went out is corrected: a customer message since then has
    // legitimately opened a new one.
    const reopenedSince = conversation?.lastInboundAt && conversation.lastInboundAt > message!.createdAt;
    if (conversation && !reopenedSince && evaluateWindow(conversation.channelType, conversation.lastInboundAt, now).state === 'open') {
      const lastInboundAt = new Date(now.getTime() - FREE_WINDOW_MS);
      await tx
        .update(conversations)
        .set({ lastInboundAt, ...windowDeadlines(conversation.channelType, lastInboundAt), updatedAt: now })
        .where(eq(conversations.id, conversation.id));
      await notify(tx, {
        type: 'conversation.changed',
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        assigneeId: conversation.assigneeId,
        actorId: null,
      });
    }
    return changed;
  });
}

export async function setStatus(
  db: TDbOrTx,
  messageId: number,
  status: Exclude<TDeliveryStatus, 'queued'>,
  extra: { providerMessageId?: string; failure?: TFailure },
): Promise<boolean> {
  const { failure, ...rest } = extra;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(messages)
      .set({
        status,
        statusUpdatedAt: sql`now()`,
        ...rest,
        ...(failure
          ? {
              errorCode: failure.code,
              failureKind: failure.kind,
              errorData: failure.data ?? null,
              errorReason: englishFailureReason(failure.code, failure.data),
            }
          : {}),
        ...(status === 'delivered' || status === 'read' ? { errorCode: null, errorReason: null, failureKind: null, errorData: null } : {}),
      })
      .where(and(eq(messages.id, messageId), inArray(messages.status, statusesBefore(status))))
      .returning({ id: messages.id, conversationId: messages.conversationId, workspaceId: messages.workspaceId, kind: messages.kind });
    if (!updated) return false;
    if (status === 'failed' && failure?.code === UNDELIVERABLE_CODE) await markContactUnreachable(tx, updated.conversationId);
    // An agent's reaction is no bubble of the timeline (./react.ts): no pane has a status of it to update, but a
    // refused one must stop showing on its target.
    if (updated.kind === 'reaction') {
      if (status === 'failed') await undoFailedReaction(tx, updated);
      return true;
    }
    const [conversation] = await tx
      .select({ assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(eq(conversations.id, updated.conversationId));
    await notify(tx, {
      type: 'message.status',
      workspaceId: updated.workspaceId,
      conversationId: updated.conversationId,
      messageId,
      status,
      ...(status === 'failed' && failure ? { failure: { code: failure.code, kind: failure.kind, data: failure.data ?? null } } : {}),
      assigneeId: conversation?.assigneeId ?? null,
    });
    // The provider has it: it may be the answer to an ad click that starts a free entry point (one guarded UPDATE).
    const answered = status === 'failed' ? null : await recordReferralAnswer(tx, messageId);
    if (answered) {
      await notify(tx, {
        type: 'conversation.changed',
        workspaceId: answered.workspaceId,
        conversationId: answered.conversationId,
        assigneeId: answered.assigneeId,
        actorId: null,
      });
    }
    return true;
  });
}
