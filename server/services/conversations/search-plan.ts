import { sql, type SQL } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import type { TSearch } from '@/server/domain/search-query';
import { contactMatchSql, messageMatchSql, type TSearchPlan } from './search-sql';

/**
 * How the inbox search finds its page. Both forms are the same predicate, so they return the same rows in the same
 * order; only the work differs:
 * - `set`: build every match from the trigram indexes, then join and sort them. Cheap while matches are few.
 * - `walk`: read the view by recency (its list index, in order) and test each conversation, stopping at the page's
 *   end. Cheap while matches are common: a 2% term fills a page of 50 after ~2,500 rows, whatever the dataset's size.
 *   Message text is tested per conversation (`test`) when it is common, else taken as a set (`set`) like the rest.
 */

/**
 * Below this share of matching conversations the walk reads more rows than the set costs: at 1% a page of 51 is
 * ~5,100 rows into the view (~10 ms), while the set is at most 1% of the view.
 */
export const WALK_MIN_SHARE = 0.01;
/** Testing message text costs a read of the conversation's messages; it pays only when a short walk fills the page. */
export const MESSAGE_TEST_MIN_SHARE = 0.1;
/** The walk never reads more than this many conversations: past it, the rest of the page comes from the set form. */
const WALK_MAX_ROWS = 20_000;

export type TSearchEstimate = { contactShare: number; messageShare: number };

/** The planner's own row estimate of a statement (EXPLAIN, not run): statistics only, a fraction of a millisecond. */
async function estimatedRows(db: TDbOrTx, statement: SQL): Promise<number> {
  const rows = (await db.execute(sql`explain (format json) ${statement}`)) as unknown as { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[];
  return rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
}

/**
 * The share of conversations a term matches, from statistics (the column statistics of contacts.search_text and
 * messages.search_body, migration 0027): matching contacts over all contacts (each has
 * about as many conversations as the next), and matching messages over all conversations (an upper bound on the
 * conversations holding one: a word often appears several times in one thread).
 */
export async function estimateSearch(db: TDbOrTx, search: TSearch): Promise<TSearchEstimate> {
  const [sizes] = (await db.execute(sql`
    select (select reltuples from pg_class where oid = 'contacts'::regclass)::float8 as contacts,
           (select reltuples from pg_class where oid = 'conversations'::regclass)::float8 as conversations`)) as unknown as {
    contacts: number;
    conversations: number;
  }[];
  const contacts = Math.max(1, sizes?.contacts ?? 1);
  const conversations = Math.max(1, sizes?.conversations ?? 1);
  const matchingContacts = await estimatedRows(db, sql`select 1 from contacts k where ${contactMatchSql('k', search)}`);
  const matchingMessages =
    search.text.length >= 3 ? await estimatedRows(db, sql`select 1 from messages m where ${messageMatchSql('m', search.text)}`) : 0;
  return { contactShare: Math.min(1, matchingContacts / contacts), messageShare: Math.min(1, matchingMessages / conversations) };
}

/** The plan for a page of `limit` rows given the estimated shares (a pure rule, unit-tested). */
export function choosePlan(estimate: TSearchEstimate, limit: number): TSearchPlan {
  const share = Math.max(estimate.contactShare, estimate.messageShare);
  if (share < WALK_MIN_SHARE) return { kind: 'set' };
  // Read up to four times the expected distance: an estimate off by 4x still fills the page within the walk.
  const bound = Math.min(WALK_MAX_ROWS, Math.ceil((4 * (limit + 1)) / share));
  return { kind: 'walk', messages: estimate.messageShare >= MESSAGE_TEST_MIN_SHARE ? 'test' : 'set', bound };
}

export async function planSearch(db: TDbOrTx, search: TSearch, limit: number): Promise<TSearchPlan> {
  return choosePlan(await estimateSearch(db, search), limit);
}
