import { listMessages } from '@/server/services/messages/list';
import { retryMessage } from '@/server/services/messages/retry';
import { ZMessageListInput, ZRetryInput, ZSendInput } from '@/server/services/messages/schemas';
import { sendMessage } from '@/server/services/messages/send';
import { router, workspaceProcedure } from '../trpc';

export const messageRouter = router({
  list: workspaceProcedure.input(ZMessageListInput).query(({ ctx, input }) => listMessages(ctx.db, ctx.workspace, ctx.userId, input)),
  retry: workspaceProcedure.input(ZRetryInput).mutation(({ ctx, input }) => retryMessage(ctx.db, ctx.workspace, ctx.userId, input.messageId)),
  send: workspaceProcedure.input(ZSendInput).mutation(({ ctx, input }) => sendMessage(ctx.db, ctx.workspace, ctx.userId, input)),
});
