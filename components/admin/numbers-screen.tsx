'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useErrorText, useFormats } from '@/components/i18n/formats';
import { failureReason } from '@/server/i18n/delivery-errors';
import type { TTranslate } from '@/server/i18n/translate';
import type { TFailureData } from '@/server/domain/delivery-status';
import { ConnectionIndicator } from '@/components/realtime/connection-indicator';
import { useTRPC } from '@/components/trpc/client';
import { useToast } from '@/components/ui/toasts';
import { NumberSpend } from './number-spend';
import { tierLabel } from '@/server/domain/messaging-tiers';
import { AccountAlerts } from './account-alerts';
import { AccountState } from './account-state';
import { HealthHistory } from './health-history';
import { metaValue } from './meta-value';
import { QualityBadge } from './quality-badge';
import { UpgradePath } from './upgrade-path';

/** Meta's tier names as people say them: TIER_2K → 2K. */
function tierText(tier: string | null, unlimited: string): string {
  const value = tierLabel(tier);
  if (!value) return '—';
  return value === 'UNLIMITED' ? unlimited : value;
}

export function NumbersScreen() {
  const t = useTranslations('numbers');
  const deliveryErrors = useTranslations('deliveryErrors') as unknown as TTranslate;
  /** Why a number needs attention, in the reader's language, from the provider failure stored on the channel. */
  const failureText = (code: string, data: TFailureData | null) => failureReason(deliveryErrors, code, data);
  const errorText = useErrorText();
  const { n, dateTime, relative } = useFormats();
  const trpc = useTRPC();
  const numbers = useQuery(trpc.number.list.queryOptions());

  return (
    <main className="mx-auto max-w-5xl p-6">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <ConnectionIndicator />
        <Link href="/inbox" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </div>
      {numbers.isError && (
        <p role="alert" className="mt-4 text-sm text-rose-700">
          {errorText(numbers.error)}
        </p>
      )}
      <AccountAlerts />
      {numbers.data?.length === 0 && <p className="mt-4 text-sm text-slate-500">{t('none')}</p>}
      <ul className="mt-4 grid gap-4 md:grid-cols-2">
        {numbers.data?.map((number) => {
          const status = number.status ?? 'UNKNOWN';
          const limit = number.usage.limit;
          return (
            <li
              key={number.channelId}
              data-phone-number-id={number.phoneNumberId}
              aria-label={number.name}
              className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
            >
              <div className="flex items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 className="truncate font-semibold">{number.verifiedName ?? number.name}</h2>
                  <p dir="ltr" className="text-start text-sm text-slate-500">
                    {number.displayPhone ?? number.phoneNumberId}
                  </p>
                </div>
                <QualityBadge rating={number.qualityRating} />
              </div>
              <dl className="mt-3 grid grid-cols-2 gap-2 text-sm">
                <div>
                  <dt className="text-xs text-slate-500">{t('status')}</dt>
                  <dd data-testid="number-status">{metaValue(t, 'statuses', status)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('limit')}</dt>
                  <dd data-testid="number-limit">{tierText(number.messagingLimitTier, t('unlimited'))}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('nameStatus')}</dt>
                  <dd data-testid="number-name-status">{metaValue(t, 'nameStatuses', number.nameStatus)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('throughput')}</dt>
                  <dd data-testid="number-throughput">{metaValue(t, 'throughputLevels', number.throughputLevel)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('codeVerification')}</dt>
                  <dd data-testid="number-code-verification">{metaValue(t, 'codeVerificationStatuses', number.codeVerificationStatus)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">{t('accountMode')}</dt>
                  <dd data-testid="number-account-mode">{metaValue(t, 'accountModes', number.accountMode)}</dd>
                </div>
                <div className="col-span-2">
                  <dt className="text-xs text-slate-500">{t('usage')}</dt>
                  <dd>
                    <span data-testid="number-usage" dir="ltr">
                      {limit === null ? `${n(number.usage.used)} / ${t('unlimited')}` : `${n(number.usage.used)} / ${n(limit)}`}
                    </span>
                    {limit !== null && (
                      <meter
                        className="ms-2 h-2 w-32 align-middle"
                        min={0}
                        max={limit}
                        value={number.usage.used}
                        high={limit * 0.8}
                        optimum={0}
                      />
                    )}
                    {number.usage.freesUpAt && (
                      <p className="text-xs text-slate-500">{t('freesUp', { time: relative(number.usage.freesUpAt, new Date()) })}</p>
                    )}
                    {number.portfolioId && (
                      <p data-testid="number-portfolio" data-portfolio-id={number.portfolioId} className="text-xs text-slate-500">
                        {t('portfolio', { count: number.portfolioNumbers })}
                      </p>
                    )}
                    <UpgradePath upgrade={number.upgrade} />
                  </dd>
                </div>
                <NumberSpend channelId={number.channelId} />
              </dl>
              {number.notAnsweringSince && (
                <p role="status" data-testid="number-not-answering" className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
                  {t('notAnswering', { time: dateTime(number.notAnsweringSince) })}
                </p>
              )}
              {number.accountUpdate && <AccountState update={number.accountUpdate} />}
              {number.channelStatus === 'needs_attention' && !number.accountUpdate && (
                <p role="note" className="mt-2 rounded bg-rose-50 px-2 py-1 text-xs text-rose-800">
                  {t('needsAttention', {
                    reason: number.channelStatusCode
                      ? failureText(number.channelStatusCode, number.channelStatusData)
                      : (number.channelStatusReason ?? ''),
                  })}
                </p>
              )}
              <p data-testid="number-templates" className="mt-2 text-xs text-slate-500">
                {t('templates', { approved: n(number.templates.approved), total: n(number.templates.total) })}
              </p>
              <div className="mt-1 flex items-center justify-between gap-2">
                <p data-testid="number-last-sync" className="text-xs text-slate-500">
                  {t('lastSync', { time: number.lastSyncedAt ? dateTime(number.lastSyncedAt) : t('never') })}
                </p>
                <SyncButton channelId={number.channelId} />
              </div>
              <HealthHistory entries={number.history} />
            </li>
          );
        })}
      </ul>
    </main>
  );
}

/** "Sync now": the page itself refreshes through the number.changed event the sync emits. */
function SyncButton({ channelId }: { channelId: string }) {
  const t = useTranslations('numbers');
  const errorText = useErrorText();
  const { n } = useFormats();
  const trpc = useTRPC();
  const toast = useToast();
  const sync = useMutation(
    trpc.number.sync.mutationOptions({
      onSuccess: (result) => {
        const failed = !result.health.ok ? result.health : !result.templates.ok ? result.templates : null;
        if (failed) {
          const reason =
            failed.code === 190
              ? t('syncReason.token')
              : failed.code === null
                ? t('syncReason.unreachable')
                : t('syncReason.other', { code: String(failed.code) });
          toast(t('syncFailed', { reason }));
        } else if (result.templates.ok) {
          const { added, updated, removed } = result.templates;
          toast(t('syncDone', { added: n(added), updated: n(updated), removed: n(removed) }));
        }
      },
      onError: (error) => toast(errorText(error)),
    }),
  );
  return (
    <button
      type="button"
      onClick={() => sync.mutate({ channelId })}
      disabled={sync.isPending}
      className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50"
    >
      {sync.isPending ? t('syncing') : t('sync')}
    </button>
  );
}
