import { listNumbers } from '@/server/services/numbers';
import { requireRole, router } from '../trpc';

export const numberRouter = router({
  list: requireRole('admin').query(({ ctx }) => listNumbers(ctx.db, ctx.workspace)),
});
