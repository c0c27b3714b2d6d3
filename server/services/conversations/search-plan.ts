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
/** The walk never reads more than this many conversations: past it, the rest of the page comes from the set form. */
const WALK_MAX_ROWS = 20_000;

export type TSearchEstimate = {
  /** Shares of the workspace's conversations matching through their contact, and through a message (upper bound). */
  contactShare: number;
  messageShare: number;
  /** Matching contacts and messages of the workspace: the cost of taking them as a set. */
  contacts: number;
  messages: number;
};

/** The planner's own row estimate of a statement (EXPLAIN, not run): statistics only, a fraction of a millisecond. */
async function estimatedRows(db: TDbOrTx, statement: SQL): Promise<number> {
  const rows = (await db.execute(sql`explain (format json) ${statement}`)) as unknown as { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[];
  return rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
}

/**
 * The share of a workspace's conversations a term matches, from statistics (the column statistics of
 * contacts.search_text and messages.search_body, migration 0027): its matching contacts over its contacts (each has
 * about as many conversations as the next), and its matching messages over its conversations (an upper bound on the
 * conversations holding one: a word often appears several times in one thread).
 */
export async function estimateSearch(db: TDbOrTx, workspaceId: string, search: TSearch): Promise<TSearchEstimate> {
  const contacts = Math.max(1, await estimatedRows(db, sql`select 1 from contacts k where k.workspace_id = ${workspaceId}`));
  const matching = await estimatedRows(db, sql`select 1 from contacts k where k.workspace_id = ${workspaceId} and ${contactMatchSql('k', search)}`);
  let messageShare = 0;
  let messages = 0;
  if (search.text.length >= 3) {
    const conversations = Math.max(1, await estimatedRows(db, sql`select 1 from conversations c where c.workspace_id = ${workspaceId}`));
    messages = await estimatedRows(db, sql`select 1 from messages m where m.workspace_id = ${workspaceId} and ${messageMatchSql('m', search.text)}`);
    messageShare = Math.min(1, messages / conversations);
  }
  return { contactShare: Math.min(1, matching / contacts), messageShare, contacts: matching, messages };
}

/** The plan for a page of `limit` rows given the estimates (a pure rule, unit-tested). */
export function choosePlan(estimate: TSearchEstimate, limit: number): TSearchPlan {
  const share = Math.max(estimate.contactShare, estimate.messageShare);
  if (share < WALK_MIN_SHARE) return { kind: 'set' };
  const expected = (limit + 1) / share;
  // Read up to four times the expected distance: an estimate off by 4x still fills the page within the walk.
  const bound = Math.min(WALK_MAX_ROWS, Math.ceil(4 * expected));
  return {
    kind: 'walk',
    // A contact looked up per walked row costs about four times one taken into a hashed set: the set pays while it
    // is smaller than twice the walk (a first name of 2% is ~3,000 contacts against a walk of ~2,500 rows).
    contacts: estimate.contacts < 2 * expected ? 'set' : 'test',
    // Testing a walked conversation reads its messages (about ten, through its index); a set reads every matching
    // message, mostly on pages of their own: the set pays only while it is smaller than the walk.
    messages: estimate.messages < expected ? 'set' : 'test',
    bound,
  };
}

export async function planSearch(db: TDbOrTx, workspaceId: string, search: TSearch, limit: number): Promise<TSearchPlan> {
  return choosePlan(await estimateSearch(db, workspaceId, search), limit);
}
