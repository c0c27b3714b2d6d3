'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { useFormats } from '@/components/i18n/formats';

export type TAccountUpdateView = {
  event: string;
  /** numbers.accountUpdates.events key; null for an event we have no words for (then Meta's raw name is shown). */
  reason: string | null;
  details: Record<string, string | string[]> | null;
  expiresAt: Date | string | null;
};

const KEY_LIKE = /^[A-Z0-9_]+$/;

/**
 * Meta's account_update in the reader's language: the sentence of its event with Meta's values in words (a value we
 * have no word for stays as Meta sent it), and for a restriction, until when. One wording for the numbers card, the
 * list of account updates and the admins' alert toast.
 */
export function useAccountUpdateWords() {
  const t = useTranslations('numbers.accountUpdates');
  const separator = useTranslations('numbers')('listSeparator');
  const { dateTime } = useFormats();
  return useCallback(
    (update: TAccountUpdateView): { text: string; until: string | null } => {
      const details = update.details ?? {};
      const word = (group: string, value: string | string[] | undefined) => {
        const one = Array.isArray(value) ? value[0] : value;
        if (!one) return 'none';
        const key = `${group}.${one}`;
        return KEY_LIKE.test(one) && t.has(key as never) ? t(key as never) : one;
      };
      const value = (key: string) => {
        const v = details[key];
        return (Array.isArray(v) ? v.join(separator) : v) || 'none';
      };
      const known = update.reason && t.has(`events.${update.reason}` as never) ? update.reason : null;
      const restrictions = (Array.isArray(details.restrictions) ? details.restrictions : []).map((r) => word('restrictionTypes', r));
      const text = known
        ? t(
            `events.${known}` as never,
            {
              restrictions: restrictions.join(separator),
              violation: word('violationTypes', details.violation),
              disconnection: word('disconnections', details.disconnection),
              status: word('verificationStatuses', details.status),
              date: value('date'),
              country: value('country'),
              category: value('category'),
              tier: value('tier'),
              month: value('month'),
              region: value('region'),
            } as never,
          )
        : t('events.other', { event: update.event });
      const until =
        update.event === 'ACCOUNT_RESTRICTION'
          ? update.expiresAt
            ? t('until', { time: dateTime(new Date(update.expiresAt)) })
            : t('noEnd')
          : null;
      return { text, until };
    },
    [t, separator, dateTime],
  );
}
