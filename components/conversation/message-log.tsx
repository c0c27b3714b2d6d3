'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useErrorText, useFormats } from '@/components/i18n/formats';
import { useTicking } from '@/components/window/clock';
import { dayLabelKind, isCloseLine, withDaySeparators } from './day-groups';
import { useTRPC } from '@/components/trpc/client';
import { MessageItem } from './message-item';

export const MESSAGE_PAGE_SIZE = 50;

/** The timeline, newest at the bottom; scrolling to the top loads older pages and keeps the reading position. */
export function MessageLog({ conversationId }: { conversationId: string }) {
  const t = useTranslations('conversation');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.message.list.infiniteQueryOptions({ conversationId, limit: MESSAGE_PAGE_SIZE }, { getNextPageParam: (page) => page.olderCursor }),
  );
  // Shared with the pane's header (same query): refetched live when the number's breaker opens or closes.
  const conversation = useQuery(trpc.conversation.get.queryOptions({ id: conversationId }));
  const notAnswering = conversation.data?.channelNotAnswering ?? false;
  const messages = history.data ? [...history.data.pages].reverse().flatMap((page) => page.items) : [];
  const scroller = useRef<HTMLDivElement>(null);
  const pinnedToBottom = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  const newestId = messages.at(-1)?.id;
  const { dayKey, longDate, dateTime } = useFormats();
  // Today and yesterday in the workspace's zone, turning over at its midnight.
  const today = useTicking((now) => dayKey(now), '');
  const yesterday = useTicking((now) => dayKey(new Date(now.getTime() - 86_400_000)), '');
  const timeline = withDaySeparators(messages, (m) => m.sentAt ?? m.createdAt, dayKey, isCloseLine);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (heightBeforeOlder.current !== null) {
      el.scrollTop += el.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (pinnedToBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [messages.length, newestId]);

  useEffect(() => {
    pinnedToBottom.current = true;
  }, [conversationId]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    pinnedToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    if (el.scrollTop < 80 && history.hasNextPage && !history.isFetchingNextPage) {
      heightBeforeOlder.current = el.scrollHeight;
      void history.fetchNextPage();
    }
  };

  return (
    <div ref={scroller} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto bg-slate-100 px-4 py-3">
      {history.isFetchingNextPage && <p className="text-center text-xs text-slate-600">{t('loadingOlder')}</p>}
      {history.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText(history.error)}
        </p>
      )}
      {/* The log role on a wrapper, so the list keeps its list semantics (axe: listitem needs its ol). */}
      <div role="log" aria-label={t('messages')} aria-live="polite">
        <ol>
          {timeline.map((entry) =>
            entry.kind === 'closed' ? (
              // Where one conversation with the customer ended: scrolling up from here reads the earlier ones.
              <li
                key={entry.key}
                data-conversation-closed={entry.at.toISOString()}
                className="my-4 flex items-center gap-3 text-xs font-medium text-slate-700"
              >
                <span aria-hidden="true" className="h-0.5 flex-1 bg-slate-400" />
                <span>{t('closedOn', { date: dateTime(entry.at) })}</span>
                <span aria-hidden="true" className="h-0.5 flex-1 bg-slate-400" />
              </li>
            ) : entry.kind === 'day' ? (
              <li
                key={`day-${entry.day}`}
                data-day-separator={entry.day}
                className="my-3 flex items-center gap-3 text-[11px] font-medium text-slate-600"
              >
                <span aria-hidden="true" className="h-px flex-1 bg-slate-300" />
                <span>
                  {dayLabelKind(entry.day, today, yesterday) === 'date'
                    ? longDate(entry.at)
                    : t(dayLabelKind(entry.day, today, yesterday) as 'today' | 'yesterday')}
                </span>
                <span aria-hidden="true" className="h-px flex-1 bg-slate-300" />
              </li>
            ) : (
              <MessageItem
                key={entry.item.id}
                message={entry.item}
                channelNotAnswering={notAnswering}
                actions={conversation.data && { conversationId, channelType: conversation.data.channelType }}
              />
            ),
          )}
        </ol>
      </div>
    </div>
  );
}
