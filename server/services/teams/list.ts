import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { memberships, teamMembers, teams, users } from '@/db/schema';
import { AppError } from '@/server/errors';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/** Settings → Teams: every team of the workspace (active first, then archived) with its members, and who may join. */
export async function listTeams(db: TDbOrTx, workspace: TWorkspaceContext) {
  const [teamRows, memberRows, people] = await Promise.all([
    db
      .select({ id: teams.id, name: teams.name, archivedAt: teams.archivedAt })
      .from(teams)
      .where(eq(teams.workspaceId, workspace.id))
      .orderBy(sql`${teams.archivedAt} is not null`, asc(sql`lower(${teams.name})`), asc(teams.id)),
    db
      .select({ teamId: teamMembers.teamId, id: users.id, name: users.name })
      .from(teamMembers)
      // Only people still active in the workspace: a membership gone or deactivated leaves no ghost in its teams'
      // lists (a deactivated member's team rows stay, so reactivation brings them back where they were).
      .innerJoin(
        memberships,
        and(eq(memberships.userId, teamMembers.userId), eq(memberships.workspaceId, teamMembers.workspaceId), isNull(memberships.deactivatedAt)),
      )
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(eq(teamMembers.workspaceId, workspace.id))
      .orderBy(asc(users.name)),
    db
      .select({ id: users.id, name: users.name, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspace.id), isNull(memberships.deactivatedAt)))
      .orderBy(asc(users.name)),
  ]);
  return {
    teams: teamRows.map((team) => ({
      ...team,
      members: memberRows.filter((m) => m.teamId === team.id).map(({ id, name }) => ({ id, name })),
    })),
    people,
  };
}

/** A team of this workspace, locked for the transaction; another workspace's id is as unknown as a made-up one. */
export async function lockTeam(tx: TDbOrTx, workspaceId: string, teamId: string) {
  const [team] = await tx
    .select({ id: teams.id, name: teams.name, archivedAt: teams.archivedAt })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.workspaceId, workspaceId)))
    .for('update');
  if (!team) throw new AppError('NOT_FOUND', 'teamNotFound');
  return team;
}

/** Refuses a name an active team of the workspace already has (case-insensitively), other than `exceptId`. */
export async function assertNameFree(tx: TDbOrTx, workspaceId: string, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(
      and(
        eq(teams.workspaceId, workspaceId),
        sql`lower(${teams.name}) = lower(${name})`,
        sql`${teams.archivedAt} is null`,
        exceptId ? sql`${teams.id} <> ${exceptId}` : undefined,
      ),
    );
  if (taken) throw new AppError('CONFLICT', 'teamNameTaken');
}

/** The partial unique index on (workspace, lower(name)) of active teams (migration 0014). */
export const TEAM_NAME_INDEX = 'teams_workspace_name_key';

/** Two admins creating the same name at once: the loser hits the unique index and hears the same sentence. */
export async function nameRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error, TEAM_NAME_INDEX)) throw new AppError('CONFLICT', 'teamNameTaken');
    throw error;
  }
}
