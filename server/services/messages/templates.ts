import { and, asc, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, templates } from '@/db/schema';
import type { TTemplateComponent } from '@/server/domain/templates';
import { AppError } from '@/server/errors';
import { visibleConversations } from '@/server/services/conversations/visibility';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/** The approved templates of the conversation's own number: the only ones the picker offers. */
export async function approvedTemplatesFor(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, conversationId: string) {
  const [conversation] = await db
    .select({ channelId: conversations.channelId })
    .from(conversations)
    .where(and(visibleConversations(workspace, userId), eq(conversations.id, conversationId)));
  if (!conversation) throw new AppError('NOT_FOUND', 'conversationNotVisible');
  const rows = await db
    .select({
      id: templates.id,
      name: templates.name,
      language: templates.language,
      category: templates.category,
      parameterFormat: templates.parameterFormat,
      components: templates.components,
    })
    .from(templates)
    .where(and(eq(templates.workspaceId, workspace.id), eq(templates.channelId, conversation.channelId), eq(templates.status, 'APPROVED')))
    .orderBy(asc(templates.name), asc(templates.language));
  return rows.map((row) => ({ ...row, components: row.components as TTemplateComponent[] }));
}
