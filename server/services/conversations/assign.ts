import { eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import { can } from '@/server/domain/permissions';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';
import { actorOf, lockVisible, memberName } from './lock';
import type { TAssignInput } from './schemas';
import { recordEvent } from './timeline';

export async function assignConversation(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TAssignInput) {
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, workspace, userId, input.id);
    if (!can(workspaceActor(workspace, userId), 'conversation.assign', { assigneeId: conversation.assigneeId, nextAssigneeId: input.assigneeId })) {
      throw new AppError('FORBIDDEN', 'assignRule');
    }
    if (conversation.assigneeId === input.assigneeId) return { changed: false };
    const actor = await actorOf(tx, userId);
    if (input.assigneeId) {
      const name = await memberName(tx, workspace.id, input.assigneeId);
      await recordEvent(tx, workspace.id, conversation, userId, 'assigned', {
        assigneeId: input.assigneeId,
        params: { actor: actor.name, assignee: name, self: String(input.assigneeId === userId) },
      });
    } else {
      await recordEvent(tx, workspace.id, conversation, userId, 'unassigned', {
        params: { actor: actor.name, onClose: 'false' },
      });
    }
    await tx
      .update(conversations)
      .set({ assigneeId: input.assigneeId, updatedAt: sql`now()` })
      .where(eq(conversations.id, input.id));
    await notify(tx, {
      type: 'conversation.changed',
      workspaceId: workspace.id,
      conversationId: input.id,
      assigneeId: input.assigneeId,
      previousAssigneeId: conversation.assigneeId,
      actorId: userId,
    });
    return { changed: true };
  });
}
