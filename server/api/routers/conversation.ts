import { assignConversation } from '@/server/services/conversations/assign';
import { bulkAct } from '@/server/services/conversations/bulk';
import { closeConversation } from '@/server/services/conversations/close';
import { countClosingSoon } from '@/server/services/conversations/closing-soon';
import { countViews } from '@/server/services/conversations/counts';
import { getConversation } from '@/server/services/conversations/get';
import { markRead } from '@/server/services/conversations/mark-read';
import { getConversationRow } from '@/server/services/conversations/get-row';
import { listConversations } from '@/server/services/conversations/list';
import { reopenConversation } from '@/server/services/conversations/reopen';
import {
  ZAssignInput,
  ZBulkInput,
  ZCloseInput,
  ZConversationIdInput as ZId,
  ZInboxListInput,
  ZTeamInput,
} from '@/server/services/conversations/schemas';
import { setTeam } from '@/server/services/conversations/set-team';
import { unreadSummary } from '@/server/services/mentions/unread';
import { filterOptions } from '@/server/services/workspaces/directory';
import { router, workspaceProcedure } from '../trpc';

export const conversationRouter = router({
  list: workspaceProcedure.input(ZInboxListInput).query(({ ctx, input }) => listConversations(ctx.db, ctx.workspace, ctx.userId, input)),
  counts: workspaceProcedure.query(({ ctx }) => countViews(ctx.db, ctx.workspace, ctx.userId)),
  /** The "Closing soon" link's count: it changes with time, so browsers refetch it (events, and every 30 s). */
  closingSoonCount: workspaceProcedure.query(({ ctx }) => countClosingSoon(ctx.db, ctx.workspace, ctx.userId)),
  /** The tab title's unread total and the Mentions link's count: browsers refetch it after events about them. */
  unreadSummary: workspaceProcedure.query(({ ctx }) => unreadSummary(ctx.db, ctx.workspace, ctx.userId)),
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
