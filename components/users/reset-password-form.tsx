'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { MAX_PASSWORD_LENGTH } from '@/server/domain/credentials';
import { MIN_PASSWORD_LENGTH, ZNewPassword } from '@/server/domain/new-password';
import { signInAfterLink, usePublicErrorText } from './public-form';

const input =
  'mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100';

/** The reset page's form: the new password twice; then every old session has ended and this one signs in. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations('passwordReset');
  const fields = useTranslations('invite');
  const errorText = usePublicErrorText();
  const router = useRouter();
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const [signingIn, setSigningIn] = useState(false);
  const complete = useMutation(trpc.passwordReset.complete.mutationOptions());

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    setError(null);
    const checked = ZNewPassword.safeParse(password);
    if (!checked.success) return setError(fields(`errors.${checked.error.issues[0]!.message as 'PASSWORD_TOO_SHORT'}`));
    if (password !== String(form.get('confirmPassword') ?? '')) return setError(fields('errors.PASSWORDS_DIFFER'));
    try {
      const done = await complete.mutateAsync({ token, password, confirmPassword: password });
      setSigningIn(true);
      if (!(await signInAfterLink(done.email, password))) {
        setSigningIn(false);
        return setError(t('signInFailed'));
      }
      router.replace('/inbox');
      router.refresh();
    } catch (failure) {
      if ((failure as { data?: { appDetail?: string } }).data?.appDetail?.startsWith('link')) router.refresh();
      setError(errorText(failure as { data?: unknown }));
    }
  }

  return (
    <form aria-label={t('title')} onSubmit={(e) => void submit(e)} noValidate className="mt-6 space-y-4">
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t('password')}</span>
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          maxLength={MAX_PASSWORD_LENGTH}
          aria-describedby="password-hint"
          className={input}
        />
      </label>
      <p id="password-hint" className="-mt-3 text-xs text-slate-500">
        {fields('passwordHint', { n: MIN_PASSWORD_LENGTH })}
      </p>
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t('confirmPassword')}</span>
        <input name="confirmPassword" type="password" autoComplete="new-password" required maxLength={MAX_PASSWORD_LENGTH} className={input} />
      </label>
      {error && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={complete.isPending || signingIn}
        className="w-full rounded-lg bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {complete.isPending || signingIn ? t('saving') : t('submit')}
      </button>
    </form>
  );
}
