import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { channels, contacts, conversations, messages, teamMembers, teams } from '@/db/schema';
import { decodeCursor, encodeCursor } from '@/server/domain/cursor';
import { SEARCH_MIN_LENGTH, teamIdOfView, ZInboxQuery, type TInboxQuery } from '@/server/domain/inbox-query';
import { normalizeSearchText } from '@/server/domain/search-normalize';
import { likeEscape, parseSearch, type TSearch } from '@/server/domain/search-query';
import { AppError } from '@/server/errors';
import { assignee, listRowColumns } from './list-row';
import { readOpenCounts } from './open-counts';
import { seesAll, visibleConversations } from './visibility';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/**
 * Newest activity first, spelled exactly like the list indexes (`DESC NULLS LAST`): a plain `DESC` means NULLS FIRST
 * to PostgreSQL, which then cannot read those indexes in order and sorts every matching row instead (measured on the
 * 1M-conversation bench: 1.5 s for All / Closed). The columns are NOT NULL, so the order itself is the same.
 */
const NEWEST_FIRST = [sql`${conversations.lastMessageAt} desc nulls last`, sql`${conversations.id} desc nulls last`];

export const ZInboxListInput = ZInboxQuery.extend({
  cursor: z.string().max(512).nullish(),
  limit: z.number().int().min(1).max(100).default(50),
});
export type TInboxListInput = z.input<typeof ZInboxListInput>;

const HOUR = 3_600_000;

/** Cursor timestamps must be ones PostgreSQL accepts (a forged year 0000 would otherwise fail in SQL). */
const ZCursorTime = z.iso.datetime({ offset: true }).refine((v) => {
  const year = Number(v.slice(0, 4));
  return year >= 1970 && year <= 9999;
});

/** Latest activity: one keyset. Longest waiting and closing soonest: rows with a deadline first, then the rest. */
const ZLatestCursor = z.tuple([z.literal('l'), ZCursorTime, z.uuid()]);
// [s, asOf, segment, key, id]; key and id are null at the very start of segment 1.
const ZSegmentCursor = z.union([
  z.tuple([z.literal('s'), z.iso.datetime({ offset: true }), z.literal(0), z.iso.datetime({ offset: true }), z.uuid()]),
  z.tuple([
    z.literal('s'),
    z.iso.datetime({ offset: true }),
    z.literal(1),
    z.iso.datetime({ offset: true }).nullable(),
    z.uuid().nullable(),
  ]),
]);

export type TMatch = { field: 'name' | 'email' | 'phone' | 'message'; snippet?: string };

function rowsQuery(db: TDbOrTx) {
  return db
    .select(listRowColumns)
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(assignee, eq(assignee.id, conversations.assigneeId));
}

export function displayName(contact: { firstName: string | null; lastName: string | null; phone: string | null }): string {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ').trim();
  return name || contact.phone || '—';
}

/** A timestamp parameter for raw SQL: postgres.js binds strings, and Drizzle maps Dates only for typed columns. */
function at(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

/** The current deadline of a row's window (free window, else tag period) as of `asOf`; null when none is ticking. */
function deadlineSql(asOf: Date): SQL<Date | null> {
  return sql<Date | null>`(case when ${conversations.windowClosesAt} > ${at(asOf)} then ${conversations.windowClosesAt}
    when ${conversations.tagClosesAt} > ${at(asOf)} then ${conversations.tagClosesAt} end)`;
}

/** Every condition of the query except the keyset: workspace, visibility, view, status, filters and search. */
async function filterConditions(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, query: TInboxQuery, asOf: Date): Promise<SQL[]> {
  const where: SQL[] = [visibleConversations(workspace, userId), eq(conversations.status, query.status)];
  const teamView = teamIdOfView(query.view);
  if (query.view === 'all' || teamView) {
    if (!seesAll(workspace)) throw new AppError('FORBIDDEN', 'Your workspace shows agents only Mine and Unassigned.');
  }
  if (query.view === 'mine') where.push(eq(conversations.assigneeId, userId));
  if (query.view === 'unassigned') where.push(isNull(conversations.assigneeId));
  if (teamView) {
    const [member] = await db
      .select({ teamId: teamMembers.teamId })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, teamView), eq(teamMembers.userId, userId), eq(teamMembers.workspaceId, workspace.id)));
    if (!member) throw new AppError('NOT_FOUND', 'That team view does not exist.');
    where.push(eq(conversations.teamId, teamView));
  }
  if (query.assignee === 'none') where.push(isNull(conversations.assigneeId));
  else if (query.assignee) where.push(eq(conversations.assigneeId, query.assignee));
  if (query.team) where.push(eq(conversations.teamId, query.team));
  if (query.channel) where.push(eq(conversations.channelId, query.channel));
  if (query.tag) {
    where.push(sql`exists (select 1 from ${contacts} c where c.id = ${conversations.contactId} and c.tags @> array[${query.tag}]::text[])`);
  }
  if (query.window === 'open') where.push(sql`${conversations.windowClosesAt} > ${at(asOf)}`);
  if (query.window === 'closing') {
    where.push(
      sql`${conversations.windowClosesAt} > ${at(asOf)} and ${conversations.windowClosesAt} <= ${at(new Date(asOf.getTime() + HOUR))}`,
    );
  }
  if (query.window === 'lapsed') where.push(sql`${conversations.windowClosesAt} <= ${at(asOf)}`);
  if (query.window === 'none') where.push(inArray(conversations.channelType, ['viber', 'telegram', 'line', 'webchat', 'sms', 'email']));
  if (query.q) {
    const search = parseSearch(query.q, workspace.settings.defaultCountry);
    if (search.text.length < SEARCH_MIN_LENGTH && !search.phone) where.push(sql`false`);
    else where.push(searchCondition(workspace.id, search));
  }
  return where;
}

