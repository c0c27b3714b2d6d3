import { z } from 'zod';
import { approvedTemplatesFor } from '@/server/services/messages/templates';
import { router, workspaceProcedure } from '../trpc';

export const templateRouter = router({
  forConversation: workspaceProcedure
    .input(z.object({ conversationId: z.uuid() }))
    .query(({ ctx, input }) => approvedTemplatesFor(ctx.db, ctx.workspace, ctx.userId, input.conversationId)),
});
