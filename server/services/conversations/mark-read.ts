import { and, eq, isNull, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversationMentions, conversations } from '@/db/schema';
import { notify } from '@/server/realtime/notify';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { visibleConversations } from './visibility';

/**
 * Opening a conversation you are assigned to marks it read. Only the assignee's reading counts: a supervisor
 * glancing at it must not hide unread work from the agent who owns it. Whoever opens it, a mention of them there is
 * read from now on (their Mentions view and the tab's unread total stop counting it).
 */
export async function markRead(
  db: TDbOrTx,
  workspace: TWorkspaceContext,
  userId: string,
  id: string,
): Promise<{ changed: boolean; mentionRead: boolean }> {
  return db.transaction(async (tx) => {
    const updated = await tx
      .update(conversations)
      .set({ unreadCount: 0, updatedAt: sql`now()` })
      .where(
        and(
          eq(conversations.workspaceId, workspace.id),
          eq(conversations.id, id),
          eq(conversations.assigneeId, userId),
          sql`${conversations.unreadCount} > 0`,
        ),
      )
      .returning({ id: conversations.id, assigneeId: conversations.assigneeId });
    const row = updated[0];
    if (row)
      await notify(tx, { type: 'conversation.changed', workspaceId: workspace.id, conversationId: row.id, assigneeId: row.assigneeId });
    // Only of a conversation the reader may see now (and of this workspace): an id from elsewhere changes nothing.
    const read = await tx
      .update(conversationMentions)
      .set({ readAt: sql`now()` })
      .where(
        and(
          eq(conversationMentions.workspaceId, workspace.id),
          eq(conversationMentions.userId, userId),
          eq(conversationMentions.conversationId, id),
          isNull(conversationMentions.readAt),
          sql`exists (select 1 from ${conversations} where ${conversations.id} = ${id} and ${visibleConversations(workspace, userId)})`,
        ),
      )
      .returning({ id: conversationMentions.conversationId });
    return { changed: !!row, mentionRead: read.length > 0 };
  });
}
