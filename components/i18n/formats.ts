'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useTRPC } from '@/components/trpc/client';
import type { TWords } from '@/server/domain/countdown';
import { retryAfterOf, waitMinutes } from '@/server/domain/retry-after';
import { formattingLocale, isLocale, type TLocale } from '@/server/i18n/locales';
import { numberWith } from '@/server/i18n/numbers';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** Numbers, times and relative times in the user's language, with the workspace's choice of digits in Arabic. */
export function useFormats() {
  const raw = useLocale();
  const locale: TLocale = isLocale(raw) ? raw : 'en';
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const tag = formattingLocale(locale, me.data?.workspace.arabicIndicDigits ?? false);
  // The workspace's zone when it has one (a zone this browser does not know falls back to its own).
  const timeZone = knownTimeZone(me.data?.workspace.timeZone ?? null);
  return useMemo(() => {
    const relativeFormat = new Intl.RelativeTimeFormat(tag, { numeric: 'auto', style: 'short' });
    const timeFormat = new Intl.DateTimeFormat(tag, { hour: '2-digit', minute: '2-digit', timeZone });
    const dateTimeFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    const longDateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeZone });
    // A calendar day in the workspace's zone, as YYYY-MM-DD (en-CA writes ISO dates), for grouping by day.
    const dayKeyFormat = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
    return {
      locale,
      tag,
      n: numberWith(tag),
      time: (date: Date) => timeFormat.format(date),
      dateTime: (date: Date) => dateTimeFormat.format(date),
      longDate: (date: Date) => longDateFormat.format(date),
      dayKey: (date: Date) => dayKeyFormat.format(date),
      relative: (date: Date, now: Date) => {
        const diff = date.getTime() - now.getTime();
        const [unit, ms] = UNITS.find(([, size]) => Math.abs(diff) >= size) ?? UNITS[2]!;
        return relativeFormat.format(Math.round(diff / ms), unit);
      },
    };
  }, [locale, tag, timeZone]);
}

function knownTimeZone(zone: string | null): string | undefined {
  if (!zone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}

/** The words countdown chips are made of, for server/domain/countdown.ts. */
export function useWindowWords(): TWords {
  const t = useTranslations('window');
  const { n } = useFormats();
  return useMemo(() => ({ t: (key, values) => t(key as never, values as never), n }), [t, n]);
}

/**
 * A server error in the user's language: its specific sentence when the server named one, else its code's,
 * else a generic sentence.
 */
export function useErrorText() {
  const t = useTranslations('errors');
  const details = useTranslations('errorDetails');
  const waitText = useWaitText();
  return (error: { data?: unknown; message?: string } | null | undefined) => {
    const { appCode: code, appDetail: detail } = (error?.data as { appCode?: string; appDetail?: string } | undefined) ?? {};
    const wait = waitText(error?.data);
    if (wait) return wait;
    if (detail && details.has(detail as never)) return details(detail as never);
    return code && t.has(code as never) ? t(code as never) : t('UNKNOWN');
  };
}

/**
 * "Too many attempts. Try again in N minutes." for a throttled refusal that says how long (its data's
 * retryAfterSeconds), else null. Plain digits of the reader's language: it also serves pages nobody is signed in on.
 */
export function useWaitText() {
  const details = useTranslations('errorDetails');
  const raw = useLocale();
  return (data: unknown): string | null => {
    if ((data as { appCode?: string } | null | undefined)?.appCode !== 'TOO_MANY_ATTEMPTS') return null;
    const seconds = retryAfterOf(data);
    if (seconds === undefined) return null;
    const minutes = waitMinutes(seconds);
    const n = numberWith(formattingLocale(isLocale(raw) ? raw : 'en', false));
    return details('tooManyAttemptsFor', { n: minutes, count: n(minutes) });
  };
}
