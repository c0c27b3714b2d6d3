import { costContextFor } from '@/server/services/pricing/cost-context';
import { getRateCard, saveRateCard } from '@/server/services/pricing/rate-card';
import { ZCostContextInput, ZSaveRateCardInput } from '@/server/services/pricing/schemas';
import { monthToDateSpend } from '@/server/services/pricing/spend';
import { requirePermission, router, workspaceProcedure } from '../trpc';

/** What templates cost: the workspace's rate card (admins), the picker's estimate inputs, each number's spend. */
export const pricingRouter = router({
  /** Settings → Workspace → Template rates. */
  card: requirePermission('workspace.manage').query(({ ctx }) => getRateCard(ctx.db, ctx.workspace)),
  /** The whole card over the version it was read at (a stale one is a CONFLICT); audited. */
  saveCard: requirePermission('workspace.manage')
    .input(ZSaveRateCardInput)
    .mutation(({ ctx, input }) => saveRateCard(ctx.db, ctx.workspace, ctx.userId, input)),
  /** For the template picker of a conversation the caller can see: the recipient's country and the card. */
  forConversation: workspaceProcedure
    .input(ZCostContextInput)
    .query(({ ctx, input }) => costContextFor(ctx.db, ctx.workspace, ctx.userId, input.conversationId)),
  /** The numbers page: month-to-date template spend of every number, in one query. */
  spend: requirePermission('number.manage').query(({ ctx }) => monthToDateSpend(ctx.db, ctx.workspace)),
});
