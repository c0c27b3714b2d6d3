'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { NOTIFICATION_PREFS, type TNotificationPrefs } from '@/server/domain/notification-prefs';
import { BrowserNotifications } from './browser-notifications';
import { BUTTON_CLASS } from './field';

export function NotificationsForm({ prefs }: { prefs: TNotificationPrefs }) {
  const t = useTranslations('profile');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(prefs);
  const save = useMutation(
    trpc.profile.setNotificationPrefs.mutationOptions({
      // The profile shows them; me.get carries them to the toasts (socket-provider.tsx).
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.profile.get.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() });
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(values);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <p className="text-sm text-slate-500">{t('notificationsHint')}</p>
      <fieldset className="space-y-2">
        <legend className="sr-only">{t('notifications')}</legend>
        {NOTIFICATION_PREFS.map((key) => (
          <label key={key} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name={key}
              checked={values[key]}
              onChange={(e) => {
                save.reset();
                setValues((current) => ({ ...current, [key]: e.target.checked }));
              }}
              className="size-4 rounded border-slate-300 accent-brand-600"
            />
            {t(`prefs.${key}`)}
          </label>
        ))}
      </fieldset>
      {save.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText(save.error)}
        </p>
      )}
      <BrowserNotifications />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={save.isPending} className={BUTTON_CLASS}>
          {t('saveNotifications')}
        </button>
        {save.isSuccess && (
          <span role="status" className="text-sm text-emerald-700">
            {t('saved')}
          </span>
        )}
      </div>
    </form>
  );
}
