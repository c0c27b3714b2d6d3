'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { matchSavedReplies, renderSavedReply, slashQuery } from '@/server/domain/saved-replies';
import { insertIntoTextarea, placeInTextarea } from './insert-at-caret';

type TContact = { firstName: string | null; lastName: string | null };

/**
 * Saved replies in the composer: the "Saved replies" button, or "/" typed at the start of the draft, opens listbox
 * "Saved replies", filtered as the agent types (after the "/", or in its search box) with the inbox search's Arabic
 * folding. ↑/↓ choose, Enter (or a click) inserts the reply with its variables filled from the contact and the
 * agent, Escape closes. Opened by "/", the reply replaces the "/shortcut" typed; opened by the button, it goes in at
 * the caret. Focus stays in the text box ("/") or the list's search box (button), which point at the chosen option.
 */
export function useSavedRepliesMenu({
  text,
  setText,
  textarea,
  contact,
}: {
  text: string;
  setText: (value: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
  contact: TContact;
}) {
  const t = useTranslations('savedReplies.composer');
  const trpc = useTRPC();
  const locale = useLocale();
  const baseId = useId();
  const [byButton, setByButton] = useState(false);
  const [search, setSearch] = useState('');
  // The "/…" draft the list was closed at with Escape: it stays closed while the agent goes on typing that word,
  // and opens again for a new "/".
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const [active, setActive] = useState({ query: '', index: 0 });
  // The variables the last inserted reply had no value (and no fallback) for, with the draft it made: said until
  // the draft changes, so the agent checks the text before it goes.
  const [unfilled, setUnfilled] = useState<{ draft: string; variables: string[] } | null>(null);
  const slash = slashQuery(text);
  const slashOpen = slash !== null && !(dismissedAt !== null && text.startsWith(dismissedAt));
  const open = byButton || slashOpen;
  const list = useQuery({ ...trpc.savedReply.list.queryOptions(), enabled: open, staleTime: 30_000 });
  const me = useQuery(trpc.me.get.queryOptions());
  const query = byButton ? search : (slash ?? '');
  const matches = useMemo(() => matchSavedReplies(list.data ?? [], query, locale), [list.data, query, locale]);
  // The chosen option starts at the top again whenever the query changes.
  const current = active.query === query ? Math.min(active.index, Math.max(0, matches.length - 1)) : 0;
  const choose = (index: number) => setActive({ query, index });

  const close = () => {
    if (byButton) setByButton(false);
    else setDismissedAt(text);
    setSearch('');
    textarea.current?.focus();
  };
  const insert = (index: number) => {
    const reply = matches[index];
    if (!reply) return;
    const { text: filled, missing } = renderSavedReply(reply.body, { contact, agent: { name: me.data?.user.name ?? null } });
    if (byButton) {
      setByButton(false);
      setSearch('');
      const draft = insertIntoTextarea(textarea.current, text, setText, filled);
      setUnfilled(missing.length ? { draft, variables: missing } : null);
    } else {
      placeInTextarea(textarea.current, filled, filled.length, setText);
      setUnfilled(missing.length ? { draft: filled, variables: missing } : null);
    }
  };
  /** The keys the list takes while open; true when it took this one (the composer then does nothing more). */
  const onKeyDown = (event: KeyboardEvent<HTMLElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (matches.length) choose((current + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
      return true;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      return true;
    }
    // Enter inserts; while the list is loading it waits, so "/gre" is never sent to the customer by a fast Enter.
    if (event.key === 'Enter' && !event.shiftKey && (matches.length > 0 || list.isPending)) {
      event.preventDefault();
      insert(current);
      return true;
    }
    return false;
  };

  const listboxId = `${baseId}-list`;
  const optionId = (i: number) => `${baseId}-option-${i}`;
  const activeId = open && matches.length ? optionId(current) : undefined;

  const button = (
    <button
      type="button"
      aria-expanded={byButton}
      aria-controls={byButton ? listboxId : undefined}
      data-shortcut="savedReplies"
      onClick={() => (byButton ? close() : (setByButton(true), setSearch('')))}
      className="rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100"
    >
      {t('open')}
    </button>
  );

  const popup = open ? (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm">
      {byButton && (
        <input
          type="search"
          autoFocus
          aria-label={t('search')}
          placeholder={t('search')}
          value={search}
          aria-controls={listboxId}
          aria-activedescendant={activeId}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={onKeyDown}
          dir="auto"
          className="block w-full rounded-t-lg border-b border-slate-200 px-3 py-1.5 text-sm focus:outline-none"
        />
      )}
      <ul id={listboxId} role="listbox" aria-label={t('open')} className="max-h-56 overflow-y-auto py-1 text-sm">
        {matches.map((reply, i) => {
          const preview = renderSavedReply(reply.body, { contact, agent: { name: me.data?.user.name ?? null } }).text;
          return (
            <li
              key={reply.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => choose(i)}
              onClick={() => insert(i)}
              className={`flex cursor-pointer gap-2 px-3 py-1.5 ${i === current ? 'bg-brand-50' : ''}`}
            >
              <span dir="auto" className="shrink-0 font-mono font-medium text-slate-900">
                /{reply.shortcut}
              </span>
              <span dir="auto" className="min-w-0 flex-1 truncate text-slate-600">
                {preview}
              </span>
              <span className="shrink-0 text-[11px] text-slate-400">{reply.language ?? t('anyLanguage')}</span>
            </li>
          );
        })}
      </ul>
      {(list.isPending || matches.length === 0) && (
        <p role="status" className="px-3 py-1.5 text-xs text-slate-500">
          {list.isPending ? t('loading') : list.data?.length ? t('none') : t('noneYet')}
        </p>
      )}
      <p className="border-t border-slate-100 px-3 py-1 text-[11px] text-slate-400">{t('hint')}</p>
    </div>
  ) : unfilled && unfilled.draft === text ? (
    <p role="status" className="rounded-md bg-amber-50 px-3 py-1.5 text-xs text-amber-900">
      {t('missing', { variables: unfilled.variables.map((v) => `{{${v}}}`).join(', ') })}
    </p>
  ) : null;

  return { open, onKeyDown, button, popup, textareaProps: { 'aria-controls': slashOpen ? listboxId : undefined, 'aria-activedescendant': slashOpen ? activeId : undefined } };
}
