import { and, asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import { decodeCursor, encodeCursor } from '@/server/domain/cursor';
import { parseSearch } from '@/server/domain/search-query';
import { currentDeadline } from '@/server/domain/window';
import { AppError } from '@/server/errors';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { at, deadlineSql, filterConditions, searchable } from './filters';
import { NEWEST_FIRST, olderThan } from './list-order';
import { displayName, listRowsQuery, type TListRows } from './list-row';
import { planSearch } from './search-plan';
import type { TSearchPlan } from './search-sql';
import { walkLatest } from './search-walk';
import { ZInboxListInput, type TInboxListInput } from './schemas';
import { explainMatches } from './search-matches';
import { listMentions } from './list-mentions';

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

/**
 * One page of an inbox list in the requested order; at most two indexed queries, whatever the page size. A search
 * by latest activity picks its plan from the term's estimated breadth (search-plan.ts); `pinnedPlan` fixes it
 * instead, for the tests and benchmarks that compare the plans (both return the same page).
 */
export async function listConversations(
  db: TDbOrTx,
  workspace: TWorkspaceContext,
  userId: string,
  rawInput: TInboxListInput,
  pinnedPlan?: TSearchPlan,
) {
  // The one service that parses its input again (a no-op after the router's): bulk's "all matching", the benches and
  // tests page through lists with partial queries and rely on the schema's defaults (view, status, sort, limit).
  const input = ZInboxListInput.parse(rawInput);
  // "Closing soon" has one order of its own, whatever the sort says: soonest window first.
  if (input.view === 'closing') return listClosingSoon(db, workspace, userId, input);
  if (input.view === 'mentions') {
    const mentioned = await listMentions(db, workspace, userId, input);
    return page(db, workspace, input, mentioned.rows, mentioned.nextCursor, mentioned.asOf);
  }
  const latestCursor = input.cursor && input.sort === 'latest' ? decodeCursor(input.cursor, ZLatestCursor) : null;
  const segmentCursor = input.cursor && input.sort !== 'latest' ? decodeCursor(input.cursor, ZSegmentCursor) : null;
  if (input.cursor && !latestCursor && !segmentCursor) throw new AppError('INVALID_INPUT', 'cursorInvalid');

  // Sorting by deadlines depends on "now"; the first page fixes it for the following pages so rows cannot move
  // between segments while someone scrolls.
  const asOf = segmentCursor ? new Date(segmentCursor[1]) : new Date();
  const limit = input.limit;
  const search = input.q ? parseSearch(input.q, workspace.settings.defaultCountry) : null;
  const plan =
    pinnedPlan ?? (search && input.sort === 'latest' && searchable(search) ? await planSearch(db, workspace.id, search, limit) : { kind: 'set' as const });
  // The walk reads by latest activity only; any other order takes the same predicate as a filter on its own index.
  const walk = plan.kind === 'walk' && input.sort === 'latest' && search && searchable(search) ? { plan, search } : null;
  const where = await filterConditions(db, workspace, userId, input, asOf, walk ? 'none' : plan);

  let rows: TListRows;
  let nextCursor: string | null = null;

  if (input.sort === 'latest') {
    const keyset = latestCursor ? olderThan(latestCursor[1], latestCursor[2]) : undefined;
    rows =
      walk
        ? await walkLatest(db, { workspaceId: workspace.id, view: where, keyset, search: walk.search, plan: walk.plan, limit })
        : await listRowsQuery(db)
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
      const keyed = await listRowsQuery(db)
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
      const rest = await listRowsQuery(db)
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

  return page(db, workspace, input, rows, nextCursor, asOf);
}

/** On the Mentions view's rows: when the reader was last mentioned there, and whether they have opened it since. */
type TMentionMark = { at: Date; unread: boolean };

async function page(
  db: TDbOrTx,
  workspace: TWorkspaceContext,
  input: TInboxListInput,
  rows: (TListRows[number] & { mention?: TMentionMark })[],
  nextCursor: string | null,
  asOf: Date,
) {
  const matches = input.q ? await explainMatches(db, rows, parseSearch(input.q, workspace.settings.defaultCountry)) : null;
  return {
    items: rows.map((row) => ({ ...row, displayName: displayName(row), match: matches?.get(row.id) ?? null })),
    nextCursor,
    asOf,
  };
}

// [c, asOf, windowClosesAt, id]: "now" is fixed by the first page, so the range does not slide while someone scrolls.
const ZClosingCursor = z.tuple([z.literal('c'), ZCursorTime, ZCursorTime, z.uuid()]);

/** "Closing soon": keyset on (window_closes_at, id), a range read of the window index within the horizon. */
async function listClosingSoon(db: TDbOrTx, workspace: TWorkspaceContext, userId: string, input: z.output<typeof ZInboxListInput>) {
  const cursor = input.cursor ? decodeCursor(input.cursor, ZClosingCursor) : null;
  if (input.cursor && !cursor) throw new AppError('INVALID_INPUT', 'cursorInvalid');
  const asOf = cursor ? new Date(cursor[1]) : new Date();
  const where = await filterConditions(db, workspace, userId, input, asOf);
  const after = cursor ? sql`(${conversations.windowClosesAt}, ${conversations.id}) > (${at(new Date(cursor[2]))}, ${cursor[3]}::uuid)` : undefined;
  let rows = await listRowsQuery(db)
    .where(and(...where, after))
    .orderBy(asc(conversations.windowClosesAt), asc(conversations.id))
    .limit(input.limit + 1);
  let nextCursor: string | null = null;
  if (rows.length > input.limit) {
    rows = rows.slice(0, input.limit);
    const last = rows.at(-1)!;
    nextCursor = encodeCursor(['c', asOf.toISOString(), last.windowClosesAt!.toISOString(), last.id]);
  }
  return page(db, workspace, input, rows, nextCursor, asOf);
}
