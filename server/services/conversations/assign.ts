import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { mayAssign } from '@/server/domain/assignment-rules';
import { actorOf, lockVisible, memberName } from './lock';
import { ZAssignInput } from './schemas';
import { recordEvent } from './timeline';

export async function assignConversation(
  db: TDbOrTx,
  workspace: TWorkspaceContext,
  userId: string,
  rawInput: z.input<typeof ZAssignInput>,
) {
  const input = ZAssignInput.parse(rawInput);
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, workspace, userId, input.id);
    if (!mayAssign({ id: userId, role: workspace.role }, conversation.assigneeId, input.assigneeId)) {
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
