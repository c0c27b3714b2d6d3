'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo } from 'react';
import { inboxQueryFromParams, inboxQueryToParams, type TInboxQuery } from '@/server/domain/inbox-query';

/**
 * A navigation that was asked for but has not reached useSearchParams yet. Two quick changes (sort, then a filter)
 * must build on each other, not both on the URL as it was before the first one.
 */
let pendingSearch: string | null = null;

/**
 * The inbox's state lives in the URL (view, status, sort, filters, search, open conversation), so views can be
 * bookmarked and shared and the back button works. Changing the list pushes history; typing a search replaces it.
 */
export function useInboxState() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const current = params.toString();
  useEffect(() => {
    if (pendingSearch === current) pendingSearch = null;
  }, [current]);
  useEffect(() => {
    // Back and forward replace whatever was pending.
    const clear = () => (pendingSearch = null);
    window.addEventListener('popstate', clear);
    return () => window.removeEventListener('popstate', clear);
  }, []);
  const query = useMemo(() => inboxQueryFromParams(params), [params]);
  const openId = params.get('c');

  const base = useCallback(() => {
    const source = pendingSearch !== null ? new URLSearchParams(pendingSearch) : params;
    return { query: inboxQueryFromParams(source), openId: source.get('c') };
  }, [params]);

  const go = useCallback(
    (next: TInboxQuery, conversationId: string | null, mode: 'push' | 'replace') => {
      const search = inboxQueryToParams(next, { c: conversationId });
      pendingSearch = search;
      const url = search ? `${pathname}?${search}` : pathname;
      if (mode === 'push') router.push(url, { scroll: false });
      else router.replace(url, { scroll: false });
    },
    [pathname, router],
  );

  return {
    query,
    openId,
    /** Changes the list: a new history entry, and the open conversation stays open. */
    setQuery: useCallback(
      (patch: Partial<TInboxQuery>, mode: 'push' | 'replace' = 'push') => {
        const from = base();
        go({ ...from.query, ...patch }, from.openId, mode);
      },
      [base, go],
    ),
    openConversation: useCallback((id: string | null) => go(base().query, id, 'push'), [base, go]),
    hrefFor: (patch: Partial<TInboxQuery>) => `${pathname}?${inboxQueryToParams({ ...query, ...patch }, { c: openId })}`,
  };
}
