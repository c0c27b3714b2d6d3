'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { MEDIA_KINDS, type TMediaKind } from '@/server/domain/media-rules';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';

const INPUT = 'mt-1 block rounded border border-slate-300 px-2 py-1.5';

/** A form control with its visible label (the label names the control for assistive technology too). */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="block text-sm">
      <span className="text-slate-600">{label}</span>
      {children}
    </label>
  );
}

/**
 * Play a customer on any channel: on a WhatsApp number the message becomes a signed Cloud API webhook and takes the
 * real ingest path; elsewhere it goes through the simulator adapter into the same ingest.
 */
export function SimulatorScreen() {
  const t = useTranslations('simulator');
  const tc = useTranslations('channels');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const channels = useQuery(trpc.simulator.channels.queryOptions());
  const [channelId, setChannelId] = useState('');
  const [from, setFrom] = useState('+966551234567');
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [minutesAgo, setMinutesAgo] = useState(0);
  const [adHeadline, setAdHeadline] = useState('');
  const [media, setMedia] = useState<TMediaKind | ''>('');
  const kinds = useTranslations('media.kind');
  const send = useMutation(trpc.simulator.inbound.mutationOptions({ onSuccess: () => setText('') }));
  const selected = channelId || channels.data?.[0]?.id || '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate({
      channelId: selected,
      from,
      name: name || undefined,
      text,
      sentSecondsAgo: minutesAgo * 60,
      adHeadline: adHeadline.trim() || undefined,
      media: media || undefined,
    });
  };

  return (
    <main className="mx-auto max-w-xl p-6">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">{t('title')}</h1>
        <Link href="/inbox" className="text-sm text-brand-700 underline">
          {t('back')}
        </Link>
      </div>
      <p className="mt-1 text-sm text-slate-500">{t('intro')}</p>
      <form onSubmit={submit} className="mt-4 space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <Field label={t('channel')}>
          <select value={selected} onChange={(e) => setChannelId(e.target.value)} className={`${INPUT} w-full`}>
            {channels.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({tc(c.type)})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('from')}>
          <input dir="ltr" value={from} onChange={(e) => setFrom(e.target.value)} required className={`${INPUT} w-full`} />
        </Field>
        <Field label={t('name')}>
          <input dir="auto" value={name} onChange={(e) => setName(e.target.value)} className={`${INPUT} w-full`} />
        </Field>
        <Field label={t('text')}>
          <textarea dir="auto" value={text} onChange={(e) => setText(e.target.value)} required rows={3} className={`${INPUT} w-full`} />
        </Field>
        <Field label={t('minutesAgo')}>
          <input
            type="number"
            min={0}
            max={43200}
            value={minutesAgo}
            onChange={(e) => setMinutesAgo(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
            className={`${INPUT} w-32`}
          />
        </Field>
        <Field label={t('mediaKind')}>
          <select value={media} onChange={(e) => setMedia(e.target.value as TMediaKind | '')} className={`${INPUT} w-full`}>
            <option value="">{t('mediaNone')}</option>
            {MEDIA_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kinds(kind)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('adHeadline')}>
          <input dir="auto" value={adHeadline} onChange={(e) => setAdHeadline(e.target.value)} maxLength={200} className={`${INPUT} w-full`} />
        </Field>
        <button
          type="submit"
          disabled={send.isPending || !selected}
          className="rounded bg-brand-600 px-4 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        >
          {t('send')}
        </button>
        {send.isError && (
          <p role="alert" className="text-sm text-rose-700">
            {errorText(send.error)}
          </p>
        )}
        {send.isSuccess && (
          <p role="status" className="text-sm text-emerald-700">
            {t('delivered')}{' '}
            <Link href={`/inbox?view=all&status=open&c=${send.data.conversationId}`} className="underline">
              {t('open')}
            </Link>
          </p>
        )}
      </form>
    </main>
  );
}
