'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';

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
  const values = useMemo(() => {
    const current = new URLSearchParams(search);
    return Object.fromEntries(keys.map((key) => [key, current.get(key) ?? ''])) as Record<K, string>;
    // `keys` is a constant array of each screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  const set = useCallback(
    (patch: Partial<Record<K, string>>) => {
      const next = new URLSearchParams(search);
      for (const [key, value] of Object.entries(patch) as [K, string | undefined][]) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      const query = next.toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [search, pathname, router],
  );
  return { values, set };
}
