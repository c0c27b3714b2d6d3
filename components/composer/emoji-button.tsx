'use client';

import { EmojiPicker } from 'frimousse';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

/**
 * Where the picker reads emojibase's data (`/emojibase/en/data.json`, `…/messages.json`): our own origin, served from
 * the installed emojibase-data (app/emojibase), never a CDN. English only: emojibase has no Arabic locale, so an
 * Arabic interface searches the emoji by their English names.
 */
const EMOJIBASE_URL = '/emojibase';

/**
 * Button "Emoji" and the picker it opens (frimousse, headless: searchable, arrow keys, Enter picks). The chosen
 * emoji goes to `onPick` (the composer puts it in at the caret) and the picker closes; Escape or a click outside
 * closes it too.
 */
export function EmojiButton({ onPick }: { onPick: (emoji: string) => void }) {
  const t = useTranslations('emoji');
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (event: MouseEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);

  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100"
      >
        <span aria-hidden="true" className="me-1">
          {'🙂'}
        </span>
        {t('open')}
      </button>
      {open && (
        <div
          role="dialog"
          aria-label={t('dialog')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
          // Above its button; on a phone a sheet across the bottom of the screen, so it never runs off an edge.
          className="z-20 rounded-lg border border-slate-200 bg-white shadow-lg max-md:fixed max-md:inset-x-2 max-md:bottom-2 md:absolute md:bottom-full md:mb-1 md:w-80"
        >
          <EmojiPicker.Root
            locale="en"
            emojibaseUrl={EMOJIBASE_URL}
            columns={8}
            onEmojiSelect={({ emoji }) => {
              onPick(emoji);
              setOpen(false);
            }}
            className="flex h-72 flex-col"
          >
            <EmojiPicker.Search
              autoFocus
              aria-label={t('search')}
              placeholder={t('search')}
              className="m-2 rounded-md border border-slate-300 px-2 py-1 text-sm"
            />
            <EmojiPicker.Viewport className="relative flex-1 outline-none">
              <EmojiPicker.Loading className="absolute inset-0 flex items-center justify-center text-xs text-slate-500">
                {t('loading')}
              </EmojiPicker.Loading>
              <EmojiPicker.Empty className="absolute inset-0 flex items-center justify-center text-xs text-slate-500">
                {t('none')}
              </EmojiPicker.Empty>
              <EmojiPicker.List
                className="select-none pb-1"
                components={{
                  CategoryHeader: ({ category, ...props }) => (
                    <div {...props} className="bg-white px-2 pb-1 pt-2 text-[11px] font-medium text-slate-500">
                      {category.label}
                    </div>
                  ),
                  Row: ({ children, ...props }) => (
                    <div {...props} className="scroll-my-1 px-1">
                      {children}
                    </div>
                  ),
                  Emoji: ({ emoji, ...props }) => (
                    <button
                      {...props}
                      className="flex size-9 items-center justify-center rounded-md text-xl data-[active]:bg-slate-100"
                    >
                      {emoji.emoji}
                    </button>
                  ),
                }}
              />
            </EmojiPicker.Viewport>
          </EmojiPicker.Root>
        </div>
      )}
    </div>
  );
}
