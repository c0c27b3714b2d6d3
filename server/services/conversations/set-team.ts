import { and, eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, teams } from '@/db/schema';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import { can } from '@/server/domain/permissions';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';
import { actorOf, lockVisible } from './lock';
import type { TTeamInput } from './schemas';
import { recordEvent } from './timeline';

export async function setTeam(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TTeamInput) {
  if (!can(workspaceActor(workspace, userId), 'conversation.setTeam')) throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, workspace, userId, input.id);
    if (conversation.teamId === input.teamId) return { changed: false };
    const actor = await actorOf(tx, userId);
    if (input.teamId) {
      const [team] = await tx
        .select({ name: teams.name, archivedAt: teams.archivedAt })
        .from(teams)
        .where(and(eq(teams.id, input.teamId), eq(teams.workspaceId, workspace.id)));
      if (!team) throw new AppError('INVALID_INPUT', 'teamNotInWorkspace');
      // Archived teams keep the conversations they have, but are no longer routed to.
      if (team.archivedAt) throw new AppError('INVALID_INPUT', 'teamArchived');
      await recordEvent(tx, workspace.id, conversation, userId, 'team_assigned', {
        teamId: input.teamId,
        params: { actor: actor.name, team: team.name },
      });
    } else {
      await recordEvent(tx, workspace.id, conversation, userId, 'team_unassigned', {
        params: { actor: actor.name },
      });
    }
    await tx
      .update(conversations)
      .set({ teamId: input.teamId, updatedAt: sql`now()` })
      .where(eq(conversations.id, input.id));
    await notify(tx, {
      type: 'conversation.changed',
      workspaceId: workspace.id,
      conversationId: input.id,
      assigneeId: conversation.assigneeId,
      actorId: userId,
    });
    return { changed: true };
  });
}
