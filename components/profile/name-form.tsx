'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { ZUpdateNameInput } from '@/server/domain/profile';
import { BUTTON_CLASS, Field } from './field';

export function NameForm({ name, email }: { name: string; email: string }) {
  const t = useTranslations('profile');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | undefined>();
  const save = useMutation(
    trpc.profile.updateName.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.profile.get.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.me.get.queryKey() });
      },
    }),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = ZUpdateNameInput.safeParse({ name: String(new FormData(event.currentTarget).get('name') ?? '') });
    if (!parsed.success) {
      setError(t(`errors.${parsed.error.issues[0]!.message}` as never));
      return;
    }
    setError(undefined);
    save.mutate(parsed.data);
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <Field id="profile-name" label={t('name')} name="name" defaultValue={name} autoComplete="name" error={error} />
      <div>
        <span className="text-sm font-medium text-slate-700">{t('email')}</span>
        <p dir="ltr" className="mt-1 text-start text-sm text-slate-600">
          {email}
        </p>
      </div>
      {save.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText(save.error)}
        </p>
      )}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={save.isPending} className={BUTTON_CLASS}>
          {t('saveName')}
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
