import { listMessages } from '@/server/services/messages/list';
import { reactToMessage } from '@/server/services/messages/react';
import { retryMessage } from '@/server/services/messages/retry';
import { ZMessageListInput, ZReactInput, ZRetryInput, ZSendInput } from '@/server/services/messages/schemas';
import { sendMessage } from '@/server/services/messages/send';
import { router, workspaceProcedure } from '../trpc';

export const messageRouter = router({
  list: workspaceProcedure.input(ZMessageListInput).query(({ ctx, input }) => listMessages(ctx.db, ctx.workspace, ctx.userId, input)),
  retry: workspaceProcedure.input(ZRetryInput).mutation(({ ctx, input }) => retryMessage(ctx.db, ctx.workspace, ctx.userId, input.messageId)),
  react: workspaceProcedure.input(ZReactInput).mutation(({ ctx, input }) => reactToMessage(ctx.db, ctx.workspace, ctx.userId, input)),
  send: workspaceProcedure.input(ZSendInput).mutation(({ ctx, input }) => sendMessage(ctx.db, ctx.workspace, ctx.userId, input)),
});
