import { and, desc, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { channels, contacts, conversations, users } from '@/db/schema';
import { decodeCursor, encodeCursor } from '@/server/domain/cursor';
import { INBOX_VIEWS, type TInboxView } from '@/server/domain/inbox-views';
import { AppError } from '@/server/errors';
import type { TWorkspaceContext } from './workspaces';

export const ZInboxListInput = z.object({
  view: z.enum(INBOX_VIEWS).default('mine'),
  status: z.enum(['open', 'closed']).default('open'),
  cursor: z.string().max(512).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TInboxListInput = z.input<typeof ZInboxListInput>;

const ZListCursor = z.tuple([z.iso.datetime({ offset: true }), z.uuid()]);

/** Agents in a workspace where "agents see all" is off may only look at Mine and Unassigned. */
export function canSeeView(workspace: TWorkspaceContext, view: TInboxView): boolean {
  return view !== 'all' || workspace.role !== 'agent' || workspace.settings.agentsSeeAll;
}

const assignee = alias(users, 'assignee');

/** One page of a view, newest activity first; one indexed query, whatever the page size. */
export async function listConversations(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, rawInput: TInboxListInput) {
  const input = ZInboxListInput.parse(rawInput);
  if (!canSeeView(workspace, input.view)) throw new AppError('FORBIDDEN');

  const where: SQL[] = [eq(conversations.workspaceId, workspace.id), eq(conversations.status, input.status)];
  if (input.view === 'mine') where.push(eq(conversations.assigneeId, userId));
  if (input.view === 'unassigned') where.push(isNull(conversations.assigneeId));
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor, ZListCursor);
    if (!cursor) throw new AppError('INVALID_INPUT', 'The page cursor is not valid.');
    const at = new Date(cursor[0]);
    const after = or(lt(conversations.lastMessageAt, at), and(eq(conversations.lastMessageAt, at), lt(conversations.id, cursor[1])));
    if (after) where.push(after);
  }

  const rows = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      channelType: conversations.channelType,
      channelName: channels.name,
      contactId: contacts.id,
      firstName: contacts.firstName,
      lastName: contacts.lastName,
      phone: contacts.phone,
      previewText: conversations.previewText,
      previewDirection: conversations.previewDirection,
      lastMessageAt: conversations.lastMessageAt,
      lastInboundAt: conversations.lastInboundAt,
      windowClosesAt: conversations.windowClosesAt,
      unreadCount: conversations.unreadCount,
      assigneeId: conversations.assigneeId,
      assigneeName: assignee.name,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId))
    .where(and(...where))
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(input.limit + 1);

  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ ...row, displayName: displayName(row) })),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.lastMessageAt.toISOString(), last.id]) : null,
  };
}

export function displayName(contact: { firstName: string | null; lastName: string | null; phone: string | null }): string {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ').trim();
  return name || contact.phone || '—';
}

/** Open conversations per view, for the navigation badges: three index-only counts of the open slice. */
export async function countOpenByView(db: TDbOrTx, workspace: TWorkspaceContext, userId: string) {
  const [row] = await db
    .select({
      mine: sql<number>`count(*) filter (where ${conversations.assigneeId} = ${userId})::int`,
      unassigned: sql<number>`count(*) filter (where ${conversations.assigneeId} is null)::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspace.id), eq(conversations.status, 'open')));
  const counts = { mine: row?.mine ?? 0, unassigned: row?.unassigned ?? 0, all: row?.all ?? 0 };
  return canSeeView(workspace, 'all') ? counts : { mine: counts.mine, unassigned: counts.unassigned, all: null };
}
