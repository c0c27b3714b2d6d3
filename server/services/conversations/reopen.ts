import { eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import { notify } from '@/server/realtime/notify';
import { AppError } from '@/server/errors';
import { can } from '@/server/domain/permissions';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';
import { actorOf, lockVisible } from './lock';
import { recordEvent } from './timeline';

export async function reopenConversation(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, id: string) {
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, workspace, userId, id);
    if (!can(workspaceActor(workspace, userId), 'conversation.reopen')) throw new AppError('FORBIDDEN');
    if (conversation.status === 'open') return { changed: false };
    const actor = await actorOf(tx, userId);
    await recordEvent(tx, workspace.id, conversation, userId, 'opened', {
      params: { actor: actor.name, by: 'agent' },
    });
    await tx
      .update(conversations)
      .set({ status: 'open', closedAt: null, updatedAt: sql`now()` })
      .where(eq(conversations.id, id));
    await notify(tx, {
      type: 'conversation.changed',
      workspaceId: workspace.id,
      conversationId: id,
      assigneeId: conversation.assigneeId,
      actorId: userId,
    });
    return { changed: true };
  });
}
