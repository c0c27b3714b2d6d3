import { and, eq } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { contacts, conversations } from '@/db/schema';
import { phoneCountry } from '@/server/domain/phone';
import { AppError } from '@/server/errors';
import { visibleConversations } from '@/server/services/conversations/visibility';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { workspaceRateCard } from './rate-card';

/**
 * What the template picker needs to estimate a template's cost in the browser with the same rule the send stores:
 * the recipient's country (not their number), the business's country and the workspace's card. The window and the
 * free entry point come from the conversation the pane already holds, and tick there.
 */
export async function costContextFor(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, conversationId: string) {
  const [row] = await db
    .select({ phone: contacts.phone })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(visibleConversations(workspace, userId), eq(conversations.id, conversationId)));
  if (!row) throw new AppError('NOT_FOUND', 'conversationNotVisible');
  return {
    country: phoneCountry(row.phone),
    businessCountry: workspace.settings.defaultCountry,
    card: await workspaceRateCard(db, workspace.id),
  };
}