/**
 * Contacts (name, email, phone) and message text are searched in separate subqueries, each shaped to use its own
 * trigram index, and only then combined: an OR across the two tables would defeat both indexes.
 */
function searchCondition(workspaceId: string, search: TSearch): SQL {
  const pattern = `%${likeEscape(search.text)}%`;
  const contactTextMatch = sql`nafidha_normalize(coalesce(${contacts.firstName}, '') || ' ' || coalesce(${contacts.lastName}, '') || ' ' || coalesce(${contacts.email}, '')) like ${pattern}`;
  const contactMatch = search.phone
    ? sql`(${contactTextMatch} or nafidha_phone_digits(${contacts.phone}) like ${search.phone.anchored ? `${search.phone.digits}%` : `%${search.phone.digits}%`})`
    : contactTextMatch;
  const messageSearch =
    search.text.length >= 3
      ? sql`union select ${messages.conversationId} from ${messages}
            where nafidha_normalize(${messages.body}) like ${pattern} and ${messages.body} is not null
              and ${messages.direction} in ('in', 'out') and ${messages.workspaceId} = ${workspaceId}`
      : sql``;
  return sql`${conversations.id} in (
    select cv.id from ${conversations} cv where cv.workspace_id = ${workspaceId}
      and cv.contact_id in (select ${contacts.id} from ${contacts} where ${contacts.workspaceId} = ${workspaceId} and ${contactMatch})
    ${messageSearch})`;
}

/** One page of an inbox list in the requested order; at most two indexed queries, whatever the page size. */
export async function listConversations(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, rawInput: TInboxListInput) {
  const input = ZInboxListInput.parse(rawInput);
  const latestCursor = input.cursor && input.sort === 'latest' ? decodeCursor(input.cursor, ZLatestCursor) : null;
  const segmentCursor = input.cursor && input.sort !== 'latest' ? decodeCursor(input.cursor, ZSegmentCursor) : null;
  if (input.cursor && !latestCursor && !segmentCursor) throw new AppError('INVALID_INPUT', 'The page cursor is not valid.');

  // Sorting by deadlines depends on "now"; the first page fixes it for the following pages so rows cannot move
  // between segments while someone scrolls.
  const asOf = segmentCursor ? new Date(segmentCursor[1]) : new Date();
  const where = await filterConditions(db, workspace, userId, input, asOf);
  const limit = input.limit;

  let rows: Awaited<ReturnType<ReturnType<typeof rowsQuery>['execute']>>;
  let nextCursor: string | null = null;

  if (input.sort === 'latest') {
    const keyset = latestCursor ? olderThan(latestCursor[1], latestCursor[2]) : undefined;
    rows = await rowsQuery(db)
      .where(and(...where, keyset))
      .orderBy(...NEWEST_FIRST)
      .limit(limit + 1);
    if (rows.length > limit) {
      rows = rows.slice(0, limit);
      const last = rows.at(-1)!;
      nextCursor = encodeCursor(['l', last.cursorAt, last.id]);
    }
  } else {
    const key = input.sort === 'waiting' ? sql<Date | null>`${conversations.waitingSince}` : deadlineSql(asOf);
    const segment = segmentCursor?.[2] ?? 0;
    rows = [];
    if (segment === 0) {
      const after =
        segmentCursor?.[2] === 0
          ? sql`(${key}, ${conversations.id}) > (${at(new Date(segmentCursor[3]))}, ${segmentCursor[4]}::uuid)`
          : undefined;
      const keyed = await rowsQuery(db)
        .where(and(...where, sql`${key} is not null`, after))
        .orderBy(asc(key), asc(conversations.id))
        .limit(limit + 1);
      if (keyed.length > limit) {
        rows = keyed.slice(0, limit);
        const last = rows.at(-1)!;
        const lastKey = input.sort === 'waiting' ? last.waitingSince! : currentDeadline(last, asOf)!;
        nextCursor = encodeCursor(['s', asOf.toISOString(), 0, lastKey.toISOString(), last.id]);
      } else {
        rows = keyed;
      }
    }
    if (!nextCursor) {
      const keyset = segment === 1 && segmentCursor?.[3] && segmentCursor[4] ? olderThan(segmentCursor[3], segmentCursor[4]) : undefined;
      const rest = await rowsQuery(db)
        .where(and(...where, sql`${key} is null`, keyset))
        .orderBy(...NEWEST_FIRST)
        .limit(limit - rows.length + 1);
      const room = limit - rows.length;
      if (rest.length > room && room === 0) {
        // The page ended exactly where the first segment did: the next page starts the second one.
        nextCursor = encodeCursor(['s', asOf.toISOString(), 1, null, null]);
      } else if (rest.length > room) {
        rows = [...rows, ...rest.slice(0, room)];
        const last = rows.at(-1)!;
        nextCursor = encodeCursor(['s', asOf.toISOString(), 1, last.cursorAt, last.id]);
      } else {
        rows = [...rows, ...rest];
      }
    }
  }

  const matches = input.q ? await explainMatches(db, rows, parseSearch(input.q, workspace.settings.defaultCountry)) : null;
  return {
    items: rows.map((row) => ({ ...row, displayName: displayName(row), match: matches?.get(row.id) ?? null })),
    nextCursor,
    asOf,
  };
}

