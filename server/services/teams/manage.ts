import { and, eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels, teams } from '@/db/schema';
import { recordAudit } from '@/server/services/audit/record';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { assertNameFree, lockTeam, nameRace } from './list';
import type { TCreateTeamInput, TRenameTeamInput, TTeamIdInput } from './schemas';

export async function createTeam(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TCreateTeamInput) {
  return nameRace(() =>
    db.transaction(async (tx) => {
      await assertNameFree(tx, workspace.id, input.name);
      const [team] = await tx.insert(teams).values({ workspaceId: workspace.id, name: input.name }).returning({ id: teams.id });
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actorId: userId,
        action: 'team.created',
        subject: { type: 'team', id: team!.id },
        data: { name: [null, input.name] },
      });
      return { id: team!.id };
    }),
  );
}

export async function renameTeam(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TRenameTeamInput) {
  return nameRace(() =>
    db.transaction(async (tx) => {
      const team = await lockTeam(tx, workspace.id, input.teamId);
      if (team.name === input.name) return { changed: false };
      // An archived team's name is checked when it comes back (unarchive), not now.
      if (!team.archivedAt) await assertNameFree(tx, workspace.id, input.name, team.id);
      await tx.update(teams).set({ name: input.name }).where(eq(teams.id, team.id));
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actorId: userId,
        action: 'team.renamed',
        subject: { type: 'team', id: team.id },
        data: { name: [team.name, input.name] },
      });
      return { changed: true };
    }),
  );
}

/**
 * Archived: its conversations keep it (history, filters), but it is offered for routing and as a view no more, and
 * it stops being any channel's default team (each channel's change audited, in the same transaction).
 * Unarchived: back, if no active team took its name meanwhile.
 */
export async function setTeamArchived(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TTeamIdInput, archived: boolean) {
  return nameRace(() =>
    db.transaction(async (tx) => {
      const team = await lockTeam(tx, workspace.id, input.teamId);
      if ((team.archivedAt !== null) === archived) return { changed: false };
      if (!archived) await assertNameFree(tx, workspace.id, team.name, team.id);
      await tx
        .update(teams)
        .set({ archivedAt: archived ? sql`now()` : null })
        .where(eq(teams.id, team.id));
      await recordAudit(tx, {
        workspaceId: workspace.id,
        actorId: userId,
        action: archived ? 'team.archived' : 'team.unarchived',
        subject: { type: 'team', id: team.id },
        data: { name: team.name },
      });
      if (archived) await clearAsDefaultTeam(tx, workspace.id, userId, team.id);
      return { changed: true };
    }),
  );
}

/** An archived team is no channel's default any more: those channels' new conversations start in no team. */
async function clearAsDefaultTeam(tx: TDbOrTx, workspaceId: string, userId: string, teamId: string) {
  const cleared = await tx
    .update(channels)
    .set({ defaultTeamId: null })
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.defaultTeamId, teamId)))
    .returning({ id: channels.id });
  for (const channel of cleared) {
    await recordAudit(tx, {
      workspaceId,
      actorId: userId,
      action: 'channel.defaultTeamChanged',
      subject: { type: 'channel', id: channel.id },
      data: { defaultTeamId: [teamId, null] },
    });
  }
}
