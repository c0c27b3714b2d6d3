'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { ChannelRow } from './channel-row';
import { ConnectForm } from './connect-form';
import { SimulatorForm } from './simulator-form';

/** Settings → Channels: the workspace's channels, connecting a WhatsApp number, and simulator channels. */
export function ChannelsScreen() {
  const t = useTranslations('settingsChannels');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const list = useQuery(trpc.channel.list.queryOptions());
  const [open, setOpen] = useState<'connect' | 'simulator' | null>(null);
  const [connected, setConnected] = useState<string | null>(null);
  // The webhook URL Meta must call: the configured public URL, else the origin this page was reached on.
  // (Rows render only once the list has loaded, in the browser: never on the server, so no hydration mismatch.)
  const origin = typeof window === 'undefined' ? '' : window.location.origin;
  const baseUrl = list.data?.publicBaseUrl ?? origin;

  return (
    <section aria-labelledby="settings-channels-title" className="max-w-4xl">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="settings-channels-title" className="text-xl font-semibold">
          {t('title')}
        </h2>
        <div className="flex gap-2">
          <button type="button" onClick={() => setOpen('connect')} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">
            {t('connectWhatsApp')}
          </button>
          <button type="button" onClick={() => setOpen('simulator')} className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
            {t('addSimulator')}
          </button>
        </div>
      </div>
      {open === 'connect' && (
        <ConnectForm
          onCancel={() => setOpen(null)}
          onConnected={(id) => {
            setConnected(id);
            setOpen(null);
          }}
        />
      )}
      {open === 'simulator' && <SimulatorForm onDone={() => setOpen(null)} />}
      {connected && (
        <p role="status" className="mt-4 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-800">
          {t('connectedNotice')}
        </p>
      )}
      {list.isError && (
        <p role="alert" className="mt-4 text-sm text-rose-700">
          {errorText(list.error)}
        </p>
      )}
      {list.data?.channels.length === 0 && <p className="mt-4 text-sm text-slate-500">{t('none')}</p>}
      <ul className="mt-4 grid gap-4">
        {list.data?.channels.map((channel) => (
          <ChannelRow key={channel.id} channel={channel} teams={list.data.teams} baseUrl={baseUrl} justConnected={channel.id === connected} />
        ))}
      </ul>
    </section>
  );
}
