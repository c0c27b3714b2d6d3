import { ZContactTagInput, ZContactUpdateInput } from '@/server/services/contacts/schemas';
import { changeTag } from '@/server/services/contacts/tags';
import { updateContact } from '@/server/services/contacts/update';
import { router, workspaceProcedure } from '../trpc';

/**
 * The contact panel (issue 17). Every role may edit the contact of a conversation it can see (the service checks
 * that visibility, and the workspace, through the conversation): the contact is the customer's card the agent is
 * working from, not an administrative setting.
 */
export const contactRouter = router({
  update: workspaceProcedure
    .input(ZContactUpdateInput)
    .mutation(({ ctx, input }) => updateContact(ctx.db, ctx.workspace, ctx.userId, input)),
  addTag: workspaceProcedure
    .input(ZContactTagInput)
    .mutation(({ ctx, input }) => changeTag(ctx.db, ctx.workspace, ctx.userId, input, 'add')),
  removeTag: workspaceProcedure
    .input(ZContactTagInput)
    .mutation(({ ctx, input }) => changeTag(ctx.db, ctx.workspace, ctx.userId, input, 'remove')),
});
