import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import { can } from '@/server/domain/permissions';
import { workspaceActor, type TWorkspaceContext } from '@/server/services/workspaces/context';
import { listConversations } from './list';
import { actorOf, memberName } from './lock';
import { MAX_BULK, type TBulkInput } from './schemas';
import { recordEvents, type TTimelineEvent } from './timeline';

/**
 * One call for many conversations: set-based updates, events and timeline lines written with one statement each,
 * and a single realtime hint. Returns how many changed, were already so, or could not be found.
 */
export async function bulkAct(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: TBulkInput) {
  if (!can(workspaceActor(workspace, userId), 'conversation.bulk')) throw new AppError('FORBIDDEN', 'bulkForSupervisors');
  // A bulk close carries no note: where every close needs one, each is closed on its own.
  if (input.action.kind === 'close' && workspace.settings.closingNote === 'required') {
    throw new AppError('INVALID_INPUT', 'bulkCloseNeedsNote');
  }
  let ids: string[];
  // For "all matching", the state each row had when it matched: a row someone changed since is left alone.
  let listed: Map<string, { assigneeId: string | null; status: string }> | null = null;
  if ('ids' in input.target) ids = [...new Set(input.target.ids)];
  else {
    const rows: { id: string; assigneeId: string | null; status: string }[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listConversations>> = await listConversations(db, workspace, userId, {
        ...input.target.query,
        limit: 100,
        cursor,
      });
      rows.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && rows.length < MAX_BULK);
    listed = new Map(rows.slice(0, MAX_BULK).map((r) => [r.id, { assigneeId: r.assigneeId, status: r.status }]));
    ids = [...listed.keys()];
  }
  return db.transaction(async (tx) => {
    const actor = await actorOf(tx, userId);
    const action = input.action;
    const assigneeName = action.kind === 'assign' && action.assigneeId ? await memberName(tx, workspace.id, action.assigneeId) : null;
    const locked = await tx
      .select({
        id: conversations.id,
        channelId: conversations.channelId,
        assigneeId: conversations.assigneeId,
        status: conversations.status,
      })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspace.id), inArray(conversations.id, ids)))
      .for('update');
    const unchangedSinceListed = (c: { id: string; assigneeId: string | null; status: string }) =>
      !listed || (listed.get(c.id)?.assigneeId === c.assigneeId && listed.get(c.id)?.status === c.status);
    const changing = locked.filter(
      (c) => unchangedSinceListed(c) && (action.kind === 'assign' ? c.assigneeId !== action.assigneeId : c.status === 'open'),
    );
    if (changing.length > 0) {
      const changingIds = changing.map((c) => c.id);
      const unassignOnClose = action.kind === 'close' && workspace.settings.unassignOnClose;
      const type: 'closed' | 'assigned' | 'unassigned' = action.kind === 'close' ? 'closed' : action.assigneeId ? 'assigned' : 'unassigned';
      const assigneeId = action.kind === 'assign' ? action.assigneeId : null;
      const params: Record<string, string> =
        action.kind === 'close'
          ? { actor: actor.name, note: '' }
          : action.assigneeId
            ? { actor: actor.name, assignee: assigneeName ?? '', self: 'false' }
            : { actor: actor.name, onClose: 'false' };
      const events: TTimelineEvent[] = changing.map((c) => ({
        workspaceId: workspace.id,
        conversation: c,
        actorId: userId,
        type,
        assigneeId,
        details: { bulk: true },
        params,
      }));
      if (unassignOnClose) {
        for (const c of changing.filter((row) => row.assigneeId !== null)) {
          events.push({
            workspaceId: workspace.id,
            conversation: c,
            actorId: userId,
            type: 'unassigned',
            details: { bulk: true },
            params: { actor: actor.name, onClose: 'true' },
          });
        }
      }
      await recordEvents(tx, events);
      await tx
        .update(conversations)
        .set(
          action.kind === 'assign'
            ? { assigneeId: action.assigneeId, updatedAt: sql`now()` }
            : { status: 'closed', closedAt: sql`now()`, updatedAt: sql`now()`, ...(unassignOnClose ? { assigneeId: null } : {}) },
        )
        .where(inArray(conversations.id, changingIds));
      const assigneeIds = [...new Set([...changing.map((c) => c.assigneeId), assigneeId])];
      await notify(tx, {
        type: 'conversations.bulk',
        workspaceId: workspace.id,
        actorId: userId,
        assigneeIds,
        newAssigneeId: assigneeId,
        count: changing.length,
        conversationIds: changingIds,
      });
    }
    return {
      requested: ids.length,
      changed: changing.length,
      unchanged: locked.length - changing.length,
      notFound: ids.length - locked.length,
    };
  });
}
