import { sql, type SQL } from 'drizzle-orm';
import { conversationMentions, conversations } from '@/db/schema';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/** The Mentions view's condition on conversations (lists, bulk "all matching"): a note there mentioned this person. */
export function mentionedIn(workspace: TWorkspaceContext, userId: string): SQL {
  return sql`exists (select 1 from ${conversationMentions} m where m.workspace_id = ${workspace.id} and m.user_id = ${userId}
    and m.conversation_id = ${conversations.id})`;
}
