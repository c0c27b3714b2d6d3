import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations, workspaceSettings } from '@/db/schema';
import { notify } from '@/server/realtime/notify';
import { recordEvents, type TTimelineEvent } from './timeline';

/** Conversations closed per transaction: short row locks, and one notification's worth of versions. */
export const AUTO_CLOSE_BATCH = 200;

/**
 * The idle sweeper: in every workspace that has auto-close on, closes the open conversations whose last activity
 * (`last_message_at`, the list's own "last activity") is older than its hours, by the database clock. Each batch
 * locks its rows with SKIP LOCKED and re-reads them under the lock, so two sweepers (several app instances or
 * workers, or a slow run overlapping the next) never close one conversation twice, and a conversation a customer
 * wrote to meanwhile is left open. Returns how many it closed.
 */
export async function autoCloseIdleConversations(db: TDbOrTx, batch = AUTO_CLOSE_BATCH): Promise<number> {
  const workspaces = await db
    .select({ id: workspaceSettings.workspaceId, hours: workspaceSettings.autoCloseHours, unassign: workspaceSettings.unassignOnClose })
    .from(workspaceSettings)
    .where(isNotNull(workspaceSettings.autoCloseHours));
  let closed = 0;
  for (const workspace of workspaces) {
    for (;;) {
      const n = await closeBatch(db, { id: workspace.id, hours: workspace.hours!, unassign: workspace.unassign }, batch);
      closed += n;
      if (n < batch) break;
    }
  }
  return closed;
}

async function closeBatch(db: TDbOrTx, workspace: { id: string; hours: number; unassign: boolean }, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    const idleBefore = sql`now() - make_interval(hours => ${workspace.hours})`;
    const rows = await tx
      .select({ id: conversations.id, channelId: conversations.channelId, assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(and(eq(conversations.workspaceId, workspace.id), eq(conversations.status, 'open'), lt(conversations.lastMessageAt, idleBefore)))
      .orderBy(conversations.lastMessageAt)
      .limit(batch)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;
    const hours = String(workspace.hours);
    const events: TTimelineEvent[] = rows.map((c) => ({
      workspaceId: workspace.id,
      conversation: c,
      actorId: null,
      type: 'closed',
      details: { auto: true, idleHours: workspace.hours },
      params: { by: 'auto', hours, actor: '', note: '' },
    }));
    if (workspace.unassign) {
      for (const c of rows.filter((row) => row.assigneeId !== null)) {
        events.push({ workspaceId: workspace.id, conversation: c, actorId: null, type: 'unassigned', params: { actor: '', onClose: 'auto' } });
      }
    }
    await recordEvents(tx, events);
    const ids = rows.map((c) => c.id);
    await tx
      .update(conversations)
      .set({ status: 'closed', closedAt: sql`now()`, updatedAt: sql`now()`, ...(workspace.unassign ? { assigneeId: null } : {}) })
      .where(inArray(conversations.id, ids));
    await notify(tx, {
      type: 'conversations.bulk',
      workspaceId: workspace.id,
      actorId: null,
      assigneeIds: [...new Set(rows.map((c) => c.assigneeId))],
      newAssigneeId: null,
      count: rows.length,
      conversationIds: ids,
    });
    return rows.length;
  });
}
