import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { conversationEvents, conversations, memberships, messages, teams, users } from '@/db/schema';
import { isRetriable, mayAssign, mayBulkAct } from '@/server/domain/assignment-rules';
import { ZInboxQuery } from '@/server/domain/inbox-query';
import { evaluateWindow } from '@/server/domain/window';
import { AppError } from '@/server/errors';
import { enqueue, QUEUES } from '@/server/jobs/boss';
import { notify } from '@/server/realtime/notify';
import { databaseNow } from '@/db/clock';
import { listConversations } from './list';
import { recordEvent } from './timeline';
import { visibleConversations } from './visibility';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

export const MAX_BULK = 1000;

export const ZCloseInput = z.object({
  id: z.uuid(),
  note: z.object({ category: z.string().trim().max(64).optional(), text: z.string().trim().max(2000).optional() }).optional(),
});
export const ZAssignInput = z.object({ id: z.uuid(), assigneeId: z.uuid().nullable() });
export const ZTeamInput = z.object({ id: z.uuid(), teamId: z.uuid().nullable() });
export const ZBulkInput = z.object({
  /** Either the selected ids, or "everything matching this list" (capped at MAX_BULK). */
  target: z.union([z.object({ ids: z.array(z.uuid()).min(1).max(MAX_BULK) }), z.object({ query: ZInboxQuery })]),
  action: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('assign'), assigneeId: z.uuid().nullable() }),
    z.object({ kind: z.literal('close') }),
  ]),
});

type TActor = { id: string; name: string };

async function actorOf(tx: TDbOrTx, userId: string): Promise<TActor> {
  const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, userId));
  return user!;
}

async function lockVisible(tx: TDbOrTx, workspace: TWorkspaceContext, userId: string, id: string) {
  const [row] = await tx
    .select()
    .from(conversations)
    .where(and(visibleConversations(workspace, userId), eq(conversations.id, id)))
    .for('update');
  if (!row) throw new AppError('NOT_FOUND', 'This conversation does not exist or is not visible to you.');
  return row;
}

export async function closeConversation(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, rawInput: z.input<typeof ZCloseInput>) {
  const input = ZCloseInput.parse(rawInput);
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, workspace, userId, input.id);
    if (workspace.role === 'agent' && conversation.assigneeId !== null && conversation.assigneeId !== userId) {
      throw new AppError('FORBIDDEN', 'Only the assignee or a supervisor can close this conversation.');
    }
    if (conversation.status === 'closed') return { changed: false };
    const actor = await actorOf(tx, userId);
    const note = input.note?.category || input.note?.text ? input.note : undefined;
    const suffix = note ? ` (${[note.category, note.text].filter(Boolean).join(': ')})` : '';
    await recordEvent(tx, workspace.id, conversation, userId, 'closed', `Closed by ${actor.name}${suffix}`, {
      details: note ? { note } : undefined,
      params: { actor: actor.name, note: suffix },
    });
    const unassign = workspace.settings.unassignOnClose && conversation.assigneeId !== null;
    if (unassign) {
      await recordEvent(tx, workspace.id, conversation, userId, 'unassigned', `Unassigned on close by ${actor.name}`, {
        params: { actor: actor.name, onClose: 'true' },
      });
    }
    await tx
      .update(conversations)
      .set({ status: 'closed', closedAt: sql`now()`, assigneeId: unassign ? null : conversation.assigneeId, updatedAt: sql`now()` })
      .where(eq(conversations.id, conversation.id));
    await notify(tx, {
      type: 'conversation.changed',
      workspaceId: workspace.id,
      conversationId: conversation.id,
      assigneeId: unassign ? null : conversation.assigneeId,
      previousAssigneeId: conversation.assigneeId,
      actorId: userId,
    });
    return { changed: true };
  });
}

export async function reopenConversation(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, id: string) {
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, workspace, userId, id);
    if (conversation.status === 'open') return { changed: false };
    const actor = await actorOf(tx, userId);
    await recordEvent(tx, workspace.id, conversation, userId, 'opened', `Reopened by ${actor.name}`, {
      params: { actor: actor.name, by: 'agent' },
    });
    await tx
      .update(conversations)
      .set({ status: 'open', closedAt: null, updatedAt: sql`now()` })
      .where(eq(conversations.id, id));
    await notify(tx, {
      type: 'conversation.changed',
      workspaceId: workspace.id,
      conversationId: id,
      assigneeId: conversation.assigneeId,
      actorId: userId,
    });
    return { changed: true };
  });
}