function olderThan(at: string, id: string): SQL {
  return sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${at}::timestamptz, ${id}::uuid)`;
}

function currentDeadline(row: { windowClosesAt: Date | null; tagClosesAt: Date | null }, asOf: Date): Date | null {
  if (row.windowClosesAt && row.windowClosesAt > asOf) return row.windowClosesAt;
  if (row.tagClosesAt && row.tagClosesAt > asOf) return row.tagClosesAt;
  return null;
}

/** Why each result matched, so the list can highlight it: a contact field, or a message snippet (one query a page). */
async function explainMatches(
  db: TDbOrTx,
  rows: { id: string; firstName: string | null; lastName: string | null; email: string | null; phone: string | null }[],
  search: TSearch,
): Promise<Map<string, TMatch>> {
  const result = new Map<string, TMatch>();
  const needMessage: string[] = [];
  for (const row of rows) {
    const name = normalizeSearchText(`${row.firstName ?? ''} ${row.lastName ?? ''}`);
    const digits = (row.phone ?? '').replace(/\D/g, '');
    if (search.text && name.includes(search.text)) result.set(row.id, { field: 'name' });
    else if (search.text && row.email && normalizeSearchText(row.email).includes(search.text)) result.set(row.id, { field: 'email' });
    else if (search.phone && (search.phone.anchored ? digits.startsWith(search.phone.digits) : digits.includes(search.phone.digits))) {
      result.set(row.id, { field: 'phone' });
    } else needMessage.push(row.id);
  }
  if (needMessage.length > 0 && search.text.length >= 3) {
    const pattern = `%${likeEscape(search.text)}%`;
    const snippets = await db
      .selectDistinctOn([messages.conversationId], { conversationId: messages.conversationId, body: messages.body })
      .from(messages)
      .where(
        and(
          inArray(messages.conversationId, needMessage),
          isNotNull(messages.body),
          inArray(messages.direction, ['in', 'out']),
          sql`nafidha_normalize(${messages.body}) like ${pattern}`,
        ),
      )
      .orderBy(messages.conversationId, desc(messages.id));
    for (const s of snippets) result.set(s.conversationId, { field: 'message', snippet: s.body ?? '' });
  }
  return result;
}

/** Open conversations per view for the navigation, from the maintained counts (a few rows, not every open row). */
export async function countViews(db: TDbOrTx, workspace: TWorkspaceContext, userId: string) {
  const all = seesAll(workspace);
  const myTeams = all
    ? await db
        .select({ id: teams.id, name: teams.name })
        .from(teamMembers)
        .innerJoin(teams, eq(teams.id, teamMembers.teamId))
        .where(and(eq(teamMembers.userId, userId), eq(teamMembers.workspaceId, workspace.id)))
        .orderBy(asc(teams.name))
    : [];
  const counts = await readOpenCounts(
    db,
    workspace.id,
    userId,
    myTeams.map((t) => t.id),
  );
  return {
    mine: counts.mine,
    unassigned: counts.unassigned,
    all: all ? counts.all : null,
    teams: myTeams.map((team) => ({ ...team, count: counts.teams.get(team.id) ?? 0 })),
    /** Which transactions these counts include, so a browser adds only the realtime count changes they lack. */
    snapshot: counts.snapshot,
  };
}

/** One list row by id (for realtime patches), or null when it is not visible to the caller. */
export async function getConversationRow(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, id: string) {
  const [row] = await rowsQuery(db)
    .where(and(visibleConversations(workspace, userId), eq(conversations.id, id)))
    .limit(1);
  return row ? { ...row, displayName: displayName(row), match: null } : null;
}
