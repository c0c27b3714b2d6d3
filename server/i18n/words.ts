import { createTranslator } from 'next-intl';
import type { TWords } from '@/server/domain/countdown';
import ar from './catalogs/ar.json' with { type: 'json' };
import en from './catalogs/en.json' with { type: 'json' };
import { formattingLocale, type TLocale } from './locales';
import { numberWith } from './numbers';

const CATALOGS = { en, ar } as const;

/** Window words outside React (tests, server): the same catalogs the browser uses. */
export function windowWords(locale: TLocale, arabicIndicDigits = false): TWords {
  const t = createTranslator({ locale, messages: CATALOGS[locale], namespace: 'window' });
  return { t: (key, values) => t(key as never, values as never), n: numberWith(formattingLocale(locale, arabicIndicDigits)) };
}