async function memberName(tx: TDbOrTx, workspaceId: string, userId: string): Promise<string> {
  const [member] = await tx
    .select({ name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
  if (!member) throw new AppError('INVALID_INPUT', 'That person is not a member of this workspace.');
  return member.name;
}

export async function assignConversation(
  db: TDbOrTx,
  workspace: TWorkspaceContext,
  userId: string,
  rawInput: z.input<typeof ZAssignInput>,
) {
  const input = ZAssignInput.parse(rawInput);
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, workspace, userId, input.id);
    if (!mayAssign({ id: userId, role: workspace.role }, conversation.assigneeId, input.assigneeId)) {
      throw new AppError('FORBIDDEN', 'You can take unassigned conversations and hand over your own; supervisors assign the rest.');
    }
    if (conversation.assigneeId === input.assigneeId) return { changed: false };
    const actor = await actorOf(tx, userId);
    if (input.assigneeId) {
      const name = await memberName(tx, workspace.id, input.assigneeId);
      const text = input.assigneeId === userId ? `${actor.name} took this conversation` : `Assigned to ${name} by ${actor.name}`;
      await recordEvent(tx, workspace.id, conversation, userId, 'assigned', text, {
        assigneeId: input.assigneeId,
        params: { actor: actor.name, assignee: name, self: String(input.assigneeId === userId) },
      });
    } else {
      await recordEvent(tx, workspace.id, conversation, userId, 'unassigned', `Unassigned by ${actor.name}`, {
        params: { actor: actor.name, onClose: 'false' },
      });
    }
    await tx
      .update(conversations)
      .set({ assigneeId: input.assigneeId, updatedAt: sql`now()` })
      .where(eq(conversations.id, input.id));
    await notify(tx, {
      type: 'conversation.changed',
      workspaceId: workspace.id,
      conversationId: input.id,
      assigneeId: input.assigneeId,
      previousAssigneeId: conversation.assigneeId,
      actorId: userId,
    });
    return { changed: true };
  });
}

export async function setTeam(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, rawInput: z.input<typeof ZTeamInput>) {
  const input = ZTeamInput.parse(rawInput);
  if (workspace.role === 'agent') throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    const conversation = await lockVisible(tx, workspace, userId, input.id);
    if (conversation.teamId === input.teamId) return { changed: false };
    const actor = await actorOf(tx, userId);
    if (input.teamId) {
      const [team] = await tx
        .select({ name: teams.name })
        .from(teams)
        .where(and(eq(teams.id, input.teamId), eq(teams.workspaceId, workspace.id)));
      if (!team) throw new AppError('INVALID_INPUT', 'That team does not exist in this workspace.');
      await recordEvent(tx, workspace.id, conversation, userId, 'team_assigned', `Moved to team ${team.name} by ${actor.name}`, {
        teamId: input.teamId,
        params: { actor: actor.name, team: team.name },
      });
    } else {
      await recordEvent(tx, workspace.id, conversation, userId, 'team_unassigned', `Removed from its team by ${actor.name}`, {
        params: { actor: actor.name },
      });
    }
    await tx
      .update(conversations)
      .set({ teamId: input.teamId, updatedAt: sql`now()` })
      .where(eq(conversations.id, input.id));
    await notify(tx, {
      type: 'conversation.changed',
      workspaceId: workspace.id,
      conversationId: input.id,
      assigneeId: conversation.assigneeId,
      actorId: userId,
    });
    return { changed: true };
  });
}

/**
 * One call for many conversations: set-based updates, events and timeline lines written with one statement each,
 * and a single realtime hint. Returns how many changed, were already so, or could not be found.
 */
