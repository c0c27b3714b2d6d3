'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { formatMoney } from '@/server/i18n/money';

/**
 * A number's template spend this month (`data-number-spend`), as estimated when each template was sent. Every row
 * reads the same query (one request and one SQL statement for the whole page: pricing.spend) and picks its lines.
 */
export function NumberSpend({ channelId }: { channelId: string }) {
  const t = useTranslations('numbers');
  const { tag, n } = useFormats();
  const trpc = useTRPC();
  const spend = useQuery(trpc.pricing.spend.queryOptions());
  if (!spend.data) return null;
  const lines = spend.data.filter((line) => line.channelId === channelId);
  const count = lines.reduce((sum, line) => sum + line.messages, 0);
  return (
    <div className="col-span-2">
      <dt className="text-xs text-slate-500">{t('spend')}</dt>
      <dd data-number-spend={channelId}>
        {lines.length === 0 ? (
          t('spendNone')
        ) : (
          <>
            {lines.map((line, i) => (
              <span key={line.currency}>
                {i > 0 && ' + '}
                <bdi>{formatMoney(tag, line.amount, line.currency)}</bdi>
              </span>
            ))}
            <p className="text-xs text-slate-500">{t('spendCount', { n: count, count: n(count) })}</p>
          </>
        )}
      </dd>
    </div>
  );
}
