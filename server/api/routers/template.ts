import { ZTemplatesForConversationInput } from '@/server/services/messages/schemas';
import { approvedTemplatesFor } from '@/server/services/messages/templates';
import { router, workspaceProcedure } from '../trpc';

export const templateRouter = router({
  forConversation: workspaceProcedure
    .input(ZTemplatesForConversationInput)
    .query(({ ctx, input }) => approvedTemplatesFor(ctx.db, ctx.workspace, ctx.userId, input.conversationId)),
});
