import { listMessages, ZMessageListInput } from '@/server/services/messages';
import { router, workspaceProcedure } from '../trpc';

export const messageRouter = router({
  list: workspaceProcedure.input(ZMessageListInput).query(({ ctx, input }) => listMessages(ctx.db, ctx.workspace, ctx.userId, input)),
});
