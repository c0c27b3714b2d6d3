'use client';

import { useTranslations } from 'next-intl';
import { forwardRef, type CSSProperties } from 'react';
import { useFormats } from '@/components/i18n/formats';
import type { TListRow } from '@/components/trpc/types';
import { WindowChip } from '@/components/window/window-chip';
import { ChannelBadge } from './channel-badge';
import { RelativeTime } from './relative-time';
import { revealBidiControls } from '@/server/domain/bidi';
import { previewLine } from '@/server/domain/media-preview';
import { useMediaWords } from '@/components/conversation/media-words';

type TProps = {
  row: TListRow;
  selected: boolean;
  index: number;
  onOpen: () => void;
  onFocus: () => void;
  tabbable: boolean;
  style: CSSProperties;
  /** Present for people who may act in bulk: the row gets a checkbox. */
  check?: { checked: boolean; onToggle: (shiftKey: boolean) => void };
};

export const ConversationRow = forwardRef<HTMLLIElement, TProps>(function ConversationRow(
  { row, selected, index, onOpen, onFocus, tabbable, style, check },
  ref,
) {
  const t = useTranslations('inbox');
  const words = useMediaWords();
  // A photo, voice note or document in the reader's language (server/domain/media-preview.ts); every writer of the
  // preview (ingest, echoes, sends) sets preview_media with preview_text, null for a text.
  const media = row.previewMedia;
  const { n } = useFormats();
  // Customer-supplied text is shown with its bidi controls revealed (server/domain/bidi.ts), never obeyed.
  const name = revealBidiControls(row.displayName);
  return (
    <li
      ref={ref}
      data-conversation-id={row.id}
      data-index={index}
      aria-label={name}
      aria-current={selected ? 'true' : undefined}
      tabIndex={tabbable ? 0 : -1}
      style={style}
      onClick={onOpen}
      onFocus={onFocus}
      className={`flex cursor-pointer gap-3 border-b border-slate-100 px-4 py-3 outline-none focus-visible:bg-brand-50 focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-brand-500 ${selected ? 'bg-brand-50' : 'hover:bg-slate-50'}`}
    >
      {check && (
        // The label is the checkbox's touch target on phones (44 px), without drawing a giant box.
        <label onClick={(event) => event.stopPropagation()} className="-m-2.5 flex shrink-0 items-start p-2.5 max-md:-my-3 max-md:p-3.5">
          <input
            type="checkbox"
            aria-label={t('select', { name })}
            checked={check.checked}
            onClick={(event) => {
              event.stopPropagation();
              check.onToggle(event.shiftKey);
            }}
            onChange={() => {}}
            className="mt-1 size-4 shrink-0 accent-brand-600"
          />
        </label>
      )}
      <ChannelBadge type={row.channelType} />
      <div className="min-w-0 flex-1">
        <div className="flex items-baseline justify-between gap-2">
          <span dir="auto" className={`truncate ${row.unreadCount > 0 || row.mention?.unread ? 'font-semibold' : 'font-medium'}`}>
            {name}
          </span>
          {row.mention?.unread && (
            <span
              data-mention-unread
              title={t('mentionUnread')}
              className="shrink-0 rounded-full bg-amber-100 px-1.5 text-xs font-semibold text-amber-900"
            >
              {'@'} <span className="sr-only">{t('mentionUnread')}</span>
            </span>
          )}
          <RelativeTime date={row.lastMessageAt} />
        </div>
        <div className="mt-0.5 flex items-center justify-between gap-2">
          <span dir="auto" className="truncate text-sm text-slate-600">
            {row.match?.field === 'message' ? (
              <mark data-match="message" className="rounded bg-amber-100 px-0.5 text-slate-800">
                {revealBidiControls(row.match.snippet)}
              </mark>
            ) : (
              <>
                {row.previewDirection === 'out' && <span className="inline-block rtl:-scale-x-100">↩ </span>}
                {media ? (
                  <span data-preview-media={media.kind}>{revealBidiControls(previewLine(media, words))}</span>
                ) : (
                  revealBidiControls(row.previewText)
                )}
              </>
            )}
          </span>
          {row.unreadCount > 0 && (
            <span
              aria-label={t('unread', { n: row.unreadCount, count: n(row.unreadCount) })}
              className="shrink-0 rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white"
            >
              {n(row.unreadCount)}
            </span>
          )}
        </div>
        <div className="mt-0.5 flex items-center justify-between gap-2 text-xs text-slate-600">
          <span className="truncate">{revealBidiControls(row.assigneeName) ?? t('unassigned')}</span>
          {row.match && row.match.field !== 'message' && (
            <span data-match={row.match.field} className="rounded bg-amber-100 px-1 text-amber-900">
              {t('matched', { field: row.match.field })}
            </span>
          )}
          <WindowChip
            channelType={row.channelType}
            lastInboundAt={row.lastInboundAt}
            freeEntryUntil={row.freeEntryUntil?.toISOString() ?? null}
          />
        </div>
      </div>
    </li>
  );
});
