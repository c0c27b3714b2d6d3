import { eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, workspaceSettings } from '@/db/schema';
import { closingNoteMissing } from '@/server/domain/workspace-settings';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import { can } from '@/server/domain/permissions';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';
import { actorOf, lockVisible } from './lock';
import type { TCloseInput } from './schemas';
import { recordEvent } from './timeline';

export async function closeConversation(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TCloseInput) {
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, workspace, userId, input.id);
    if (!can(workspaceActor(workspace, userId), 'conversation.close', { assigneeId: conversation.assigneeId })) {
      throw new AppError('FORBIDDEN', 'closeRule');
    }
    if (conversation.status === 'closed') return { changed: false };
    const note = await closingNoteFor(tx, workspace, input.note);
    const actor = await actorOf(tx, userId);
    const suffix = note ? ` (${[note.category, note.text].filter(Boolean).join(': ')})` : '';
    await recordEvent(tx, workspace.id, conversation, userId, 'closed', {
      details: note ? { note } : undefined,
      params: { actor: actor.name, note: suffix },
    });
    const unassign = workspace.settings.unassignOnClose && conversation.assigneeId !== null;
    if (unassign) {
      await recordEvent(tx, workspace.id, conversation, userId, 'unassigned', {
        params: { actor: actor.name, onClose: 'true' },
      });
    }
    await tx
      .update(conversations)
      .set({ status: 'closed', closedAt: sql`now()`, assigneeId: unassign ? null : conversation.assigneeId, updatedAt: sql`now()` })
      .where(eq(conversations.id, conversation.id));
    await notify(tx, {
      type: 'conversation.changed',
      workspaceId: workspace.id,
      conversationId: conversation.id,
      assigneeId: unassign ? null : conversation.assigneeId,
      previousAssigneeId: conversation.assigneeId,
      actorId: userId,
    });
    return { changed: true };
  });
}

/**
 * The note a close records under the workspace's rule: none when notes are off (the form is hidden; a note sent anyway
 * is dropped), refused when required and empty, and a category only from the workspace's list.
 */
async function closingNoteFor(tx: TDbOrTx, workspace: TWorkspaceContext, input: TCloseInput['note']) {
  const mode = workspace.settings.closingNote;
  if (mode === 'off') return undefined;
  if (closingNoteMissing(mode, input)) throw new AppError('INVALID_INPUT', 'closingNoteRequired');
  if (!input?.category && !input?.text) return undefined;
  if (input.category) {
    const [settings] = await tx
      .select({ categories: workspaceSettings.closingCategories })
      .from(workspaceSettings)
      .where(eq(workspaceSettings.workspaceId, workspace.id));
    if (!settings?.categories.includes(input.category)) throw new AppError('INVALID_INPUT', 'closingCategoryUnknown');
  }
  return input;
}
