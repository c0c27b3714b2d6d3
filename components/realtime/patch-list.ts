import type { InfiniteData } from '@tanstack/react-query';
import type { TListPage, TListRow } from '@/components/trpc/types';
import { rowMatchesQuery } from '@/server/domain/inbox-match';
import type { TInboxQuery } from '@/server/domain/inbox-query';

/**
 * Applies a changed row to one cached list (latest-activity order) without refetching it: the row leaves the list,
 * and re-enters at its place when it still belongs there. Returns 'refetch' when that cannot be decided here
 * (search and tag lists, deadline sorts), and the data unchanged when the row sorts beyond what is loaded.
 */
export function patchList(
  data: InfiniteData<TListPage>,
  query: TInboxQuery,
  conversationId: string,
  row: TListRow | null,
  userId: string,
  now: Date,
): InfiniteData<TListPage> | 'refetch' {
  const matches = row ? rowMatchesQuery(row, query, userId, now) : false;
  if (matches === null || (matches && query.sort !== 'latest')) return 'refetch';

  const pages = data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== conversationId) }));
  if (row && matches) {
    const after = (item: TListRow) =>
      item.lastMessageAt.getTime() < row.lastMessageAt.getTime() ||
      (item.lastMessageAt.getTime() === row.lastMessageAt.getTime() && item.id < row.id);
    let placed = false;
    for (const page of pages) {
      const index = page.items.findIndex(after);
      if (index >= 0) {
        page.items.splice(index, 0, row);
        placed = true;
        break;
      }
    }
    // Past the last loaded row: it belongs at the end only when nothing more is left to load.
    if (!placed && pages.length > 0 && pages[pages.length - 1]!.nextCursor === null) pages[pages.length - 1]!.items.push(row);
  }
  return { ...data, pages };
}
