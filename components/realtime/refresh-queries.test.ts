import { InfiniteQueryObserver, QueryClient, QueryObserver, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { refreshQueries } from './refresh-queries';

/** A server whose answers the test releases one by one, so a refresh can land while a fetch is under way. */
function slowServer() {
  const pending: Array<() => void> = [];
  let version = 0;
  const answer = <T>(value: () => T) =>
    new Promise<T>((resolve) => {
      pending.push(() => resolve(value()));
    });
  return {
    pending,
    bump: () => void version++,
    page: (n: number) => answer(() => ({ n, version })),
    releaseAll: async () => {
      while (pending.length) {
        pending.shift()!();
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    },
  };
}

describe('refreshQueries', () => {
  it('keeps a next page asked for a moment earlier, then refetches every page loaded (TanStack would cancel it)', async () => {
    const queryClient = new QueryClient();
    const server = slowServer();
    const observer = new InfiniteQueryObserver(queryClient, {
      queryKey: ['audit'],
      queryFn: ({ pageParam }) => server.page(pageParam),
      initialPageParam: 1,
      getNextPageParam: (last: { n: number }) => (last.n < 3 ? last.n + 1 : undefined),
    });
    const stop = observer.subscribe(() => {});
    await server.releaseAll();
    const next = observer.fetchNextPage();
    server.bump();
    refreshQueries(queryClient);
    await server.releaseAll();
    await next;
    await server.releaseAll();
    const data = queryClient.getQueryData<InfiniteData<{ n: number; version: number }>>(['audit'])!;
    expect(data.pages.map((p) => p.n)).toEqual([1, 2]);
    // The refetch after the settled fetch read the server after the change.
    expect(data.pages.every((p) => p.version === 1)).toBe(true);
    stop();
  });

  it('refetches an idle query at once and only marks one shown nowhere as stale', async () => {
    const queryClient = new QueryClient();
    const server = slowServer();
    const observer = new QueryObserver(queryClient, { queryKey: ['shown'], queryFn: () => server.page(1) });
    const stop = observer.subscribe(() => {});
    await server.releaseAll();
    queryClient.setQueryData(['hidden'], { n: 1, version: 0 });
    server.bump();
    refreshQueries(queryClient);
    expect(server.pending).toHaveLength(1);
    await server.releaseAll();
    expect(queryClient.getQueryData(['shown'])).toEqual({ n: 1, version: 1 });
    expect(queryClient.getQueryState(['hidden'])!.isInvalidated).toBe(true);
    stop();
  });

  it('joins several refreshes of one fetch under way into one refetch after it', async () => {
    const queryClient = new QueryClient();
    const server = slowServer();
    const observer = new QueryObserver(queryClient, { queryKey: ['shown'], queryFn: () => server.page(1) });
    const stop = observer.subscribe(() => {});
    refreshQueries(queryClient);
    refreshQueries(queryClient);
    refreshQueries(queryClient);
    expect(server.pending).toHaveLength(1);
    server.pending.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.pending).toHaveLength(1);
    await server.releaseAll();
    expect(server.pending).toHaveLength(0);
    stop();
  });
});
