import type { TChannelType } from '@/server/domain/channel-types';

const STYLE: Record<TChannelType, { label: string; short: string; className: string }> = {
  whatsapp: { label: 'WhatsApp', short: 'WA', className: 'bg-emerald-100 text-emerald-800' },
  messenger: { label: 'Messenger', short: 'FB', className: 'bg-blue-100 text-blue-800' },
  instagram: { label: 'Instagram', short: 'IG', className: 'bg-pink-100 text-pink-800' },
  viber: { label: 'Viber', short: 'VB', className: 'bg-violet-100 text-violet-800' },
  telegram: { label: 'Telegram', short: 'TG', className: 'bg-sky-100 text-sky-800' },
  line: { label: 'LINE', short: 'LN', className: 'bg-lime-100 text-lime-800' },
  webchat: { label: 'Web chat', short: 'WEB', className: 'bg-slate-200 text-slate-800' },
  sms: { label: 'SMS', short: 'SMS', className: 'bg-amber-100 text-amber-800' },
  email: { label: 'Email', short: '@', className: 'bg-orange-100 text-orange-800' },
};

export function ChannelBadge({ type }: { type: TChannelType }) {
  const style = STYLE[type];
  return (
    <span
      title={style.label}
      aria-label={style.label}
      data-channel-type={type}
      className={`inline-flex h-5 min-w-7 items-center justify-center rounded px-1 text-[10px] font-semibold ${style.className}`}
    >
      {style.short}
    </span>
  );
}
