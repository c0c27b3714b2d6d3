import { z } from 'zod';
import { getConversation, markRead } from '@/server/services/conversations/get';
import {
  assignConversation,
  bulkAct,
  closeConversation,
  reopenConversation,
  setTeam,
  ZAssignInput,
  ZBulkInput,
  ZCloseInput,
  ZTeamInput,
} from '@/server/services/conversations/lifecycle';
import { countViews, getConversationRow, listConversations, ZInboxListInput } from '@/server/services/conversations/list';
import { filterOptions } from '@/server/services/workspaces/directory';
import { router, workspaceProcedure } from '../trpc';

const ZId = z.object({ id: z.uuid() });

export const conversationRouter = router({
  list: workspaceProcedure.input(ZInboxListInput).query(({ ctx, input }) => listConversations(ctx.db, ctx.workspace, ctx.userId, input)),
  counts: workspaceProcedure.query(({ ctx }) => countViews(ctx.db, ctx.workspace, ctx.userId)),
  row: workspaceProcedure.input(ZId).query(({ ctx, input }) => getConversationRow(ctx.db, ctx.workspace, ctx.userId, input.id)),
  get: workspaceProcedure.input(ZId).query(({ ctx, input }) => getConversation(ctx.db, ctx.workspace, ctx.userId, input.id)),
  markRead: workspaceProcedure.input(ZId).mutation(({ ctx, input }) => markRead(ctx.db, ctx.workspace, ctx.userId, input.id)),
  filterOptions: workspaceProcedure.query(({ ctx }) => filterOptions(ctx.db, ctx.workspace)),
  close: workspaceProcedure.input(ZCloseInput).mutation(({ ctx, input }) => closeConversation(ctx.db, ctx.workspace, ctx.userId, input)),
  reopen: workspaceProcedure.input(ZId).mutation(({ ctx, input }) => reopenConversation(ctx.db, ctx.workspace, ctx.userId, input.id)),
  assign: workspaceProcedure.input(ZAssignInput).mutation(({ ctx, input }) => assignConversation(ctx.db, ctx.workspace, ctx.userId, input)),
  setTeam: workspaceProcedure.input(ZTeamInput).mutation(({ ctx, input }) => setTeam(ctx.db, ctx.workspace, ctx.userId, input)),
  bulk: workspaceProcedure.input(ZBulkInput).mutation(({ ctx, input }) => bulkAct(ctx.db, ctx.workspace, ctx.userId, input)),
});
