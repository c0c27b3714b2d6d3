'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useErrorText, useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { LOCALES, type TLocale } from '@/server/domain/locales';
import { ROLES, type TRole } from '@/server/domain/permissions';
import { ZEmail } from '@/server/domain/names';
import { CopyValue } from '@/components/ui/copy-value';

export type TCreatedInvite = { url: string; email: string; role: TRole; expiresAt: Date; sent: 'sent' | 'failed' | 'off' };

/** The invite just created: its link (shown this once), and whether it was emailed. */
export function CreatedInvite({ invite }: { invite: TCreatedInvite }) {
  const t = useTranslations('settingsUsers');
  const { dateTime } = useFormats();
  return (
    <div role="status" className="mt-4 rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm">
      <p>{t('inviteLinkHint', { role: t(`roles.${invite.role}`), expires: dateTime(invite.expiresAt) })}</p>
      <div className="mt-2">
        <CopyValue value={invite.url} label={t('inviteLink')} attribute="data-invite-url" showLabel={false} />
      </div>
      <p className="mt-2 text-xs text-slate-600">
        {invite.sent === 'sent' ? t('emailSent', { email: invite.email }) : invite.sent === 'failed' ? t('emailFailed') : t('emailOff')}
      </p>
    </div>
  );
}

/** "Invite user" → email, role (and the email's language when the server sends mail) → "Create invite". */
export function InvitePanel({ mail, onCreated }: { mail: boolean; onCreated: (invite: TCreatedInvite) => void }) {
  const t = useTranslations('settingsUsers');
  const account = useTranslations('account');
  const locale = useLocale();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const invite = useMutation(
    trpc.user.invite.mutationOptions({
      onSuccess: (result, input) => {
        onCreated({ url: result.url, email: input.email, role: input.role, expiresAt: result.expiresAt, sent: result.email });
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = ZEmail.safeParse(String(form.get('email') ?? ''));
    if (!email.success) {
      setFieldError(t(`errors.${email.error.issues[0]?.message as 'EMAIL_INVALID'}`));
      return;
    }
    setFieldError(null);
    invite.mutate({
      email: email.data,
      role: String(form.get('role')) as TRole,
      locale: (String(form.get('locale') ?? locale) as TLocale) || 'en',
      origin: window.location.origin,
    });
  }

  if (!open) {
    return (
      <button
        type="button"
        onClick={() => {
          invite.reset();
          setOpen(true);
        }}
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
      >
        {t('inviteUser')}
      </button>
    );
  }
  const input = 'mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm';
  return (
    <form aria-label={t('inviteForm')} onSubmit={submit} noValidate className="max-w-md space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t('email')}</span>
        <input
          name="email"
          type="email"
          autoComplete="off"
          required
          dir="ltr"
          maxLength={254}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'invite-email-error' : undefined}
          className={input}
        />
      </label>
      {fieldError && (
        <p id="invite-email-error" role="alert" className="text-sm text-rose-700">
          {fieldError}
        </p>
      )}
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t('role')}</span>
        <select name="role" defaultValue="agent" className={input}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      </label>
      {mail && (
        <label className="block">
          <span className="text-sm font-medium text-slate-700">{t('emailLanguage')}</span>
          <select name="locale" defaultValue={locale} className={input}>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {l === 'ar' ? account('arabic') : account('english')}
              </option>
            ))}
          </select>
        </label>
      )}
      {invite.isError && (
        <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {errorText(invite.error)}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={invite.isPending}
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {invite.isPending ? t('creating') : t('createInvite')}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-lg border border-slate-300 px-4 py-2 text-sm">
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
