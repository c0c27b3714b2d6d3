import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels, contacts, memberships, teams, users, workspaceSettings } from '@/db/schema';
import type { TWorkspaceContext } from './context';

/** The choices the inbox filters offer: people, teams, channels and tags of the workspace. */
export async function filterOptions(db: TDbOrTx, workspace: TWorkspaceContext) {
  const [members, teamRows, channelRows, tagRows, settings] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, role: memberships.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      // Deactivated members are not offered (as assignees or filters): they hold no open work here any more.
      .where(and(eq(memberships.workspaceId, workspace.id), isNull(memberships.deactivatedAt)))
      .orderBy(asc(users.name)),
    // Active teams only: an archived one is offered for routing no more.
    db
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.workspaceId, workspace.id), isNull(teams.archivedAt)))
      .orderBy(asc(teams.name)),
    db
      .select({ id: channels.id, name: channels.name, type: channels.type })
      .from(channels)
      .where(and(eq(channels.workspaceId, workspace.id)))
      .orderBy(asc(channels.type), asc(channels.name)),
    db
      .select({ tag: sql<string>`t.tag` })
      .from(sql`(select distinct unnest(${contacts.tags}) as tag from ${contacts} where ${contacts.workspaceId} = ${workspace.id}) t`)
      .orderBy(sql`t.tag`)
      .limit(200),
    db
      .select({ closingCategories: workspaceSettings.closingCategories, closingNote: workspaceSettings.closingNote })
      .from(workspaceSettings)
      .where(eq(workspaceSettings.workspaceId, workspace.id)),
  ]);
  return {
    members,
    teams: teamRows,
    channels: channelRows,
    tags: tagRows.map((r) => r.tag),
    closingCategories: settings[0]?.closingCategories ?? [],
    /** Whether the close form shows (off: no), and whether it insists on a note (required). */
    closingNote: settings[0]?.closingNote ?? 'optional',
  };
}
