import { and, eq, isNull } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { memberships, teamMembers, users } from '@/db/schema';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { lockTeam } from './list';
import type { TTeamMemberInput } from './schemas';

/** Adds an active member of this workspace to one of its teams; anyone else (another workspace's user, a deactivated member) is refused. */
export async function addTeamMember(db: TDbOrTx, workspace: TWorkspaceContext, actorId: string, input: TTeamMemberInput) {
  return db.transaction(async (tx) => {
    const team = await lockTeam(tx, workspace.id, input.teamId);
    const [person] = await tx
      .select({ name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, input.userId), isNull(memberships.deactivatedAt)));
    if (!person) throw new AppError('INVALID_INPUT', 'notAMember');
    const added = await tx
      .insert(teamMembers)
      .values({ teamId: team.id, userId: input.userId, workspaceId: workspace.id })
      .onConflictDoNothing()
      .returning({ userId: teamMembers.userId });
    if (added.length === 0) return { changed: false };
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId,
      action: 'team.memberAdded',
      subject: { type: 'team', id: team.id },
      data: { team: team.name, userId: input.userId, user: person.name },
    });
    return { changed: true };
  });
}

export async function removeTeamMember(db: TDbOrTx, workspace: TWorkspaceContext, actorId: string, input: TTeamMemberInput) {
  return db.transaction(async (tx) => {
    const team = await lockTeam(tx, workspace.id, input.teamId);
    const removed = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, input.userId), eq(teamMembers.workspaceId, workspace.id)))
      .returning({ userId: teamMembers.userId });
    if (removed.length === 0) return { changed: false };
    const [person] = await tx.select({ name: users.name }).from(users).where(eq(users.id, input.userId));
    await recordAudit(tx, {
      workspaceId: workspace.id,
      actorId,
      action: 'team.memberRemoved',
      subject: { type: 'team', id: team.id },
      data: { team: team.name, userId: input.userId, user: person?.name ?? null },
    });
    return { changed: true };
  });
}
