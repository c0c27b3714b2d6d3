'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { AUDIT_ACTIONS } from '@/server/domain/audit';
import { AUDIT_ACTION_PATTERN, AUDIT_GROUPS, type TAuditGroup } from '@/server/domain/audit-log';
import { isUuid } from '@/server/domain/limits';
import { FilterField } from '../filter-field';
import { useUrlFilters } from '../use-url-filters';
import { AuditEntry, useActionText } from './audit-entry';

const PAGE_SIZE = 50;
const FILTERS = ['group', 'action', 'actor', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The start of a local calendar day (`2026-03-05`) in the reader's time zone, or null for anything else. */
function localDay(value: string, plusDays = 0): Date | null {
  if (!DAY.test(value)) return null;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d + plusDays);
  return Number.isNaN(date.getTime()) || date.getFullYear() < 1970 || date.getFullYear() > 9999 ? null : date;
}

/**
 * Settings → Audit log (admins): the workspace's acts newest first, a page at a time, filtered by action (or its
 * group), by who did it and by days in the reader's own calendar; the filters live in the URL.
 */
export function AuditScreen() {
  const t = useTranslations('auditLog');
  const errorText = useErrorText();
  const actionText = useActionText();
  const trpc = useTRPC();
  const { values, set } = useUrlFilters(FILTERS);
  const group: TAuditGroup | null = (AUDIT_GROUPS as readonly string[]).includes(values.group) ? (values.group as TAuditGroup) : null;
  const action = AUDIT_ACTION_PATTERN.test(values.action) ? values.action : null;
  const actor = values.actor === 'system' || isUuid(values.actor) ? values.actor : null;
  const from = localDay(values.from);
  // "To" is inclusive for people: everything before the start of the next day.
  const to = localDay(values.to, 1);
  const rangeInvalid = !!from && !!to && from >= to;
  const actors = useQuery(trpc.audit.actors.queryOptions());
  const list = useInfiniteQuery({
    ...trpc.audit.list.infiniteQueryOptions(
      { group, action, actor, from, to, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
    enabled: !rangeInvalid,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const names = useMemo(() => Object.assign({}, ...(list.data?.pages.map((page) => page.names) ?? [])) as Record<string, string>, [list.data]);
  const filtered = !!(group || action || actor || from || to);
  const actionValue = action ? `action:${action}` : group ? `group:${group}` : '';
  const field = 'mt-0.5 block rounded-md border border-slate-300 bg-white px-2 py-1 text-sm';

  return (
    <section aria-labelledby="audit-title" className="mx-auto max-w-6xl">
      <h2 id="audit-title" className="text-xl font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-500">{t('intro')}</p>

      <form
        role="search"
        aria-label={t('filters.label')}
        onSubmit={(e) => e.preventDefault()}
        className="mt-4 flex flex-wrap items-end gap-3"
      >
        <FilterField label={t('filters.action')}>
          {(id) => (
            <select
              id={id}
              value={actionValue}
              onChange={(e) => {
                const [kind, name] = e.target.value.split(':') as [string, string | undefined];
                set({ group: kind === 'group' ? name : '', action: kind === 'action' ? name : '' });
              }}
              className={field}
            >
              <option value="">{t('filters.allActions')}</option>
              <optgroup label={t('filters.groupsLabel')}>
                {AUDIT_GROUPS.map((g) => (
                  <option key={g} value={`group:${g}`}>
                    {t(`filters.groups.${g}`)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('filters.actionsLabel')}>
                {/* An action from the URL that this build does not know is still offered, by its raw name. */}
                {[...AUDIT_ACTIONS, ...(action && !(AUDIT_ACTIONS as readonly string[]).includes(action) ? [action] : [])].map((a) => (
                  <option key={a} value={`action:${a}`}>
                    {actionText(a, { actor: '', subject: '' })}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </FilterField>
        <FilterField label={t('filters.actor')}>
          {(id) => (
            <select id={id} value={actor ?? ''} onChange={(e) => set({ actor: e.target.value })} className={field}>
              <option value="">{t('filters.allActors')}</option>
              <option value="system">{t('filters.system')}</option>
              {actors.data?.map((person) => (
                <option key={person.id} value={person.id}>
                  {person.name}
                </option>
              ))}
            </select>
          )}
        </FilterField>
        <FilterField label={t('filters.from')}>
          {(id) => (
            <input
              id={id}
              type="date"
              value={from ? values.from : ''}
              max={to ? values.to : undefined}
              onChange={(e) => set({ from: e.target.value })}
              className={field}
            />
          )}
        </FilterField>
        <FilterField label={t('filters.to')}>
          {(id) => (
            <input
              id={id}
              type="date"
              value={to ? values.to : ''}
              min={from ? values.from : undefined}
              onChange={(e) => set({ to: e.target.value })}
              className={field}
            />
          )}
        </FilterField>
        {filtered && (
          <button
            type="button"
            onClick={() => set({ group: '', action: '', actor: '', from: '', to: '' })}
            className="px-2 py-1 text-sm text-brand-700 underline"
          >
            {t('filters.clear')}
          </button>
        )}
      </form>

      {rangeInvalid && (
        <p role="alert" className="mt-4 text-sm text-rose-700">
          {t('filters.rangeInvalid')}
        </p>
      )}
      {list.isError && (
        <p role="alert" className="mt-4 text-sm text-rose-700">
          {errorText(list.error)}
        </p>
      )}
      {!rangeInvalid && list.isPending && <p className="mt-4 text-sm text-slate-500">{t('loading')}</p>}
      {list.isSuccess && items.length === 0 && <p className="mt-4 text-sm text-slate-500">{filtered ? t('noneMatch') : t('none')}</p>}
      {items.length > 0 && (
        <div className="mt-4 overflow-x-auto rounded-xl border border-slate-200 bg-white px-4">
          <table aria-label={t('title')} className="w-full text-start text-sm">
            <thead>
              <tr className="text-xs text-slate-500">
                <th scope="col" className="py-2 pe-4 text-start font-medium">
                  {t('columns.when')}
                </th>
                <th scope="col" className="py-2 pe-4 text-start font-medium">
                  {t('columns.who')}
                </th>
                <th scope="col" className="py-2 pe-4 text-start font-medium">
                  {t('columns.what')}
                </th>
                <th scope="col" className="py-2 pe-4 text-start font-medium">
                  {t('columns.subject')}
                </th>
                <th scope="col" className="py-2 text-start font-medium">
                  {t('columns.changes')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((row) => (
                <AuditEntry key={row.id} row={row} names={names} />
              ))}
            </tbody>
          </table>
        </div>
      )}
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
