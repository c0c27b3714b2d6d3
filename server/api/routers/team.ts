import { listTeams } from '@/server/services/teams/list';
import { createTeam, renameTeam, setTeamArchived } from '@/server/services/teams/manage';
import { addTeamMember, removeTeamMember } from '@/server/services/teams/members';
import { ZCreateTeamInput, ZRenameTeamInput, ZTeamIdInput, ZTeamMemberInput } from '@/server/services/teams/schemas';
import { requirePermission, router } from '../trpc';

/** Settings → Teams: supervisors read (team.view), admins change (team.manage). */
export const teamRouter = router({
  list: requirePermission('team.view').query(({ ctx }) => listTeams(ctx.db, ctx.workspace)),
  create: requirePermission('team.manage')
    .input(ZCreateTeamInput)
    .mutation(({ ctx, input }) => createTeam(ctx.db, ctx.workspace, ctx.userId, input)),
  rename: requirePermission('team.manage')
    .input(ZRenameTeamInput)
    .mutation(({ ctx, input }) => renameTeam(ctx.db, ctx.workspace, ctx.userId, input)),
  archive: requirePermission('team.manage')
    .input(ZTeamIdInput)
    .mutation(({ ctx, input }) => setTeamArchived(ctx.db, ctx.workspace, ctx.userId, input, true)),
  unarchive: requirePermission('team.manage')
    .input(ZTeamIdInput)
    .mutation(({ ctx, input }) => setTeamArchived(ctx.db, ctx.workspace, ctx.userId, input, false)),
  addMember: requirePermission('team.manage')
    .input(ZTeamMemberInput)
    .mutation(({ ctx, input }) => addTeamMember(ctx.db, ctx.workspace, ctx.userId, input)),
  removeMember: requirePermission('team.manage')
    .input(ZTeamMemberInput)
    .mutation(({ ctx, input }) => removeTeamMember(ctx.db, ctx.workspace, ctx.userId, input)),
});
