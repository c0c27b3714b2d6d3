import { hashKey, matchQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { TListPage } from '@/components/trpc/types';
import { learnListVersions } from './apply-event';
import type { createCountsLedger, TViewCounts } from './open-counts';

type TFollowed = {
  listKey: readonly unknown[];
  countsKey: readonly unknown[];
  versions: Map<string, number>;
  ledger: ReturnType<typeof createCountsLedger>;
};

/**
 * What the tab learns from what it fetches (not from its own cache patches): every list teaches its rows'
 * versions, so a late event older than a fetched row changes nothing, and every counts result gets the count
 * changes heard that it does not include yet. Returns the unsubscribe.
 */
export function followFetches(queryClient: QueryClient, { listKey, countsKey, versions, ledger }: TFollowed): () => void {
  return queryClient.getQueryCache().subscribe((cacheEvent) => {
    if (cacheEvent.type !== 'updated' || cacheEvent.action.type !== 'success' || cacheEvent.action.manual) return;
    if (matchQuery({ queryKey: listKey }, cacheEvent.query)) {
      learnListVersions(versions, cacheEvent.action.data as InfiniteData<TListPage>);
      return;
    }
    if (cacheEvent.query.queryHash !== hashKey(countsKey)) return;
    const fetched = cacheEvent.action.data as TViewCounts;
    const adjusted = ledger.fetched(fetched);
    if (adjusted !== fetched) queryClient.setQueryData(countsKey, adjusted);
  });
}
