import { ZTemplatesForConversationInput } from '@/server/services/messages/schemas';
import { approvedTemplatesFor } from '@/server/services/messages/templates';
import { listTemplates, templateNumbers } from '@/server/services/templates/list';
import { ZTemplateListInput, ZTemplateSyncInput } from '@/server/services/templates/schemas';
import { syncWorkspaceTemplates } from '@/server/services/templates/sync-now';
import { requirePermission, router, workspaceProcedure } from '../trpc';

export const templateRouter = router({
  forConversation: workspaceProcedure
    .input(ZTemplatesForConversationInput)
    .query(({ ctx, input }) => approvedTemplatesFor(ctx.db, ctx.workspace, ctx.userId, input.conversationId)),
  /** Settings → Templates: a page of every synced template, filtered by number, status and category. */
  list: requirePermission('template.view')
    .input(ZTemplateListInput)
    .query(({ ctx, input }) => listTemplates(ctx.db, ctx.workspace, input)),
  /** The numbers its filter offers. */
  numbers: requirePermission('template.view').query(({ ctx }) => templateNumbers(ctx.db, ctx.workspace)),
  /** "Sync now", for those who manage numbers: the numbers page's sync, for one number or all of them. */
  sync: requirePermission('number.manage')
    .input(ZTemplateSyncInput)
    .mutation(({ ctx, input }) => syncWorkspaceTemplates(ctx.db, ctx.workspace, input)),
});
