'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { usePermissions } from '@/components/auth/use-permissions';
import { useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import type { TInboxView } from '@/server/domain/inbox-query';
import { useInboxState } from './use-inbox-state';

const CLOSING_SOON_REFETCH_MS = 30_000;

export function ViewsNav() {
  const t = useTranslations('views');
  const { n } = useFormats();
  const trpc = useTRPC();
  const counts = useQuery(trpc.conversation.counts.queryOptions());
  // It changes with the clock as much as with events (a window reaching the lead time): refetched every 30 s too.
  const closing = useQuery(trpc.conversation.closingSoonCount.queryOptions(undefined, { refetchInterval: CLOSING_SOON_REFETCH_MS }));
  // The Mentions link counts the unread ones (the socket refetches it after mentions and reads).
  const unread = useQuery(trpc.conversation.unreadSummary.queryOptions());
  const { query, hrefFor, setQuery } = useInboxState();
  const { can } = usePermissions();
  const views: { view: TInboxView; label: string; count: number | null | undefined; capped?: boolean }[] = [
    { view: 'mine', label: t('mine'), count: counts.data?.mine },
    { view: 'unassigned', label: t('unassigned'), count: counts.data?.unassigned },
  ];
  if (can('conversation.seeAll')) views.push({ view: 'all', label: t('all'), count: counts.data?.all });
  views.push({ view: 'closing', label: t('closingSoon'), count: closing.data?.count, capped: closing.data?.capped });
  views.push({ view: 'mentions', label: t('mentions'), count: unread.data?.mentions.count, capped: unread.data?.mentions.capped });
  for (const team of counts.data?.teams ?? []) views.push({ view: `team:${team.id}`, label: team.name, count: team.count });

  return (
    <nav aria-label={t('nav')} className="flex-1 space-y-0.5 p-2">
      {views.map(({ view, label, count, capped }) => {
        const active = view === query.view;
        return (
          <Link
            key={view}
            href={hrefFor({ view })}
            // Through the same navigation as the filters, so a quick next click builds on this one.
            onClick={(event) => {
              if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
              event.preventDefault();
              setQuery({ view });
            }}
            aria-current={active ? 'page' : undefined}
            data-view={view}
            className={`flex items-center justify-between rounded-lg px-3 py-2 text-sm ${active ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-50'}`}
          >
            <span className="truncate">{label}</span>
            {/* Darker on the active view's tinted background: slate-500 there falls short of 4.5:1. */}
            <span className={`ms-2 text-xs tabular-nums ${active ? 'text-brand-700' : 'text-slate-600'}`} data-count>
              {count === undefined || count === null ? '' : capped ? t('countCapped', { count: n(count) }) : n(count)}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}
