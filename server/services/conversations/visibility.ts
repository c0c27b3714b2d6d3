import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { conversations } from '@/db/schema';
import { can } from '@/server/domain/permissions';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';

/**
 * The SQL condition every conversation read goes through: the workspace, and, for those who may not see all of it,
 * `can`'s conversation.view rule spelled in SQL (their own and unassigned conversations).
 */
export function visibleConversations(workspace: TWorkspaceContext, userId: string): SQL {
  const inWorkspace = eq(conversations.workspaceId, workspace.id);
  if (can(workspaceActor(workspace, userId), 'conversation.seeAll')) return inWorkspace;
  return and(inWorkspace, or(eq(conversations.assigneeId, userId), isNull(conversations.assigneeId))) ?? sql`false`;
}
