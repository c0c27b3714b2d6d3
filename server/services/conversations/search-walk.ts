import { and, sql, type SQL } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import type { TSearch } from '@/server/domain/search-query';
import { NEWEST_FIRST, olderThan } from './list-order';
import { listRowsQuery, type TListRows } from './list-row';
import { searchSql, type TSearchPlan } from './search-sql';

type TWalk = {
  workspaceId: string;
  /** The view's conditions without the search (filterConditions with 'none'). */
  view: SQL[];
  keyset: SQL | undefined;
  search: TSearch;
  plan: Extract<TSearchPlan, { kind: 'walk' }>;
  limit: number;
};

/**
 * Up to limit + 1 matching rows by latest activity, for a common term: the view's next `bound` conversations in the
 * order of its list index, each tested (search-sql.ts, walk form), the page ending as soon as it is full. If those
 * conversations hold fewer matches than the page needs, the term is rarer than estimated: the rest of the page comes
 * from the set form over the conversations older than the last one walked. Either way the rows are exactly those
 * the set form alone would return, in the same order.
 */
export async function walkLatest(db: TDbOrTx, walk: TWalk): Promise<TListRows> {
  const { view, keyset, limit, plan } = walk;
  // The subquery's LIMIT keeps its rows in index order and bounds the walk; the outer query reads it in that order.
  const window = db
    .select()
    .from(conversations)
    .where(and(...view, keyset))
    .orderBy(...NEWEST_FIRST)
    .limit(plan.bound)
    .as('conversations');
  const rows = await listRowsQuery(db, window)
    .where(searchSql(walk.workspaceId, walk.search, plan))
    .orderBy(...NEWEST_FIRST)
    .limit(limit + 1);
  if (rows.length > limit) return rows;
  const [last] = (await db.execute(sql`
    select to_char(last_message_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, id from ${conversations}
    where ${and(...view, keyset)} order by ${sql.join(NEWEST_FIRST, sql`, `)} offset ${plan.bound - 1} limit 1`)) as unknown as {
    at: string;
    id: string;
  }[];
  // Fewer conversations than the bound: the walk saw the whole rest of the view.
  if (!last) return rows;
  const rest = await listRowsQuery(db)
    .where(and(...view, keyset, olderThan(last.at, last.id), searchSql(walk.workspaceId, walk.search, { kind: 'set' })))
    .orderBy(...NEWEST_FIRST)
    .limit(limit + 1 - rows.length);
  return [...rows, ...rest];
}
