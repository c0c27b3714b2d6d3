'use client';

import { useTranslations } from 'next-intl';
import { useFormats } from '@/components/i18n/formats';
import { ChannelBadge } from '@/components/inbox/channel-badge';
import { RelativeTime } from '@/components/inbox/relative-time';
import type { TRouterOutputs } from '@/components/trpc/types';
import { revealBidiControls } from '@/server/domain/bidi';

type TConversation = TRouterOutputs['conversation']['get'];

export function ContactPanel({ conversation, onOpen }: { conversation: TConversation; onOpen: (id: string) => void }) {
  const t = useTranslations('contact');
  const ti = useTranslations('inbox');
  const { dateTime } = useFormats();
  const { contact } = conversation;
  const fields = Object.entries(contact.fields ?? {});
  return (
    <aside
      aria-label={t('panel')}
      className="hidden w-72 shrink-0 overflow-y-auto border-s border-slate-200 bg-white p-4 text-sm 2xl:block"
    >
      <h3 className="font-semibold">{t('title')}</h3>
      <dl className="mt-2 space-y-1.5">
        <div>
          <dt className="text-xs text-slate-500">{t('name')}</dt>
          <dd dir="auto">{revealBidiControls(conversation.displayName)}</dd>
        </div>
        {contact.phone && (
          <div>
            <dt className="text-xs text-slate-500">{t('phone')}</dt>
            {/* Phone numbers read left to right with Latin digits in every language. */}
            <dd dir="ltr" className="text-start">
              {revealBidiControls(contact.phoneDisplay ?? contact.phone)}
            </dd>
          </div>
        )}
        {contact.username && (
          <div data-username={contact.username}>
            <dt className="text-xs text-slate-500">{t('username')}</dt>
            <dd dir="ltr" className="truncate text-start">
              {`@${revealBidiControls(contact.username)}`}
            </dd>
          </div>
        )}
        {contact.email && (
          <div>
            <dt className="text-xs text-slate-500">{t('email')}</dt>
            <dd dir="ltr" className="truncate text-start">
              {revealBidiControls(contact.email)}
            </dd>
          </div>
        )}
        {contact.marketingOptOutAt && (
          <div data-marketing-opt-out>
            <dt className="text-xs text-slate-500">{t('marketing')}</dt>
            <dd>{t('marketingStopped', { date: dateTime(new Date(contact.marketingOptOutAt)) })}</dd>
          </div>
        )}
        {fields.map(([key, value]) => (
          <div key={key}>
            <dt className="text-xs text-slate-500">{revealBidiControls(key)}</dt>
            <dd dir="auto">{revealBidiControls(String(value))}</dd>
          </div>
        ))}
      </dl>
      {contact.tags.length > 0 && (
        <ul aria-label={t('tags')} className="mt-3 flex flex-wrap gap-1">
          {contact.tags.map((tag) => (
            <li key={tag} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
              {revealBidiControls(tag)}
            </li>
          ))}
        </ul>
      )}
      <h3 className="mt-5 font-semibold">{t('previous')}</h3>
      {conversation.previous.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">{t('none')}</p>
      ) : (
        <ul aria-label={t('previous')} className="mt-2 space-y-2">
          {conversation.previous.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => onOpen(p.id)}
                className="w-full rounded-lg border border-slate-200 p-2 text-start hover:bg-slate-50"
              >
                <div className="flex items-center justify-between gap-2">
                  <ChannelBadge type={p.channelType} />
                  <span className="text-xs text-slate-500">{ti(p.status)}</span>
                  <RelativeTime date={p.lastMessageAt} />
                </div>
                <p dir="auto" className="mt-1 truncate text-xs text-slate-600">
                  {revealBidiControls(p.previewText)}
                </p>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
