import { eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
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
    const actor = await actorOf(tx, userId);
    const note = input.note?.category || input.note?.text ? input.note : undefined;
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
