'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useFormats } from '@/components/i18n/formats';
import { ChannelBadge } from '@/components/inbox/channel-badge';
import { RelativeTime } from '@/components/inbox/relative-time';
import type { TRouterOutputs } from '@/components/trpc/types';
import { useMediaQuery, WIDE_MIN } from '@/components/ui/use-media-query';
import { revealBidiControls } from '@/server/domain/bidi';
import { ContactForm } from './contact-form';
import { ContactTags } from './contact-tags';

type TConversation = TRouterOutputs['conversation']['get'];

/**
 * Whether the contact panel shows: open by default where it fits beside the conversation (≥ 1536 px, as it always
 * was), closed elsewhere, and "Contact details" toggles it at every width.
 */
export function useContactPanel() {
  const wide = useMediaQuery(WIDE_MIN);
  const [choice, setChoice] = useState<boolean | null>(null);
  const open = choice ?? wide;
  return { open, toggle: () => setChoice(!open), close: () => setChoice(false) };
}

/**
 * The customer's card: editable details, tags and their other conversations. A column beside the conversation on
 * desktops, a drawer over it on tablets, the whole screen on phones (with its way back).
 */
export function ContactPanel({
  conversation,
  onOpen,
  onClose,
}: {
  conversation: TConversation;
  onOpen: (id: string) => void;
  onClose: () => void;
}) {
  const t = useTranslations('contact');
  const ti = useTranslations('inbox');
  const { dateTime } = useFormats();
  const { contact } = conversation;
  return (
    <aside
      id="contact-panel"
      aria-label={t('panel')}
      className="flex w-full min-w-0 flex-col gap-4 overflow-y-auto bg-white p-4 text-sm md:fixed md:inset-y-0 md:end-0 md:z-30 md:w-80 md:border-s md:border-slate-200 md:shadow-xl xl:static xl:z-auto xl:w-72 xl:shrink-0 xl:shadow-none"
    >
      <div className="flex items-center justify-between gap-2">
        <h3 className="font-semibold">{t('title')}</h3>
        <button
          type="button"
          onClick={onClose}
          className="flex items-center gap-1 rounded-lg px-2 py-1 text-sm font-medium text-brand-700 hover:bg-slate-100 xl:hidden"
        >
          <span aria-hidden="true" className="rtl:-scale-x-100">
            {'\u2190'}
          </span>
          {t('backToConversation')}
        </button>
      </div>
      <ContactForm conversationId={conversation.id} contact={contact} />
      {(contact.username || contact.marketingOptOutAt) && (
        <dl className="space-y-1.5">
          {contact.username && (
            <div data-username={contact.username}>
              <dt className="text-xs text-slate-600">{t('username')}</dt>
              <dd dir="ltr" className="truncate text-start">
                {`@${revealBidiControls(contact.username)}`}
              </dd>
            </div>
          )}
          {contact.marketingOptOutAt && (
            <div data-marketing-opt-out>
              <dt className="text-xs text-slate-600">{t('marketing')}</dt>
              <dd>{t('marketingStopped', { date: dateTime(new Date(contact.marketingOptOutAt)) })}</dd>
            </div>
          )}
        </dl>
      )}
      <ContactTags conversationId={conversation.id} tags={contact.tags} />
      {/* A plain block, not a named region: "Conversation" is the pane's region name, and names match by substring. */}
      <div>
        <h3 className="font-semibold">{t('previous')}</h3>
        {conversation.previous.length === 0 ? (
          <p className="mt-1 text-xs text-slate-600">{t('none')}</p>
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
                    <span className="text-xs text-slate-600">{ti(p.status)}</span>
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
      </div>
    </aside>
  );
}
