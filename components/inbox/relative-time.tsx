'use client';

import { useFormats } from '@/components/i18n/formats';

export function RelativeTime({ date }: { date: Date }) {
  const { relative, dateTime } = useFormats();
  return (
    <time dateTime={date.toISOString()} title={dateTime(date)} className="shrink-0 text-xs text-slate-600">
      {relative(date, new Date())}
    </time>
  );
}
