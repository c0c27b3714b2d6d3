'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { SIMULATOR_CHANNEL_TYPES, ZAddSimulatorChannelInput } from '@/server/domain/channel-settings';
import { Field } from './field';

/** "Add simulator channel": a channel of another type, to try its window rules through the customer simulator. */
export function SimulatorForm({ onDone }: { onDone: () => void }) {
  const t = useTranslations('settingsChannels');
  const types = useTranslations('channels');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const typeId = useId();
  const [type, setType] = useState<string>('telegram');
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const add = useMutation(
    trpc.channel.addSimulator.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.channel.list.queryKey() });
        onDone();
      },
    }),
  );
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = ZAddSimulatorChannelInput.safeParse({ type, name });
    if (!parsed.success) return setNameError(t('validation.name'));
    setNameError(null);
    add.mutate(parsed.data);
  };
  return (
    <form onSubmit={submit} aria-label={t('simulatorTitle')} className="mt-4 grid max-w-xl gap-3 rounded-xl border border-slate-200 bg-white p-4" noValidate>
      <h2 className="font-semibold">{t('simulatorTitle')}</h2>
      <p className="text-sm text-slate-600">{t('simulatorHelp')}</p>
      <div className="flex flex-col gap-1">
        <label htmlFor={typeId} className="text-sm font-medium text-slate-700">
          {t('channelType')}
        </label>
        <select id={typeId} value={type} onChange={(e) => setType(e.target.value)} className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm">
          {SIMULATOR_CHANNEL_TYPES.map((value) => (
            <option key={value} value={value}>
              {types(value)}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('channelName')} value={name} onChange={setName} error={nameError} />
      {add.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText(add.error)}
        </p>
      )}
      <div className="flex gap-2">
        <button type="submit" disabled={add.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {t('addSimulatorSubmit')}
        </button>
        <button type="button" onClick={onDone} className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
