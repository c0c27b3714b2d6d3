import { eq, sql, type Subquery } from 'drizzle-orm';
import { alias, PgDialect } from 'drizzle-orm/pg-core';
import type { TDbOrTx } from '@/db/client';
import { channels, contacts, conversations, users } from '@/db/schema';

/** The assignee joined into a list row (a second reference to users, hence the alias). */
export const assignee = alias(users, 'assignee');

/**
 * A conversation's list row, defined once: the list query selects these columns (list.ts), and the realtime
 * announcement builds the same keys from the same expressions (listRowJson), so the row an event carries cannot
 * drift from the row the list returns.
 */
export const listRowColumns = {
  id: conversations.id,
  status: conversations.status,
  channelId: conversations.channelId,
  channelType: conversations.channelType,
  channelName: channels.name,
  contactId: contacts.id,
  firstName: contacts.firstName,
  lastName: contacts.lastName,
  phone: contacts.phone,
  email: contacts.email,
  previewText: conversations.previewText,
  previewDirection: conversations.previewDirection,
  /** A media last message in words the browser translates (server/domain/media-preview.ts). */
  previewMedia: conversations.previewMedia,
  lastMessageAt: conversations.lastMessageAt,
  /** The same instant at full (microsecond) precision, for cursors: a JS Date would round it and skip rows. */
  cursorAt: sql<string>`to_char(${conversations.lastMessageAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  lastInboundAt: conversations.lastInboundAt,
  waitingSince: conversations.waitingSince,
  windowClosesAt: conversations.windowClosesAt,
  tagClosesAt: conversations.tagClosesAt,
  /** The free entry point's end (server/domain/free-entry.ts): the row's chip marks it while it runs. */
  freeEntryUntil: conversations.freeEntryUntil,
  unreadCount: conversations.unreadCount,
  assigneeId: conversations.assigneeId,
  assigneeName: assignee.name,
  teamId: conversations.teamId,
  /** Realtime events carry it too: a browser applies an event's row only when it is newer than the one it shows. */
  version: conversations.version,
};

/**
 * SQL text of a `json_build_object` of listRowColumns, for raw statements (ingest sends the announcement on its own
 * connection). It names the tables as the list query does ("conversations", "contacts", "channels", "assignee"):
 * the statement using it must give its sources those names.
 */
export function listRowJson(): string {
  const pairs = Object.entries(listRowColumns).map(([key, column]) => sql`${sql.raw(`'${key}'`)}, ${column}`);
  const query = new PgDialect().sqlToQuery(sql`json_build_object(${sql.join(pairs, sql`, `)})`);
  if (query.params.length > 0) throw new Error('The list row must not need parameters to be inlined in raw SQL.');
  return query.sql;
}

/**
 * The list row query: a conversation with its contact, channel and assignee; callers add conditions and order.
 * `source` replaces the conversations table by a subquery of its rows named "conversations" (the search's walk).
 */
export function listRowsQuery(db: TDbOrTx, source?: Subquery) {
  return db
    .select(listRowColumns)
    .from(source ?? conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId));
}

export type TListRows = Awaited<ReturnType<ReturnType<typeof listRowsQuery>['execute']>>;

export function displayName(contact: { firstName: string | null; lastName: string | null; phone: string | null }): string {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ').trim();
  return name || contact.phone || '—';
}
