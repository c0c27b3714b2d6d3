'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useErrorText, useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import type { TRouterOutputs } from '@/components/trpc/types';
import { failureReason } from '@/server/i18n/delivery-errors';
import type { TTranslate } from '@/server/i18n/translate';

type TOutcome = TRouterOutputs['template']['sync']['outcomes'][number];

/**
 * "Sync now" (for those who manage numbers): the numbers page's sync, for the number the list is filtered by or for
 * all of them. Each number's outcome stays on the page: its counts, or Meta's error in words from the same table
 * that words delivery failures.
 */
export function TemplateSync({ channelId, channelName }: { channelId: string | null; channelName: string | null }) {
  const t = useTranslations('settingsTemplates');
  const deliveryErrors = useTranslations('deliveryErrors') as unknown as TTranslate;
  const errorText = useErrorText();
  const { n } = useFormats();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sync = useMutation(
    trpc.template.sync.mutationOptions({
      // The templates.changed event refreshes other tabs; this one refreshes at once, changes or not (synced times).
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.template.list.pathKey() }),
    }),
  );
  const line = (outcome: TOutcome) => {
    if (outcome.ok)
      return t('syncDone', {
        name: outcome.name,
        added: n(outcome.added),
        updated: n(outcome.updated),
        removed: n(outcome.removed),
        total: n(outcome.total),
      });
    const reason = outcome.failure
      ? failureReason(deliveryErrors, outcome.failure.code, outcome.failure.data)
      : outcome.noCredentials
        ? t('syncNoCredentials')
        : t('syncUnreachable');
    return t('syncFailed', { name: outcome.name, reason });
  };
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex items-center gap-2">
        <span className="text-xs text-slate-500">{t('syncHint', { scope: channelName ?? t('syncScopeAll') })}</span>
        <button
          type="button"
          onClick={() => sync.mutate({ channelId })}
          disabled={sync.isPending}
          className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {sync.isPending ? t('syncing') : t('sync')}
        </button>
      </div>
      {sync.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText(sync.error)}
        </p>
      )}
      {sync.data && !sync.isPending && (
        <div role="status" aria-label={t('syncResult')} className="w-full max-w-xl rounded-lg bg-slate-50 px-3 py-2 text-sm">
          {sync.data.outcomes.length === 0 ? (
            <p>{t('syncNothing')}</p>
          ) : (
            <ul className="space-y-0.5">
              {sync.data.outcomes.map((outcome) => (
                <li key={outcome.channelId} data-sync-ok={outcome.ok} className={outcome.ok ? 'text-slate-700' : 'text-rose-800'}>
                  {line(outcome)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
