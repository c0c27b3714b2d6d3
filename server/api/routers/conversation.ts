import { countOpenByView, listConversations, ZInboxListInput } from '@/server/services/inbox';
import { router, workspaceProcedure } from '../trpc';

export const conversationRouter = router({
  list: workspaceProcedure.input(ZInboxListInput).query(({ ctx, input }) => listConversations(ctx.db, ctx.workspace, ctx.userId, input)),
  counts: workspaceProcedure.query(({ ctx }) => countOpenByView(ctx.db, ctx.workspace, ctx.userId)),
});
