import { listMessages, ZMessageListInput } from '@/server/services/messages';
import { sendMessage, ZSendInput } from '@/server/services/send';
import { router, workspaceProcedure } from '../trpc';

export const messageRouter = router({
  list: workspaceProcedure.input(ZMessageListInput).query(({ ctx, input }) => listMessages(ctx.db, ctx.workspace, ctx.userId, input)),
  send: workspaceProcedure.input(ZSendInput).mutation(({ ctx, input }) => sendMessage(ctx.db, ctx.workspace, ctx.userId, input)),
});
