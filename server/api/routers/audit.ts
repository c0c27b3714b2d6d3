import { auditActors, listAuditEvents } from '@/server/services/audit/list';
import { ZAuditListInput } from '@/server/services/audit/schemas';
import { requirePermission, router } from '../trpc';

export const auditRouter = router({
  /** Settings → Audit log: a page of the workspace's acts, newest first, filtered by action, actor and dates. */
  list: requirePermission('audit.view')
    .input(ZAuditListInput)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.workspace, input)),
  /** The members its actor filter offers. */
  actors: requirePermission('audit.view').query(({ ctx }) => auditActors(ctx.db, ctx.workspace)),
});
