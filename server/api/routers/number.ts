import { z } from 'zod';
import { listNumbers, syncNumberNow } from '@/server/services/whatsapp/numbers';
import { requireRole, router } from '../trpc';

export const numberRouter = router({
  list: requireRole('admin').query(({ ctx }) => listNumbers(ctx.db, ctx.workspace)),
  /** "Sync now": health fields and templates from Meta, for one number of this workspace. */
  sync: requireRole('admin')
    .input(z.object({ channelId: z.uuid() }))
    .mutation(({ ctx, input }) => syncNumberNow(ctx.db, ctx.workspace, input.channelId)),
});
