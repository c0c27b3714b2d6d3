'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { ZConnectWhatsAppInput } from '@/server/domain/channel-settings';
import { Field } from './field';

type TFields = 'phoneNumberId' | 'wabaId' | 'accessToken' | 'appSecret';
const EMPTY: Record<TFields, string> = { phoneNumberId: '', wabaId: '', accessToken: '', appSecret: '' };

/**
 * "Connect WhatsApp number": checked here with the server's own schema, then "Test and connect" asks the server,
 * which tries the credentials against Meta before storing anything. The secrets leave this form once, and the
 * fields are emptied as soon as the number is connected.
 */
export function ConnectForm({ onConnected, onCancel }: { onConnected: (channelId: string) => void; onCancel: () => void }) {
  const t = useTranslations('settingsChannels');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<TFields, string>>>({});
  const connect = useMutation(
    trpc.channel.connectWhatsApp.mutationOptions({
      onSuccess: async (result) => {
        setValues(EMPTY);
        await queryClient.invalidateQueries({ queryKey: trpc.channel.list.queryKey() });
        onConnected(result.channelId);
      },
    }),
  );
  const set = (field: TFields) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = ZConnectWhatsAppInput.safeParse(values);
    if (!parsed.success) {
      const found: Partial<Record<TFields, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as TFields;
        found[field] ??= t(`validation.${field}`);
      }
      setErrors(found);
      return;
    }
    setErrors({});
    connect.mutate(parsed.data);
  };
  return (
    <form onSubmit={submit} aria-label={t('connectTitle')} className="mt-4 grid max-w-xl gap-3 rounded-xl border border-slate-200 bg-white p-4" noValidate>
      <h2 className="font-semibold">{t('connectTitle')}</h2>
      <p className="text-sm text-slate-600">{t('connectHelp')}</p>
      <Field label={t('phoneNumberId')} value={values.phoneNumberId} onChange={set('phoneNumberId')} error={errors.phoneNumberId} />
      <Field label={t('wabaId')} value={values.wabaId} onChange={set('wabaId')} error={errors.wabaId} />
      <Field label={t('accessToken')} value={values.accessToken} onChange={set('accessToken')} error={errors.accessToken} />
      <Field label={t('appSecret')} value={values.appSecret} onChange={set('appSecret')} error={errors.appSecret} />
      {connect.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText(connect.error)}
        </p>
      )}
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={connect.isPending}
          className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
        >
          {connect.isPending ? t('testing') : t('testAndConnect')}
        </button>
        <button type="button" onClick={onCancel} className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
