import { LOCALES, type TLocale } from '@/server/domain/locales';

export { LOCALES, type TLocale };
export const DEFAULT_LOCALE: TLocale = 'en';
/** Set when a user picks a language (and at sign-in, from their profile). */
export const LOCALE_COOKIE = 'nafidha-locale';

export function isLocale(value: unknown): value is TLocale {
  return (LOCALES as readonly unknown[]).includes(value);
}

export function directionOf(locale: TLocale): 'rtl' | 'ltr' {
  return locale === 'ar' ? 'rtl' : 'ltr';
}

/** The browser's preferred language among ours, from an Accept-Language header. */
export function negotiateLocale(acceptLanguage: string | null | undefined): TLocale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { base: (tag ?? '').toLowerCase().split('-')[0], q: Number.isFinite(q) ? q : 0 };
    })
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.base).find(isLocale) ?? DEFAULT_LOCALE;
}

/**
 * The BCP 47 tag numbers and dates are formatted with: Arabic uses Arabic-Indic digits (٣) only when the workspace
 * asks for them, Latin digits otherwise; English always Latin.
 */
export function formattingLocale(locale: TLocale, arabicIndicDigits: boolean): string {
  if (locale !== 'ar') return 'en';
  return arabicIndicDigits ? 'ar-u-nu-arab' : 'ar-u-nu-latn';
}
