'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type KeyboardEvent, type MutableRefObject } from 'react';
import { usePermissions } from '@/components/auth/use-permissions';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { BulkBar, type TSelection } from './bulk-bar';
import { ConversationRow } from './conversation-row';
import { useInboxState } from './use-inbox-state';

const ROW_HEIGHT = 84;
export const PAGE_SIZE = 50;

/**
 * The list of a view: keyset pages loaded as the user scrolls, rendered through a virtualizer so thousands of
 * loaded rows cost no more than the ones on screen. Up/Down move between rows, Enter opens one.
 */
export function ConversationList({ rowsRef }: { rowsRef?: MutableRefObject<string[]> } = {}) {
  const t = useTranslations('inbox');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const { query, openId, openConversation } = useInboxState();
  const list = useInfiniteQuery(
    trpc.conversation.list.infiniteQueryOptions({ ...query, limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const canBulk = usePermissions().can('conversation.bulk');
  const [selection, setSelection] = useState<TSelection>({ ids: new Set(), allMatching: false });
  const [anchor, setAnchor] = useState<number | null>(null);
  const toggle = (index: number, shiftKey: boolean) => {
    setSelection((current) => {
      const ids = new Set(current.ids);
      const id = rows[index]!.id;
      // Shift-click selects the range from the last clicked row, like a file manager.
      const range = shiftKey && anchor !== null ? rows.slice(Math.min(anchor, index), Math.max(anchor, index) + 1).map((r) => r.id) : [id];
      const select = !current.ids.has(id);
      for (const r of range) {
        if (select) ids.add(r);
        else ids.delete(r);
      }
      return { ids, allMatching: false };
    });
    setAnchor(index);
  };
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastIndex >= rows.length - 10 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }, [lastIndex, rows.length, list]);

  // The inbox's next / previous shortcuts walk the rows in the order shown, loaded pages included.
  const rowIds = rows.map((r) => r.id).join(',');
  useEffect(() => {
    if (rowsRef) rowsRef.current = rowIds ? rowIds.split(',') : [];
  }, [rowsRef, rowIds]);
  // A conversation opened by a shortcut comes into view.
  const openIndex = rows.findIndex((r) => r.id === openId);
  useEffect(() => {
    if (openIndex >= 0) virtualizer.scrollToIndex(openIndex, { align: 'auto' });
  }, [openIndex, virtualizer]);

  const focusRow = (index: number) => {
    const next = Math.max(0, Math.min(rows.length - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') focusRow(active + 1);
    else if (event.key === 'ArrowUp') focusRow(active - 1);
    else if (event.key === 'Home') focusRow(0);
    else if (event.key === 'End') focusRow(rows.length - 1);
    else if (event.key === 'Enter' && rows[active]) openConversation(rows[active].id);
    else return;
    event.preventDefault();
  };

  if (list.isPending) return <p className="p-6 text-sm text-slate-500">{t('loading')}</p>;
  if (list.isError) {
    return (
      <p role="alert" className="p-6 text-sm text-rose-700">
        {errorText(list.error)}
      </p>
    );
  }
  if (rows.length === 0) {
    return <p className="p-6 text-sm text-slate-500">{query.q ? t('emptySearch') : t('empty')}</p>;
  }

  const selecting = selection.allMatching || selection.ids.size > 0;
  return (
    <>
      {canBulk && selecting && (
        <BulkBar
          selection={selection}
          query={query}
          onDone={() => setSelection({ ids: new Set(), allMatching: false })}
          onSelectAllMatching={() => setSelection({ ids: new Set(rows.map((r) => r.id)), allMatching: true })}
        />
      )}
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto" data-testid="conversation-scroller">
        <ul aria-label={t('list')} onKeyDown={onKeyDown} className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <ConversationRow
                key={row.id}
                style={{ position: 'absolute', insetInline: 0, top: item.start, height: ROW_HEIGHT }}
                row={row}
                index={item.index}
                selected={row.id === openId}
                tabbable={item.index === active}
                check={
                  canBulk
                    ? { checked: selection.allMatching || selection.ids.has(row.id), onToggle: (shift) => toggle(item.index, shift) }
                    : undefined
                }
                onFocus={() => setActive(item.index)}
                onOpen={() => {
                  setActive(item.index);
                  openConversation(row.id);
                }}
              />
            );
          })}
        </ul>
        {list.isFetchingNextPage && <p className="p-3 text-center text-xs text-slate-500">{t('loadingMore')}</p>}
      </div>
    </>
  );
}
