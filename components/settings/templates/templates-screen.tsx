'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { usePermissions } from '@/components/auth/use-permissions';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, type TTemplateCategory, type TTemplateStatus } from '@/server/domain/templates';
import { isUuid } from '@/server/domain/limits';
import { FilterField } from '../filter-field';
import { useUrlFilters } from '../use-url-filters';
import { TemplateCard } from './template-card';
import { TemplateSync } from './template-sync';

const PAGE_SIZE = 30;
const FILTERS = ['number', 'status', 'category'] as const;

const oneOf = <T extends string>(list: readonly T[], value: string): T | null => (list.includes(value as T) ? (value as T) : null);

/**
 * Settings → Templates: every template synced for the workspace's WhatsApp numbers, filtered by number, status and
 * category (kept in the URL), a page at a time ("Show more"), each with its preview; "Sync now" for those who may.
 */
export function TemplatesScreen() {
  const t = useTranslations('settingsTemplates');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const { can } = usePermissions();
  const { values, set } = useUrlFilters(FILTERS);
  const [showExamples, setShowExamples] = useState(true);
  // A hand-edited URL with an unknown value filters by nothing rather than failing the page.
  const channelId = isUuid(values.number) ? values.number : null;
  const status: TTemplateStatus | null = oneOf(TEMPLATE_STATUSES, values.status);
  const category: TTemplateCategory | null = oneOf(TEMPLATE_CATEGORIES, values.category);
  const numbers = useQuery(trpc.template.numbers.queryOptions());
  const list = useInfiniteQuery(
    trpc.template.list.infiniteQueryOptions(
      { channelId, status, category, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = !!(channelId || status || category);
  const channelName = numbers.data?.find((number) => number.id === channelId)?.name ?? null;
  const select = 'mt-0.5 block rounded-md border border-slate-300 bg-white px-2 py-1 text-sm';

  return (
    <section aria-labelledby="templates-title" className="mx-auto max-w-6xl">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="templates-title" className="text-xl font-semibold">
            {t('title')}
          </h2>
          <p className="mt-1 text-sm text-slate-500">{t('intro')}</p>
        </div>
        {can('number.manage') && <TemplateSync channelId={channelId} channelName={channelName} />}
      </div>

      <form
        role="search"
        aria-label={t('filters.label')}
        onSubmit={(e) => e.preventDefault()}
        className="mt-4 flex flex-wrap items-end gap-3"
      >
        <FilterField label={t('filters.number')}>
          {(id) => (
            <select id={id} value={channelId ?? ''} onChange={(e) => set({ number: e.target.value })} className={select}>
              <option value="">{t('filters.allNumbers')}</option>
              {numbers.data?.map((number) => (
                <option key={number.id} value={number.id}>
                  {number.name}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField label={t('filters.status')}>
          {(id) => (
            <select id={id} value={status ?? ''} onChange={(e) => set({ status: e.target.value })} className={select}>
              <option value="">{t('filters.allStatuses')}</option>
              {TEMPLATE_STATUSES.map((value) => (
                <option key={value} value={value}>
                  {t(`statuses.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField label={t('filters.category')}>
          {(id) => (
            <select id={id} value={category ?? ''} onChange={(e) => set({ category: e.target.value })} className={select}>
              <option value="">{t('filters.allCategories')}</option>
              {TEMPLATE_CATEGORIES.map((value) => (
                <option key={value} value={value}>
                  {t(`categories.${value}`)}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        {filtered && (
          <button
            type="button"
            onClick={() => set({ number: '', status: '', category: '' })}
            className="px-2 py-1 text-sm text-brand-700 underline"
          >
            {t('filters.clear')}
          </button>
        )}
        <label className="ms-auto flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={showExamples} onChange={(e) => setShowExamples(e.target.checked)} />
          {t('showExamples')}
        </label>
      </form>

      {list.isError && (
        <p role="alert" className="mt-4 text-sm text-rose-700">
          {errorText(list.error)}
        </p>
      )}
      {list.isPending && <p className="mt-4 text-sm text-slate-500">{t('loading')}</p>}
      {list.isSuccess && items.length === 0 && <p className="mt-4 text-sm text-slate-500">{filtered ? t('noneMatch') : t('none')}</p>}
      <ul aria-label={t('title')} className="mt-4 grid gap-4">
        {items.map((template) => (
          <TemplateCard key={template.id} template={template} showExamples={showExamples} />
        ))}
      </ul>
      {list.hasNextPage && (
        <div className="mt-4 flex justify-center">
          <button
            type="button"
            onClick={() => void list.fetchNextPage()}
            disabled={list.isFetchingNextPage}
            className="rounded-lg border border-slate-300 px-4 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-50"
          >
            {list.isFetchingNextPage ? t('loading') : t('showMore')}
          </button>
        </div>
      )}
    </section>
  );
}
