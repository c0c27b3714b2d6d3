'use client';

import '@/components/csp/zod-without-eval';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { setLocaleCookie } from '@/components/i18n/language-switch';
import { forgetUnavailableWorkspace } from '@/components/users/workspace-cookie';
import { readSignInError } from '@/server/domain/credentials';
import { formattingLocale, isLocale } from '@/server/i18n/locales';
import { numberWith } from '@/server/i18n/numbers';
import { waitMinutes } from '@/server/domain/retry-after';

/**
 * The user's saved language wins from the moment they sign in; a first sign-in saves the language they are reading
 * in now (the browser's preferred one), so it follows them to any browser from then on.
 */
async function adoptProfileLanguage(current: string): Promise<void> {
  const response = await fetch('/api/trpc/me.get', { cache: 'no-store' });
  if (!response.ok) return;
  const saved = ((await response.json()) as { result?: { data?: { json?: { user?: { locale?: string | null } } } } }).result?.data?.json
    ?.user?.locale;
  if (isLocale(saved)) {
    setLocaleCookie(saved);
    return;
  }
  if (isLocale(current)) {
    await fetch('/api/trpc/me.setLocale', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: { locale: current } }),
    });
    setLocaleCookie(current);
  }
}

export function LoginForm() {
  const t = useTranslations('auth');
  const locale = useLocale();
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        await forgetUnavailableWorkspace().catch(() => {});
        await adoptProfileLanguage(locale).catch(() => {});
        router.replace('/inbox');
        router.refresh();
        return;
      }
      const refusal = readSignInError(result?.error);
      if (refusal.code === 'TOO_MANY_ATTEMPTS') {
        const minutes = waitMinutes(refusal.retryAfterSeconds);
        const n = numberWith(formattingLocale(isLocale(locale) ? locale : 'en', false));
        setError(t('errors.TOO_MANY_ATTEMPTS', { n: minutes, count: n(minutes) }));
      } else setError(t(`errors.${refusal.code}`));
    } catch {
      setError(t('errors.UNAVAILABLE'));
    } finally {
      setPending(false);
    }
  }

  const input =
    'mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100';
  return (
    <form aria-label={t('signInForm')} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t('email')}</span>
        <input name="email" type="email" autoComplete="username" required dir="ltr" className={input} />
      </label>
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t('password')}</span>
        <input name="password" type="password" autoComplete="current-password" required className={input} />
      </label>
      {error && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t('signingIn') : t('signIn')}
      </button>
    </form>
  );
}
