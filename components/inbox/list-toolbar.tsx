'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { SEARCH_MAX_LENGTH, type TInboxQuery } from '@/server/domain/inbox-query';
import { useInboxState } from './use-inbox-state';

const SORT_KEYS = { latest: 'sortLatest', waiting: 'sortWaiting', window: 'sortWindow' } as const;
const WINDOW_KEYS = { open: 'windowOpen', closing: 'windowClosing', lapsed: 'windowLapsed', none: 'windowNone' } as const;

function SearchBox() {
  const t = useTranslations('inbox');
  const { query, setQuery } = useInboxState();
  const [text, setText] = useState(query.q ?? '');
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(query.q ?? '');

  // The URL is the source of truth (back button, shared links); follow it when it changes elsewhere.
  useEffect(() => {
    if ((query.q ?? '') !== latest.current) {
      latest.current = query.q ?? '';
      setText(query.q ?? '');
    }
  }, [query.q]);

  useEffect(() => {
    if (text.trim() === (query.q ?? '')) return;
    const timer = setTimeout(() => {
      latest.current = text.trim();
      setQuery({ q: text.trim() || undefined }, 'replace');
    }, 250);
    return () => clearTimeout(timer);
  }, [text, query.q, setQuery]);

  return (
    <input
      ref={input}
      data-shortcut="search"
      type="search"
      aria-label={t('search')}
      placeholder={t('searchPlaceholder')}
      value={text}
      maxLength={SEARCH_MAX_LENGTH}
      dir="auto"
      onChange={(event) => setText(event.target.value)}
      className="w-full rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100"
    />
  );
}

function Select({
  label,
  value,
  onChange,
  children,
  disabled,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  children: React.ReactNode;
  disabled?: boolean;
}) {
  return (
    <select
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(event) => onChange(event.target.value)}
      className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700"
    >
      {children}
    </select>
  );
}

export function ListToolbar() {
  const t = useTranslations('filters');
  const ti = useTranslations('inbox');
  const trpc = useTRPC();
  const options = useQuery(trpc.conversation.filterOptions.queryOptions());
  const { query, setQuery, hrefFor } = useInboxState();
  const set = (patch: Partial<TInboxQuery>) => setQuery(patch);
  const layout = useTranslations('layout');
  // Below 768 px the filters wait in a sheet from the bottom, opened by "Filters".
  const [sheet, setSheet] = useState(false);
  const filtersButton = useRef<HTMLButtonElement>(null);
  const closeSheet = () => {
    setSheet(false);
    filtersButton.current?.focus();
  };

  return (
    <div className="space-y-2 border-b border-slate-200 bg-white p-3">
      <div className="flex items-center gap-2">
        <div role="tablist" aria-label={ti('status')} className="flex shrink-0 gap-1">
          {(['open', 'closed'] as const).map((status) => (
            <a
              key={status}
              role="tab"
              aria-selected={status === query.status}
              href={hrefFor({ status })}
              onClick={(event) => {
                event.preventDefault();
                set({ status });
              }}
              className={`rounded-md px-3 py-1 text-sm ${status === query.status ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
            >
              {ti(status)}
            </a>
          ))}
        </div>
        <SearchBox />
        <button
          ref={filtersButton}
          type="button"
          aria-expanded={sheet}
          aria-controls="inbox-filters"
          onClick={() => {
            setSheet(true);
            requestAnimationFrame(() => document.querySelector<HTMLElement>('#inbox-filters select')?.focus());
          }}
          className="shrink-0 rounded-md border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 md:hidden"
        >
          {layout('filters')}
        </button>
      </div>
      {sheet && <div aria-hidden="true" onClick={closeSheet} className="fixed inset-0 z-30 bg-slate-900/30 md:hidden" />}
      <div
        id="inbox-filters"
        role={sheet ? 'dialog' : undefined}
        aria-modal={sheet ? true : undefined}
        aria-label={sheet ? layout('filters') : undefined}
        onKeyDown={(event) => {
          if (sheet && event.key === 'Escape') {
            event.stopPropagation();
            closeSheet();
          }
        }}
        className={`${sheet ? 'fixed inset-x-0 bottom-0 z-40 flex max-h-[80vh] flex-col gap-2 overflow-y-auto rounded-t-2xl border-t border-slate-200 bg-white p-4 shadow-2xl' : 'hidden'} md:static md:z-auto md:flex md:max-h-none md:flex-row md:flex-wrap md:gap-1.5 md:overflow-visible md:rounded-none md:border-0 md:p-0 md:shadow-none`}
      >
        {/* "Closing soon" has one order, soonest window first, and "Mentions" newest mention first: the sort cannot change them. */}
        <Select
          label={t('sort')}
          value={query.view === 'closing' ? 'window' : query.view === 'mentions' ? 'latest' : query.sort}
          disabled={query.view === 'closing' || query.view === 'mentions'}
          onChange={(sort) => set({ sort: sort as TInboxQuery['sort'] })}
        >
          {Object.entries(SORT_KEYS).map(([value, key]) => (
            <option key={value} value={value}>
              {t(key)}
            </option>
          ))}
        </Select>
        <Select label={t('assignee')} value={query.assignee ?? ''} onChange={(v) => set({ assignee: v || undefined })}>
          <option value="">{t('anyAssignee')}</option>
          <option value="none">{t('nobody')}</option>
          {options.data?.members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </Select>
        <Select label={t('team')} value={query.team ?? ''} onChange={(v) => set({ team: v || undefined })}>
          <option value="">{t('anyTeam')}</option>
          {options.data?.teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
        <Select label={t('channel')} value={query.channel ?? ''} onChange={(v) => set({ channel: v || undefined })}>
          <option value="">{t('anyChannel')}</option>
          {options.data?.channels.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
        <Select label={t('tag')} value={query.tag ?? ''} onChange={(v) => set({ tag: v || undefined })}>
          <option value="">{t('anyTag')}</option>
          {options.data?.tags.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
        <Select label={t('window')} value={query.window ?? ''} onChange={(v) => set({ window: (v || undefined) as TInboxQuery['window'] })}>
          <option value="">{t('anyWindow')}</option>
          {Object.entries(WINDOW_KEYS).map(([value, key]) => (
            <option key={value} value={value}>
              {t(key)}
            </option>
          ))}
        </Select>
        <label className="flex items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700">
          <input
            type="checkbox"
            checked={query.unread === '1'}
            onChange={(event) => set({ unread: event.target.checked ? '1' : undefined })}
            className="size-3.5 accent-brand-600"
          />
          {t('unreadOnly')}
        </label>
        {sheet && (
          <button
            type="button"
            onClick={closeSheet}
            className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 md:hidden"
          >
            {layout('filtersDone')}
          </button>
        )}
      </div>
    </div>
  );
}
