import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { displayName, listRowsQuery } from './list-row';
import { visibleConversations } from './visibility';

/** One list row by id (for realtime patches), or null when it is not visible to the caller. */
export async function getConversationRow(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, id: string) {
  const [row] = await listRowsQuery(db)
    .where(and(visibleConversations(workspace, userId), eq(conversations.id, id)))
    .limit(1);
  return row ? { ...row, displayName: displayName(row), match: null } : null;
}
