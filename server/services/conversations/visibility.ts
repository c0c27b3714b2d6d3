import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { conversations } from '@/db/schema';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/** Agents in a workspace with "agents see all" off see only their own and unassigned conversations. */
export function seesAll(workspace: TWorkspaceContext): boolean {
  return workspace.role !== 'agent' || workspace.settings.agentsSeeAll;
}

/** The SQL condition every conversation read goes through: the workspace, and the agent restriction when on. */
export function visibleConversations(workspace: TWorkspaceContext, userId: string): SQL {
  const inWorkspace = eq(conversations.workspaceId, workspace.id);
  if (seesAll(workspace)) return inWorkspace;
  return and(inWorkspace, or(eq(conversations.assigneeId, userId), isNull(conversations.assigneeId))) ?? sql`false`;
}

export function canSeeConversation(workspace: TWorkspaceContext, userId: string, assigneeId: string | null): boolean {
  return seesAll(workspace) || assigneeId === null || assigneeId === userId;
}
