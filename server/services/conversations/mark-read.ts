import { and, eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import { notify } from '@/server/realtime/notify';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/**
 * Opening a conversation you are assigned to marks it read. Only the assignee's reading counts: a supervisor
 * glancing at it must not hide unread work from the agent who owns it.
 */
export async function markRead(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, id: string): Promise<{ changed: boolean }> {
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
    return { changed: !!row };
  });
}
