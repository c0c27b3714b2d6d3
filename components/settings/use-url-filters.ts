'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo } from 'react';

/**
 * A navigation asked for that has not reached useSearchParams yet: two quick changes (one filter, then another) must
 * build on each other, not both on the URL as it was before the first (which would undo the first).
 */
let pending: { pathname: string; search: string } | null = null;

/**
 * A settings screen's filters, kept in the URL's search params so they survive a reload and can be shared. Only the
 * keys given are read or written; an empty value removes its key. Filters replace the history entry (each change is
 * not a page of its own).
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = params.toString();
  useEffect(() => {
    if (pending?.pathname === pathname && pending.search === search) pending = null;
  }, [pathname, search]);
  useEffect(() => {
    // Back and forward replace whatever was pending.
    const clear = () => (pending = null);
    window.addEventListener('popstate', clear);
    return () => window.removeEventListener('popstate', clear);
  }, []);
  const values = useMemo(() => {
    const current = new URLSearchParams(search);
    return Object.fromEntries(keys.map((key) => [key, current.get(key) ?? ''])) as Record<K, string>;
    // `keys` is a constant array of each screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  const set = useCallback(
    (patch: Partial<Record<K, string>>) => {
      const next = new URLSearchParams(pending?.pathname === pathname ? pending.search : search);
      for (const [key, value] of Object.entries(patch) as [K, string | undefined][]) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      pending = { pathname, search: query };
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [search, pathname, router],
  );
  return { values, set };
}
