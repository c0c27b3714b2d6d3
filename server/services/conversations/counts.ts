import { and, asc, eq, isNull } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { teamMembers, teams } from '@/db/schema';
import { can } from '@/server/domain/permissions';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';
import { readOpenCounts } from './open-counts';

/** Open conversations per view for the navigation, from the maintained counts (a few rows, not every open row). */
export async function countViews(db: TDbOrTx, workspace: TWorkspaceContext, userId: string) {
  const all = can(workspaceActor(workspace, userId), 'conversation.seeAll');
  const myTeams = all
    ? await db
        .select({ id: teams.id, name: teams.name })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(and(eq(teamMembers.userId, userId), eq(teamMembers.workspaceId, workspace.id), isNull(teams.archivedAt)))
        // Archived teams are no view any more.
        .orderBy(asc(teams.name))
    : [];
  const counts = await readOpenCounts(
    db,
    workspace.id,
    userId,
    myTeams.map((t) => t.id),
  );
  return {
    mine: counts.mine,
    unassigned: counts.unassigned,
    all: all ? counts.all : null,
    teams: myTeams.map((team) => ({ ...team, count: counts.teams.get(team.id) ?? 0 })),
    /** Which transactions these counts include, so a browser adds only the realtime count changes they lack. */
    snapshot: counts.snapshot,
  };
}
