import { listSavedReplies } from '@/server/services/saved-replies/list';
import { createSavedReply, deleteSavedReply, updateSavedReply } from '@/server/services/saved-replies/manage';
import { ZSavedReplyFields, ZSavedReplyIdInput, ZUpdateSavedReplyInput } from '@/server/services/saved-replies/schemas';
import { requirePermission, router } from '../trpc';

/** Saved replies: everyone in the workspace reads them (the composer), supervisors and admins write (Settings). */
export const savedReplyRouter = router({
  list: requirePermission('savedReply.use').query(({ ctx }) => listSavedReplies(ctx.db, ctx.workspace)),
  create: requirePermission('savedReply.manage')
    .input(ZSavedReplyFields)
    .mutation(({ ctx, input }) => createSavedReply(ctx.db, ctx.workspace, ctx.userId, input)),
  update: requirePermission('savedReply.manage')
    .input(ZUpdateSavedReplyInput)
    .mutation(({ ctx, input }) => updateSavedReply(ctx.db, ctx.workspace, ctx.userId, input)),
  delete: requirePermission('savedReply.manage')
    .input(ZSavedReplyIdInput)
    .mutation(({ ctx, input }) => deleteSavedReply(ctx.db, ctx.workspace, ctx.userId, input)),
});
