'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { useEffect } from 'react';
import { useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { unreadTitle } from '@/server/domain/unread-title';

/**
 * The tab's title carries what waits for this person ("(3) Nafidha"), so a background tab says so in the tab strip.
 * Next sets the page's own title on navigation: it is prefixed again after each one, and whenever the count changes
 * (the socket refetches conversation.unreadSummary after events about conversations and mentions).
 */
export function UnreadTitle() {
  const trpc = useTRPC();
  const { n } = useFormats();
  const pathname = usePathname();
  const summary = useQuery(trpc.conversation.unreadSummary.queryOptions());
  const total = summary.data?.total;
  useEffect(() => {
    const apply = () => {
      const next = unreadTitle(document.title, total ? { count: n(total.count), capped: total.capped, zero: total.count === 0 } : null);
      if (next !== document.title) document.title = next;
    };
    apply();
    // Next writes the title after a navigation's render: watch for it rather than guess when.
    const head = document.querySelector('head');
    if (!head) return;
    const observer = new MutationObserver(apply);
    observer.observe(head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [total, n, pathname]);
  return null;
}
