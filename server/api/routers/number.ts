import { listAccountAlerts } from '@/server/services/whatsapp/account-alerts';
import { listNumbers, syncNumberNow } from '@/server/services/whatsapp/numbers';
import { ZNumberSyncInput } from '@/server/services/whatsapp/schemas';
import { requirePermission, router } from '../trpc';

export const numberRouter = router({
  list: requirePermission('number.manage').query(({ ctx }) => listNumbers(ctx.db, ctx.workspace)),
  /** Meta's account alerts (limit increases deferred, denied, needing more information...), newest first. */
  alerts: requirePermission('number.manage').query(({ ctx }) => listAccountAlerts(ctx.db, ctx.workspace)),
  /** "Sync now": health fields and templates from Meta, for one number of this workspace. */
  sync: requirePermission('number.manage')
    .input(ZNumberSyncInput)
    .mutation(({ ctx, input }) => syncNumberNow(ctx.db, ctx.workspace, input.channelId)),
});
