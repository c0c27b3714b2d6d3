import { z } from 'zod';
import { CONVERSATION_STATUSES } from './conversation';
import { isUuid, LABEL_MAX } from './limits';

/**
 * What an inbox list shows: view, status, sort, filters and search. The same schema validates tRPC input and reads
 * the browser's URL, so a bookmarked or shared link means exactly what the server will answer.
 */
/**
 * `closing`: waiting customers whose window closes within the workspace's first lead time, soonest first.
 * `mentions`: conversations where a note mentioned the reader, newest mention first.
 */
export const BASE_VIEWS = ['mine', 'unassigned', 'all', 'closing', 'mentions'] as const;
export type TBaseView = (typeof BASE_VIEWS)[number];
export type TInboxView = TBaseView | `team:${string}`;

export const SORTS = ['latest', 'waiting', 'window'] as const;
export type TSort = (typeof SORTS)[number];
export const WINDOW_FILTERS = ['open', 'closing', 'lapsed', 'none'] as const;
export type TWindowFilter = (typeof WINDOW_FILTERS)[number];

/** A query shorter than this cannot use a trigram index; longer than the max is refused rather than run slowly. */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 200;

// A team view names its team by the same UUID check as the `team` filter, so a link valid for one is valid for both.
export const ZInboxView = z.union([
  z.enum(BASE_VIEWS),
  z.string().refine((value) => value.startsWith('team:') && isUuid(value.slice(5))),
]) as z.ZodType<TInboxView>;

export const ZInboxQuery = z.object({
  view: ZInboxView.default('mine'),
  status: z.enum(CONVERSATION_STATUSES).default('open'),
  sort: z.enum(SORTS).default('latest'),
  assignee: z.union([z.literal('none'), z.uuid()]).optional(),
  team: z.uuid().optional(),
  channel: z.uuid().optional(),
  tag: z.string().trim().min(1).max(LABEL_MAX).optional(),
  window: z.enum(WINDOW_FILTERS).optional(),
  q: z.string().trim().max(SEARCH_MAX_LENGTH).optional(),
  /** Only conversations with customer messages nobody has read yet ("1": the URL's spelling of on). */
  unread: z.literal('1').optional(),
});
export type TInboxQuery = z.infer<typeof ZInboxQuery>;
export type TInboxQueryInput = z.input<typeof ZInboxQuery>;

export function teamIdOfView(view: TInboxView): string | null {
  return view.startsWith('team:') ? view.slice(5) : null;
}

const URL_KEYS = ['view', 'status', 'sort', 'assignee', 'team', 'channel', 'tag', 'window', 'q', 'unread'] as const;

/** Reads the inbox state from URL search params; unknown or invalid values fall back to defaults one by one. */
export function inboxQueryFromParams(params: { get(name: string): string | null }): TInboxQuery {
  const raw: Record<string, string> = {};
  for (const key of URL_KEYS) {
    const value = params.get(key);
    if (value) raw[key] = value;
  }
  const parsed = ZInboxQuery.safeParse(raw);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  return ZInboxQuery.parse(Object.fromEntries(Object.entries(raw).filter(([key]) => !bad.has(key))));
}

/** The URL search string for a query, omitting defaults so links stay short. */
export function inboxQueryToParams(query: TInboxQuery, extra: Record<string, string | null | undefined> = {}): string {
  const params = new URLSearchParams();
  const defaults: Partial<TInboxQuery> = { view: 'mine', status: 'open', sort: 'latest' };
  for (const key of URL_KEYS) {
    const value = query[key];
    if (value !== undefined && value !== '' && value !== defaults[key]) params.set(key, String(value));
  }
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params.toString();
}
