'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC } from '@/components/trpc/client';
import type { TInboxView } from '@/server/domain/inbox-views';
import { ChannelBadge } from './channel-badge';
import { RelativeTime } from './relative-time';

export function ConversationList({ view, status }: { view: TInboxView; status: 'open' | 'closed' }) {
  const trpc = useTRPC();
  const query = useInfiniteQuery(
    trpc.conversation.list.infiniteQueryOptions({ view, status, limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];

  if (query.isPending) return <p className="p-6 text-sm text-slate-500">Loading conversations…</p>;
  if (query.isError)
    return (
      <p role="alert" className="p-6 text-sm text-rose-700">
        {query.error.message}
      </p>
    );

  return (
    <div className="flex min-h-0 flex-1 flex-col">
      {items.length === 0 ? (
        <p className="p-6 text-sm text-slate-500">No conversations here.</p>
      ) : (
        <ul aria-label="Conversations" className="min-h-0 flex-1 divide-y divide-slate-100 overflow-y-auto">
          {items.map((item) => (
            <li
              key={item.id}
              data-conversation-id={item.id}
              aria-label={item.displayName}
              className="flex gap-3 px-4 py-3 hover:bg-slate-50"
            >
              <ChannelBadge type={item.channelType} />
              <div className="min-w-0 flex-1">
                <div className="flex items-baseline justify-between gap-2">
                  <span dir="auto" className="truncate font-medium">
                    {item.displayName}
                  </span>
                  <RelativeTime date={item.lastMessageAt} />
                </div>
                <div className="mt-0.5 flex items-center justify-between gap-2">
                  <span dir="auto" className="truncate text-sm text-slate-600">
                    {item.previewDirection === 'out' ? '↩ ' : ''}
                    {item.previewText}
                  </span>
                  {item.unreadCount > 0 && (
                    <span
                      aria-label={`${item.unreadCount} unread`}
                      className="rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white"
                    >
                      {item.unreadCount}
                    </span>
                  )}
                </div>
                <div className="mt-0.5 text-xs text-slate-500">{item.assigneeName ?? 'Unassigned'}</div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <button
          type="button"
          onClick={() => void query.fetchNextPage()}
          disabled={query.isFetchingNextPage}
          className="m-3 rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100"
        >
          {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
