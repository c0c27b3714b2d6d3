import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversationMentions, conversations } from '@/db/schema';
import { visibleConversations } from '@/server/services/conversations/visibility';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/** Counts stop here ("99+"): a tab title or a badge needs no more, and the reads stay short ranges. */
export const UNREAD_CAP = 99;

/**
 * What is waiting for this person, for the tab's title and the Mentions link: their open conversations with customer
 * messages unread, and the conversations where a note mentioned them that they have not opened since; `total`
 * counts each conversation once. Both read small index ranges (the assignee's open conversations; their mentions).
 */
export async function unreadSummary(db: TDbOrTx, workspace: TWorkspaceContext, userId: string) {
  const unreadMentions = sql`select ${conversationMentions.conversationId} as id from ${conversationMentions}
    join ${conversations} on ${conversations.id} = ${conversationMentions.conversationId}
    where ${conversationMentions.workspaceId} = ${workspace.id} and ${conversationMentions.userId} = ${userId}
      and ${conversationMentions.readAt} is null and ${visibleConversations(workspace, userId)}`;
  const unreadMine = sql`select ${conversations.id} as id from ${conversations}
    where ${conversations.workspaceId} = ${workspace.id} and ${conversations.assigneeId} = ${userId}
      and ${conversations.status} = 'open' and ${conversations.unreadCount} > 0`;
  const [row] = await db.execute<{ mentions: number; total: number }>(sql`select
    (select count(*)::int from (${unreadMentions} limit ${UNREAD_CAP + 1}) m) as mentions,
    (select count(*)::int from ((${unreadMine} limit ${UNREAD_CAP + 1}) union (${unreadMentions} limit ${UNREAD_CAP + 1})) t) as total`);
  const cap = (n: number) => ({ count: Math.min(n, UNREAD_CAP), capped: n > UNREAD_CAP });
  return { mentions: cap(row?.mentions ?? 0), total: cap(row?.total ?? 0) };
}
