'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useErrorText, useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { accountUpdateReason } from '@/server/domain/account-update';
import { useAccountUpdateWords } from './account-update-words';

const KEY_LIKE = /^[A-Z0-9_]+$/;

/**
 * Meta's `account_alerts` for this workspace (a limit increase deferred, denied or needing more information, Official
 * Business Account decisions, a lost profile photo) and its `account_update`s (restrictions, bans, partner changes,
 * pricing tiers), newest first, each in the reader's language with its date. An alert type we have no sentence for
 * shows Meta's own description; an update we have no sentence for, its event's name. Informational updates are listed
 * in plain colours: nothing to act on.
 */
export function AccountAlerts() {
  const t = useTranslations('numbers.alerts');
  const errorText = useErrorText();
  const { dateTime } = useFormats();
  const trpc = useTRPC();
  const alerts = useQuery(trpc.number.alerts.queryOptions());
  const updateWords = useAccountUpdateWords();
  if (alerts.isError)
    return (
      <p role="alert" className="mt-4 text-sm text-rose-700">
        {errorText(alerts.error)}
      </p>
    );
  if (!alerts.data?.length) return null;
  const known = (group: 'types' | 'severities', value: string | null) =>
    !!value && KEY_LIKE.test(value) && t.has(`${group}.${value}` as never) ? t(`${group}.${value}` as never) : null;
  return (
    <section aria-labelledby="account-alerts-title" className="mt-4 rounded-xl border border-amber-200 bg-amber-50 p-4">
      <h2 id="account-alerts-title" className="text-sm font-semibold text-amber-900">
        {t('title')}
      </h2>
      <ul className="mt-2 space-y-2 text-sm">
        {alerts.data.map((alert) => (
          <li
            key={alert.id}
            data-account-alert={alert.alertType}
            data-alert-status={alert.status ?? ''}
            data-alert-severity={alert.severity ?? ''}
            className={alert.severity === 'INFORMATIONAL' ? 'text-slate-700' : 'text-amber-950'}
          >
            <p>
              <time dateTime={alert.occurredAt.toISOString()} className="text-xs text-amber-800">
                {dateTime(alert.occurredAt)}
              </time>
              {' · '}
              <span className="text-xs text-amber-800">
                {known('severities', alert.severity) ?? alert.severity ?? ''}
                {alert.status === 'NONE' ? ` · ${t('resolved')}` : ''}
                {' · '}
                {t('entity', { type: alert.entityType, id: alert.entityId })}
              </span>
            </p>
            <p dir="auto">
              {alert.source === 'account_update'
                ? accountUpdateLine(
                    updateWords({ ...alert, event: alert.alertType, reason: accountUpdateReason(alert.alertType, alert.details) }),
                  )
                : (known('types', alert.alertType) ?? t('other', { type: alert.alertType, description: alert.description ?? '' }))}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

const accountUpdateLine = ({ text, until }: { text: string; until: string | null }) => (until ? `${text} ${until}` : text);