export async function bulkAct(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, rawInput: z.input<typeof ZBulkInput>) {
  const input = ZBulkInput.parse(rawInput);
  if (!mayBulkAct(workspace.role)) throw new AppError('FORBIDDEN', 'Bulk actions are for supervisors and admins.');
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
      const text =
        action.kind === 'close'
          ? `Closed by ${actor.name}`
          : action.assigneeId
            ? `Assigned to ${assigneeName} by ${actor.name}`
            : `Unassigned by ${actor.name}`;
      const assigneeId = action.kind === 'assign' ? action.assigneeId : null;
      await tx
        .insert(conversationEvents)
        .values(changing.map((c) => ({ workspaceId: workspace.id, conversationId: c.id, type, actorId: userId, assigneeId })));
      await tx.insert(messages).values(
        changing.map((c) => ({
          workspaceId: workspace.id,
          conversationId: c.id,
          channelId: c.channelId,
          direction: 'system' as const,
          kind: 'event' as const,
          body: text,
          authorId: userId,
          payload: {
            event: type,
            assigneeId,
            bulk: true,
            params: { actor: actor.name, assignee: assigneeName ?? '', self: 'false', note: '', onClose: 'false' },
          },
        })),
      );
      await tx
        .update(conversations)
        .set(
          action.kind === 'assign'
            ? { assigneeId: action.assigneeId, updatedAt: sql`now()` }
            : { status: 'closed', closedAt: sql`now()`, updatedAt: sql`now()`, ...(unassignOnClose ? { assigneeId: null } : {}) },
        )
        .where(inArray(conversations.id, changingIds));
      if (unassignOnClose) {
        const unassigned = changing.filter((c) => c.assigneeId !== null);
        if (unassigned.length > 0) {
          await tx
            .insert(conversationEvents)
            .values(
              unassigned.map((c) => ({ workspaceId: workspace.id, conversationId: c.id, type: 'unassigned' as const, actorId: userId })),
            );
          await tx.insert(messages).values(
            unassigned.map((c) => ({
              workspaceId: workspace.id,
              conversationId: c.id,
              channelId: c.channelId,
              direction: 'system' as const,
              kind: 'event' as const,
              body: `Unassigned on close by ${actor.name}`,
              authorId: userId,
              payload: { event: 'unassigned', bulk: true, params: { actor: actor.name, onClose: 'true' } },
            })),
          );
        }
      }
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

/**
 * Sends a failed message again, when its failure is one a retry can fix, and only as the window allows now: free
 * text after a lapse is refused (send a template), and a reply now in the tag period goes out with the tag.
 */
export async function retryMessage(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, messageId: number) {
  return db.transaction(async (tx) => {
    const [message] = await tx
      .select({
        id: messages.id,
        status: messages.status,
        errorCode: messages.errorCode,
        direction: messages.direction,
        kind: messages.kind,
        conversationId: messages.conversationId,
      })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .where(and(eq(messages.id, messageId), visibleConversations(workspace, userId)))
      .for('update', { of: messages });
    if (!message || message.direction !== 'out') throw new AppError('NOT_FOUND', 'That message does not exist.');
    if (message.status !== 'failed' || !isRetriable(message.errorCode))
      throw new AppError('INVALID_INPUT', 'A retry cannot help this message.');
    const [conversation] = await tx
      .select({ channelType: conversations.channelType, lastInboundAt: conversations.lastInboundAt, assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(eq(conversations.id, message.conversationId))
      .for('update');
    const window = evaluateWindow(conversation!.channelType, conversation!.lastInboundAt, await databaseNow(tx));
    if (window.state === 'closed_to_outbound') throw new AppError('CLOSED_TO_OUTBOUND');
    if (message.kind !== 'template' && window.state === 'template_only') throw new AppError('WINDOW_LAPSED');
    await tx
      .update(messages)
      .set({
        status: 'queued',
        errorCode: null,
        errorReason: null,
        statusUpdatedAt: sql`now()`,
        ...(message.kind !== 'template' ? { messagingTag: window.state === 'tag' ? 'HUMAN_AGENT' : null } : {}),
      })
      .where(eq(messages.id, messageId));
    await enqueue(tx, QUEUES.send, { messageId });
    await notify(tx, {
      type: 'message.status',
      workspaceId: workspace.id,
      conversationId: message.conversationId,
      messageId,
      status: 'queued',
      assigneeId: conversation!.assigneeId,
      actorId: userId,
    });
    return { queued: true };
  });
}
