'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { Composer } from '@/components/composer/composer';
import { QualityBadge } from '@/components/admin/quality-badge';
import { ChannelBadge } from '@/components/inbox/channel-badge';
import { WindowChip } from '@/components/window/window-chip';
import { useTRPC } from '@/components/trpc/client';
import { ContactPanel, useContactPanel } from './contact-panel';
import { ConversationActions } from './conversation-actions';
import { MessageLog } from './message-log';
import { ReferralCard } from './referral-card';
import { UnreachableNotice } from './unreachable-notice';
import { revealBidiControls } from '@/server/domain/bidi';

export function ConversationPane({
  conversationId,
  me,
  onOpen,
  onBack,
}: {
  conversationId: string;
  me: { id: string } | undefined;
  onOpen: (id: string) => void;
  /** Back to the list (phones, where the list and the conversation are one pane at a time). */
  onBack: () => void;
}) {
  const userId = me?.id;
  const t = useTranslations('conversation');
  const channelsText = useTranslations('settingsChannels');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const conversation = useQuery(trpc.conversation.get.queryOptions({ id: conversationId }));
  const queryClient = useQueryClient();
  const markRead = useMutation(
    trpc.conversation.markRead.mutationOptions({
      // The tab title's total and the Mentions link count what was unread; a read mention leaves the Mentions list bold no more.
      onSuccess: (result) => {
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.unreadSummary.queryKey() });
        if (result.mentionRead)
          void queryClient.invalidateQueries({
            queryKey: trpc.conversation.list.pathKey(),
            predicate: (query) => (query.queryKey[1] as { input?: { view?: string } } | undefined)?.input?.view === 'mentions',
          });
      },
    }),
  );
  const contactText = useTranslations('contact');
  const layoutText = useTranslations('layout');
  const contact = useContactPanel();
  const data = conversation.data;
  // Unread for me: customer messages in my conversation, or a note that mentioned me here.
  const mineAndUnread = !!data && ((data.assigneeId === userId && data.unreadCount > 0) || data.mentionUnread);

  useEffect(() => {
    if (mineAndUnread) markRead.mutate({ id: conversationId });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per opening with unread messages
  }, [conversationId, mineAndUnread]);

  const back = (
    <button
      type="button"
      onClick={onBack}
      className="flex items-center gap-1 rounded-lg px-2 py-1 text-sm font-medium text-brand-700 hover:bg-slate-100 md:hidden"
    >
      <span aria-hidden="true" className="rtl:-scale-x-100">
        {'\u2190'}
      </span>
      {layoutText('back')}
    </button>
  );
  if (conversation.isPending)
    return <section className="flex flex-1 items-center justify-center text-sm text-slate-500">{t('loading')}</section>;
  if (conversation.isError || !data) {
    return (
      <section className="flex flex-1 flex-col items-center justify-center gap-3 p-6">
        {back}
        <p role="alert" className="text-sm text-rose-700">
          {conversation.error ? errorText(conversation.error) : t('unavailable')}
        </p>
      </section>
    );
  }

  return (
    <div className="flex min-w-0 flex-1">
      {/* On a phone the contact takes the whole screen: the conversation waits behind it. */}
      <section aria-label={t('region')} className={`${contact.open ? 'hidden md:flex' : 'flex'} min-w-0 flex-1 flex-col`}>
        <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-3 py-2 md:px-4 md:py-3">
          <div className="w-full md:hidden">{back}</div>
          <ChannelBadge type={data.channelType} />
          <div className="min-w-40 flex-1">
            <h2 dir="auto" className="truncate text-base font-semibold">
              {revealBidiControls(data.displayName)}
            </h2>
            <p className="flex items-center gap-1.5 truncate text-xs text-slate-500">
              <span className="truncate">
                {data.channelName}
                {data.teamName ? ` · ${data.teamName}` : ''}
              </span>
              {data.numberQuality && <QualityBadge rating={data.numberQuality} compact />}
            </p>
          </div>
          <WindowChip channelType={data.channelType} lastInboundAt={data.lastInboundAt} freeEntryUntil={data.freeEntryUntil} />
          <div className="text-end text-xs">
            <div
              data-testid="conversation-status"
              className={`font-medium ${data.status === 'open' ? 'text-emerald-700' : 'text-slate-500'}`}
            >
              {t(data.status)}
            </div>
            <div className="text-slate-600">
              {t('assigneeLabel', { name: '' })}
              <span data-testid="conversation-assignee">{data.assigneeName ?? t('unassigned')}</span>
            </div>
          </div>
          <button
            type="button"
            aria-expanded={contact.open}
            aria-controls="contact-panel"
            onClick={contact.toggle}
            className={`rounded-md border px-2 py-1 text-xs ${contact.open ? 'border-brand-600 bg-brand-50 text-brand-700' : 'border-slate-300 text-slate-700 hover:bg-slate-50'}`}
          >
            {contactText('details')}
          </button>
          {me && (
            <div className="w-full">
              <ConversationActions conversation={data} me={me} />
            </div>
          )}
        </header>
        {data.referral && <ReferralCard referral={data.referral} />}
        <MessageLog conversationId={conversationId} />
        <UnreachableNotice contact={data.contact} />
        <div className="border-t border-slate-200 bg-white">
          {data.channelStatus === 'disconnected' ? (
            <p role="note" data-channel-disconnected className="p-3 text-sm text-slate-600">
              {channelsText('composerDisconnected', { channel: data.channelName })}
            </p>
          ) : (
            <Composer
              conversationId={conversationId}
              channelType={data.channelType}
              lastInboundAt={data.lastInboundAt}
              contact={data.contact}
              freeEntryUntil={data.freeEntryUntil}
            />
          )}
        </div>
      </section>
      {contact.open && <ContactPanel conversation={data} onOpen={onOpen} onClose={contact.close} />}
    </div>
  );
}
