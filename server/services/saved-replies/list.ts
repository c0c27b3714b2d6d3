import { asc, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { savedReplies } from '@/db/schema';
import type { TSavedReplyLanguage } from '@/server/domain/saved-replies';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/**
 * Every saved reply of the workspace, by shortcut: the composer filters them in the browser as the agent types (a
 * workspace keeps tens of them, not thousands), and Settings lists them.
 */
export async function listSavedReplies(db: TDbOrTx, workspace: TWorkspaceContext) {
  const rows = await db
    .select({
      id: savedReplies.id,
      shortcut: savedReplies.shortcut,
      body: savedReplies.body,
      language: savedReplies.language,
      updatedAt: savedReplies.updatedAt,
    })
    .from(savedReplies)
    .where(eq(savedReplies.workspaceId, workspace.id))
    .orderBy(asc(savedReplies.shortcut), asc(savedReplies.id));
  return rows.map((row) => ({ ...row, language: row.language as TSavedReplyLanguage | null }));
}
