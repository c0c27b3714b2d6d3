'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { fieldErrors } from '@/server/domain/first-run';
import { ZChangePasswordForm } from '@/server/domain/profile';
import { BUTTON_CLASS, Field } from './field';

const FIELDS = [
  { name: 'currentPassword', autoComplete: 'current-password' },
  { name: 'newPassword', autoComplete: 'new-password' },
  { name: 'confirmPassword', autoComplete: 'new-password' },
] as const;

/**
 * The change ends every session of the user (the server bumps their session version); this browser then signs in
 * again with the new password, so it stays signed in while every other one is signed out.
 */
export function PasswordForm({ email }: { email: string }) {
  const t = useTranslations('profile');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [changed, setChanged] = useState(false);
  const change = useMutation(trpc.profile.changePassword.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const values = Object.fromEntries(FIELDS.map((f) => [f.name, String(form.get(f.name) ?? '')]));
    setChanged(false);
    const parsed = ZChangePasswordForm.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    const { currentPassword, newPassword } = parsed.data;
    try {
      await change.mutateAsync({ currentPassword, newPassword });
    } catch {
      return; // shown from change.error
    }
    const signedIn = await signIn('credentials', { email, password: newPassword, redirect: false }).catch(() => undefined);
    if (!signedIn?.ok || signedIn.error) {
      window.location.assign('/login');
      return;
    }
    formElement.reset();
    setChanged(true);
    router.refresh();
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-3">
      {/* For password managers: the account whose password this is. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      {FIELDS.map((field) => (
        <Field
          key={field.name}
          id={`profile-${field.name}`}
          label={t(field.name)}
          name={field.name}
          type="password"
          autoComplete={field.autoComplete}
          error={errors[field.name] ? t(`errors.${errors[field.name]}` as never) : undefined}
        />
      ))}
      {change.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText(change.error)}
        </p>
      )}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={change.isPending} className={BUTTON_CLASS}>
          {t('changePassword')}
        </button>
        {changed && (
          <span role="status" className="text-sm text-emerald-700">
            {t('passwordChanged')}
          </span>
        )}
      </div>
    </form>
  );
}
