import type { Query, QueryClient, QueryFilters } from '@tanstack/react-query';

/**
 * Refetches what matches without cancelling a fetch under way. TanStack's invalidation cancels it and refetches only
 * the pages already loaded, so a "Show more" or an older page asked for a moment earlier was silently dropped (the
 * click did nothing). A fetch under way may have read the server before the change this refresh is for, so such a
 * query is refetched once it settles; a query shown nowhere is only marked stale, as invalidation does.
 */
export function refreshQueries(queryClient: QueryClient, filters: QueryFilters = {}): void {
  for (const query of queryClient.getQueryCache().findAll(filters)) refreshQuery(queryClient, query);
}

export function refreshQuery(queryClient: QueryClient, query: Query): void {
  // Several refreshes of one settled fetch join one refetch: cancelRefetch false hands back the one already started.
  const again = () => void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true }, { cancelRefetch: false });
  if (query.state.fetchStatus === 'idle') return again();
  const unsubscribe = queryClient.getQueryCache().subscribe((cacheEvent) => {
    if (cacheEvent.query !== query) return;
    if (cacheEvent.type === 'removed') return unsubscribe();
    if (cacheEvent.type !== 'updated' || query.state.fetchStatus !== 'idle') return;
    unsubscribe();
    again();
  });
}
