'use client';

import { useTranslations } from 'next-intl';
import { useFormats } from '@/components/i18n/formats';

/** Said above the templates when the customer stopped marketing messages: those templates are not offered to send. */
export function MarketingStopNote({ stoppedAt }: { stoppedAt: Date | string | null | undefined }) {
  const t = useTranslations('template');
  const { dateTime } = useFormats();
  if (!stoppedAt) return null;
  return (
    <p role="note" data-marketing-opt-out className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
      {t('marketingStopped', { date: dateTime(new Date(stoppedAt)) })}
    </p>
  );
}
