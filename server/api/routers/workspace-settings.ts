import { ZUpdateSettingsInput } from '@/server/services/settings/schemas';
import { getWorkspaceSettings, updateWorkspaceSettings } from '@/server/services/settings/settings';
import { requirePermission, router } from '../trpc';

/** Settings → Workspace, for admins (workspace.manage). */
export const workspaceSettingsRouter = router({
  get: requirePermission('workspace.manage').query(({ ctx }) => getWorkspaceSettings(ctx.db, ctx.workspace)),
  /** The whole form, over the version it was read at (a stale one is a CONFLICT). */
  update: requirePermission('workspace.manage')
    .input(ZUpdateSettingsInput)
    .mutation(({ ctx, input }) => updateWorkspaceSettings(ctx.db, ctx.workspace, ctx.userId, input)),
});
