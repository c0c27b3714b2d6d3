'use client';

import '@/components/csp/zod-without-eval';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { setLocaleCookie } from '@/components/i18n/language-switch';
import { fieldErrors, ZSetupInput, type TSetupField, type TSetupResponse } from '@/server/domain/first-run';
import { formattingLocale, isLocale } from '@/server/i18n/locales';
import { numberWith } from '@/server/i18n/numbers';
import { waitMinutes } from '@/server/domain/retry-after';

const FIELDS: { name: TSetupField; type: string; autoComplete: string; ltr?: boolean; hint?: 'passwordHint' | 'setupCodeHint' }[] = [
  { name: 'workspaceName', type: 'text', autoComplete: 'organization' },
  { name: 'name', type: 'text', autoComplete: 'name' },
  { name: 'email', type: 'email', autoComplete: 'username', ltr: true },
  { name: 'password', type: 'password', autoComplete: 'new-password', hint: 'passwordHint' },
  { name: 'setupCode', type: 'text', autoComplete: 'one-time-code', ltr: true, hint: 'setupCodeHint' },
];

type TFailure = Extract<TSetupResponse, { ok: false }>;

/**
 * The first-run form: checked here with the server's own schema (field by field, in the reader's language), then
 * posted to /api/setup; on success the new admin is signed in exactly as the sign-in page does it, and lands in the
 * inbox.
 */
export function SetupForm() {
  const t = useTranslations('setup');
  const locale = useLocale();
  const router = useRouter();
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [pending, setPending] = useState(false);

  const say = (code: string | undefined) =>
    code && t.has(`errors.${code}` as never) ? t(`errors.${code}` as never) : t('errors.INVALID_INPUT');

  function refusal(body: TFailure): string {
    if (body.appCode === 'TOO_MANY_ATTEMPTS') {
      const minutes = waitMinutes(body.retryAfterSeconds);
      const n = numberWith(formattingLocale(isLocale(locale) ? locale : 'en', false));
      return t('errors.TOO_MANY_ATTEMPTS', { n: minutes, count: n(minutes) });
    }
    return body.appCode === 'UNKNOWN' ? t('errors.UNAVAILABLE') : say(body.appCode);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = Object.fromEntries(FIELDS.map((f) => [f.name, String(form.get(f.name) ?? '')]));
    setFailure(null);
    const parsed = ZSetupInput.safeParse({ ...input, locale: isLocale(locale) ? locale : undefined });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      const response = await fetch('/api/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...input, locale: parsed.data.locale }),
      });
      const body = (await response.json().catch(() => ({ ok: false, appCode: 'UNKNOWN' }))) as TSetupResponse;
      if (!body.ok) {
        if (body.fields) setErrors(body.fields);
        setFailure(body.appCode === 'SETUP_DONE' ? null : refusal(body));
        setDone(body.appCode === 'SETUP_DONE');
        return;
      }
      if (parsed.data.locale) setLocaleCookie(parsed.data.locale);
      const signedIn = await signIn('credentials', { email: body.email, password: parsed.data.password, redirect: false });
      if (!signedIn?.ok || signedIn.error) {
        setFailure(t('signInFailed'));
        setDone(true);
        return;
      }
      router.replace('/inbox');
      router.refresh();
    } catch {
      setFailure(t('errors.UNAVAILABLE'));
    } finally {
      setPending(false);
    }
  }

  const input =
    'mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-[invalid=true]:border-rose-400';
  if (done) {
    return (
      <div className="mt-6 space-y-4">
        <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {failure ?? t('errors.SETUP_DONE')}
        </p>
        <Link
          href="/login"
          className="block w-full rounded-lg bg-brand-600 px-4 py-2 text-center font-medium text-white hover:bg-brand-700"
        >
          {t('signIn')}
        </Link>
      </div>
    );
  }
  return (
    <form aria-label={t('title')} onSubmit={onSubmit} noValidate className="mt-6 space-y-4">
      {FIELDS.map((field) => {
        const error = errors[field.name];
        const describedBy = [field.hint && `setup-${field.name}-hint`, error && `setup-${field.name}-error`].filter(Boolean).join(' ');
        return (
          <div key={field.name}>
            <label className="block">
              <span className="text-sm font-medium text-slate-700">{t(field.name)}</span>
              <input
                name={field.name}
                type={field.type}
                autoComplete={field.autoComplete}
                required
                dir={field.ltr ? 'ltr' : undefined}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy || undefined}
                spellCheck={false}
                className={input}
              />
            </label>
            {field.hint && (
              <p id={`setup-${field.name}-hint`} className="mt-1 text-xs text-slate-500">
                {t(field.hint)}
              </p>
            )}
            {error && (
              <p id={`setup-${field.name}-error`} className="mt-1 text-sm text-rose-700">
                {say(error)}
              </p>
            )}
          </div>
        );
      })}
      {failure && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {failure}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
