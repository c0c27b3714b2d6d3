'use client';

import { useTranslations } from 'next-intl';
import type { TChannelType } from '@/server/domain/channel-types';

/** Short marks are the channels' own abbreviations (not words), the same in every language. */
const STYLE: Record<TChannelType, { short: string; className: string }> = {
  whatsapp: { short: 'WA', className: 'bg-emerald-100 text-emerald-800' },
  messenger: { short: 'FB', className: 'bg-blue-100 text-blue-800' },
  instagram: { short: 'IG', className: 'bg-pink-100 text-pink-800' },
  viber: { short: 'VB', className: 'bg-violet-100 text-violet-800' },
  telegram: { short: 'TG', className: 'bg-sky-100 text-sky-800' },
  line: { short: 'LN', className: 'bg-lime-100 text-lime-800' },
  webchat: { short: 'WEB', className: 'bg-slate-200 text-slate-800' },
  sms: { short: 'SMS', className: 'bg-amber-100 text-amber-800' },
  email: { short: '@', className: 'bg-orange-100 text-orange-800' },
};

export function ChannelBadge({ type }: { type: TChannelType }) {
  const t = useTranslations('channels');
  const style = STYLE[type];
  return (
    <span
      title={t(type)}
      aria-label={t(type)}
      data-channel-type={type}
      dir="ltr"
      className={`inline-flex h-5 min-w-7 items-center justify-center rounded px-1 text-[10px] font-semibold ${style.className}`}
    >
      {style.short}
    </span>
  );
}
