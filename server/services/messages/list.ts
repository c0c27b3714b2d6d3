import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, messages, users } from '@/db/schema';
import { can } from '@/server/domain/permissions';
import { AppError } from '@/server/errors';
import { visibleConversations } from '@/server/services/conversations/visibility';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';
import type { TMessageListInput } from './schemas';

type TRow = { payload: unknown; editHistory: unknown; deletedAt: Date | null; deletedBody: string | null };

/**
 * What a reader may see of a message the customer deleted or edited: its deleted text, earlier versions and raw
 * payload (which holds the text too) are kept for the audit, so only those who may read the audit log (admins)
 * receive them; everyone else gets the deletion mark alone.
 */
function redactor(workspace: TWorkspaceContext, userId: string) {
  const forAudit = can(workspaceActor(workspace, userId), 'audit.view');
  return <T extends TRow>(m: T): T => {
    if (forAudit) return m;
    return { ...m, editHistory: null, deletedBody: null, payload: m.deletedAt ? null : m.payload };
  };
}

/** A page of a conversation's timeline (newest last). The message id is the cursor: it orders the timeline. */
export async function listMessages(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TMessageListInput) {
  const [conversation] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(visibleConversations(workspace, userId), eq(conversations.id, input.conversationId)));
  if (!conversation) throw new AppError('NOT_FOUND', 'conversationNotVisible');
  const readable = redactor(workspace, userId);

  const base = db
    .select({
      id: messages.id,
      direction: messages.direction,
      kind: messages.kind,
      body: messages.body,
      templateName: messages.templateName,
      templateLanguage: messages.templateLanguage,
      payload: messages.payload,
      status: messages.status,
      errorCode: messages.errorCode,
      errorReason: messages.errorReason,
      failureKind: messages.failureKind,
      errorData: messages.errorData,
      messagingTag: messages.messagingTag,
      authorId: messages.authorId,
      authorName: users.name,
      sentAt: messages.sentAt,
      createdAt: messages.createdAt,
      customerReaction: messages.customerReaction,
      editedAt: messages.editedAt,
      editHistory: messages.editHistory,
      deletedAt: messages.deletedAt,
      deletedBody: messages.deletedBody,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId));

  if (input.after !== undefined && input.after !== null) {
    const items = await base
      .where(and(eq(messages.conversationId, input.conversationId), gt(messages.id, input.after)))
      .orderBy(sql`${messages.id} asc nulls first`) // the index's order read backwards (see below)
      .limit(input.limit);
    return { items: items.map(readable), olderCursor: null };
  }
  const rows = await base
    .where(and(eq(messages.conversationId, input.conversationId), input.cursor ? lt(messages.id, input.cursor) : undefined))
    // Spelled like messages_conversation_idx (id DESC NULLS LAST): a plain DESC means NULLS FIRST to PostgreSQL, which
    // then sorts the whole conversation instead of reading the index in order. id is never null, so the order is the same.
    .orderBy(sql`${messages.id} desc nulls last`)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit).map(readable).reverse();
  return { items: page, olderCursor: rows.length > input.limit ? (page[0]?.id ?? null) : null };
}
