import { and, desc, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { contacts, conversations } from '@/db/schema';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import { visibleConversations } from '@/server/services/conversations/visibility';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/**
 * The contact of a conversation the caller may see, locked for this transaction (NOT_FOUND otherwise, also for
 * another workspace's conversation): the one door every contact edit goes through.
 */
export async function lockContactOf(tx: TDbOrTx, workspace: TWorkspaceContext, userId: string, conversationId: string) {
  const [conversation] = await tx
    .select({ contactId: conversations.contactId })
    .from(conversations)
    .where(and(visibleConversations(workspace, userId), eq(conversations.id, conversationId)));
  if (!conversation) throw new AppError('NOT_FOUND', 'conversationNotVisible');
  const [contact] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, conversation.contactId), eq(contacts.workspaceId, workspace.id)))
    .for('update');
  if (!contact) throw new AppError('NOT_FOUND', 'conversationNotVisible');
  return contact;
}

/** How many of a contact's conversations hear of an edit: the most recent, which are the ones open on screens. */
const ANNOUNCED_CONVERSATIONS = 50;

/**
 * Tells every tab showing one of the contact's conversations that it changed: the pane refetches the contact and
 * the lists patch the row (its name may be new). Sent after the commit, filtered per listener like any
 * conversation change.
 */
export async function announceContactChange(tx: TDbOrTx, workspaceId: string, contactId: string, actorId: string) {
  const rows = await tx
    .select({ id: conversations.id, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.contactId, contactId)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(ANNOUNCED_CONVERSATIONS);
  for (const row of rows)
    await notify(tx, { type: 'conversation.changed', workspaceId, conversationId: row.id, assigneeId: row.assigneeId, actorId });
}
