'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/client';
import { LOCALE_COOKIE, LOCALES, type TLocale } from '@/server/i18n/locales';

export function setLocaleCookie(locale: TLocale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}

/** Saves the language on the profile and re-renders the current page (same view, same URL) in it. */
export function LanguageSwitch() {
  const t = useTranslations('account');
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const save = useMutation(
    trpc.me.setLocale.mutationOptions({
      onSuccess: ({ locale: saved }) => {
        setLocaleCookie(saved);
        router.refresh();
      },
    }),
  );
  return (
    <label className="block text-xs text-slate-500">
      <span className="sr-only">{t('language')}</span>
      <select
        aria-label={t('language')}
        value={locale}
        disabled={save.isPending}
        onChange={(e) => save.mutate({ locale: e.target.value as TLocale })}
        className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {l === 'ar' ? t('arabic') : t('english')}
          </option>
        ))}
      </select>
    </label>
  );
}
