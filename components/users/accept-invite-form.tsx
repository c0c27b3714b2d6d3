'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { MIN_PASSWORD_LENGTH, ZNewPassword } from '@/server/domain/new-password';
import { PERSON_NAME_MAX, ZPersonName } from '@/server/domain/names';
import { MAX_PASSWORD_LENGTH } from '@/server/domain/credentials';
import { signInAfterLink, usePublicErrorText } from './public-form';

const input =
  'mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100';

/**
 * The invite page's form: a new account's name and password (twice), or, when the email already has an account,
 * its password. On success the person is signed in, in the workspace they joined, and lands in the inbox.
 */
export function AcceptInviteForm({ token, email, existingAccount }: { token: string; email: string; existingAccount: boolean }) {
  const t = useTranslations('invite');
  const locale = useLocale();
  const errorText = usePublicErrorText();
  const router = useRouter();
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const saveLocale = useMutation(trpc.me.setLocale.mutationOptions());
  const accept = useMutation(trpc.invite.accept.mutationOptions());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    setError(null);
    let input: Parameters<typeof accept.mutateAsync>[0];
    if (existingAccount) {
      if (!password) return setError(t('errors.PASSWORD_REQUIRED'));
      input = { kind: 'existing', token, password };
    } else {
      // The same rules as the server's, so a mistake is said before anything is sent.
      const name = ZPersonName.safeParse(String(form.get('name') ?? ''));
      if (!name.success) return setError(t(`errors.${name.error.issues[0]!.message as 'NAME_REQUIRED'}`));
      const checked = ZNewPassword.safeParse(password);
      if (!checked.success) return setError(t(`errors.${checked.error.issues[0]!.message as 'PASSWORD_TOO_SHORT'}`));
      if (password !== String(form.get('confirmPassword') ?? '')) return setError(t('errors.PASSWORDS_DIFFER'));
      input = { kind: 'new', token, name: name.data, password, confirmPassword: password };
    }
    try {
      const joined = await accept.mutateAsync(input);
      setSigningIn(true);
      if (!(await signInAfterLink(joined.email, password, joined.workspaceId))) {
        setSigningIn(false);
        return setError(t('errors.SIGN_IN_FAILED'));
      }
      // A new account starts in the language it was invited in; an existing one keeps its own.
      if (!existingAccount && (locale === 'en' || locale === 'ar')) await saveLocale.mutateAsync({ locale }).catch(() => {});
      router.replace('/inbox');
      router.refresh();
    } catch (failure) {
      const detail = (failure as { data?: { appDetail?: string } }).data?.appDetail;
      // The link stopped being valid meanwhile (used in another tab, revoked, expired): the page says which.
      if (detail?.startsWith('link')) router.refresh();
      setError(errorText(failure as { data?: unknown }));
    }
  }

  const pending = accept.isPending || signingIn;
  return (
    <form aria-label={t('accept')} onSubmit={(e) => void submit(e)} noValidate className="mt-6 space-y-4">
      <div>
        <span className="text-sm font-medium text-slate-700">{t('email')}</span>
        <p dir="ltr" className="mt-1 text-start text-sm text-slate-900">
          {email}
        </p>
      </div>
      {!existingAccount && (
        <label className="block">
          <span className="text-sm font-medium text-slate-700">{t('yourName')}</span>
          <input name="name" type="text" autoComplete="name" required maxLength={PERSON_NAME_MAX} className={input} />
        </label>
      )}
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t('password')}</span>
        <input
          name="password"
          type="password"
          autoComplete={existingAccount ? 'current-password' : 'new-password'}
          required
          maxLength={MAX_PASSWORD_LENGTH}
          aria-describedby={existingAccount ? undefined : 'password-hint'}
          className={input}
        />
      </label>
      {!existingAccount && (
        <p id="password-hint" className="-mt-3 text-xs text-slate-500">
          {t('passwordHint', { n: MIN_PASSWORD_LENGTH })}
        </p>
      )}
      {!existingAccount && (
        <label className="block">
          <span className="text-sm font-medium text-slate-700">{t('confirmPassword')}</span>
          <input name="confirmPassword" type="password" autoComplete="new-password" required maxLength={MAX_PASSWORD_LENGTH} className={input} />
        </label>
      )}
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
        {pending ? t('accepting') : t('accept')}
      </button>
    </form>
  );
}
