'use client';

import { isMediaFileKind, isMediaKind } from '@/server/domain/media-rules';
import { OutboundMedia } from './outbound-media';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { CallLine } from './call-line';
import { AgentReaction, MessageActions } from './message-actions';
import { ForwardedMark, MessageQuote } from './message-quote';
import type { TChannelType } from '@/server/domain/channel-types';
import { MessageContent } from './message-content';
import { useErrorText, useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import type { TMessage } from '@/components/trpc/types';
import { useToast } from '@/components/ui/toasts';
import { revealBidiControls } from '@/server/domain/bidi';
import { mayRetry } from '@/server/domain/delivery-status';
import { failureReason } from '@/server/i18n/delivery-errors';
import { isTimelineEvent, timelineLine } from '@/server/i18n/timeline';
import type { TTranslate } from '@/server/i18n/translate';

const STATUS_TICKS = { queued: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠' } as const;
/** A lifecycle line in the reader's language from its stored parameters; the stored English text otherwise. */
function useTimelineText() {
  const t = useTranslations('timeline') as unknown as TTranslate;
  return (message: TMessage) => {
    const payload = message.payload as { event?: string; params?: Record<string, string> } | null;
    const event = payload?.event;
    if (!isTimelineEvent(event) || !payload?.params) return revealBidiControls(message.body ?? '');
    // Names and close notes are people's text: revealed before they go into the translated sentence.
    const revealed = Object.fromEntries(Object.entries(payload.params).map(([key, value]) => [key, revealBidiControls(String(value))]));
    return timelineLine(t, event, revealed);
  };
}

/** Why a message was not delivered, in the reader's language, from its stored code and data. */
function useFailureText() {
  const t = useTranslations('deliveryErrors') as unknown as TTranslate;
  return (message: TMessage) => {
    if (message.errorCode === null && !message.errorData) return null;
    const data = message.errorData;
    // Meta's own words are text from outside: revealed like any other.
    const shown = data && {
      ...data,
      ...(data.title ? { title: revealBidiControls(data.title) } : {}),
      ...(data.details ? { details: revealBidiControls(data.details) } : {}),
    };
    return failureReason(t, message.errorCode, shown);
  };
}

export function MessageItem({
  message,
  channelNotAnswering = false,
  actions,
}: {
  message: TMessage;
  channelNotAnswering?: boolean;
  /** The conversation's, to offer "Reply" and "React" where its channel allows them (unknown: neither). */
  actions?: { conversationId: string; channelType: TChannelType };
}) {
  const t = useTranslations('conversation');
  const meanings = useTranslations('messageMeanings');
  const timelineText = useTimelineText();
  const failureText = useFailureText();
  const { time, dateTime } = useFormats();
  if (message.direction === 'system') {
    return (
      <li data-direction="system" data-message-id={message.id} className="my-2 text-center text-xs text-slate-500">
        <span dir="auto">{timelineText(message)}</span> · {time(message.createdAt)}
      </li>
    );
  }
  if (message.kind === 'event' && (message.payload as { meaning?: string } | null)?.meaning === 'chat_opened') {
    // WhatsApp's request_welcome: the customer opened the chat; a line of the timeline, not a message from them.
    return (
      <li
        data-direction="system"
        data-message-id={message.id}
        data-meaning="chat_opened"
        className="my-2 text-center text-xs text-slate-500"
      >
        <span>{meanings('chatOpened')}</span> · {time(message.sentAt ?? message.createdAt)}
      </li>
    );
  }
  const meaning = (message.payload as { meaning?: string } | null)?.meaning;
  if (message.kind === 'event' && (meaning === 'call' || meaning === 'call_permission')) return <CallLine message={message} />;
  const identity = (message.payload as { identity?: { kind: 'number' | 'user_id'; phone: string | null } } | null)?.identity;
  if (message.kind === 'event' && message.direction === 'in' && identity) {
    // The customer's number or account id changed: said in the reader's language; the contact now has the new keys.
    return (
      <li data-direction="system" data-message-id={message.id} data-meaning="identity" className="my-2 text-center text-xs text-slate-500">
        <span>
          {/* The number isolated (FSI…PDI), so "+966…" reads left to right inside an Arabic sentence. */}
          {identity.kind === 'number' && identity.phone
            ? meanings('numberChanged', { phone: `\u2068${identity.phone}\u2069` })
            : meanings('userIdChanged')}
        </span>{' '}
        · {time(message.sentAt ?? message.createdAt)}
      </li>
    );
  }
  if (message.kind === 'event' && message.direction === 'in') {
    // Any other system notice from the provider: a line of the timeline in the provider's words.
    return (
      <li data-direction="system" data-message-id={message.id} data-meaning="system" className="my-2 text-center text-xs text-slate-500">
        <span dir="auto">{revealBidiControls(message.body) ?? `[${message.kind}]`}</span> · {time(message.sentAt ?? message.createdAt)}
      </li>
    );
  }
  const out = message.direction === 'out';
  const note = message.direction === 'note';
  const deleted = message.deletedAt !== null;
  // Sent by the business from the WhatsApp Business app on its phone (a coexistence echo), not from the inbox.
  const fromPhone = out && (message.payload as { sentFrom?: string } | null)?.sentFrom === 'phone';
  const whyNotDelivered = out && message.status === 'failed' ? failureText(message) : null;
  return (
    <li
      data-direction={message.direction}
      data-message-id={message.id}
      data-status={out ? (message.status ?? undefined) : undefined}
      data-media-kind={isMediaKind(message.kind) ? message.kind : undefined}
      // Focusable, so that following a quote to its original lands there for keyboards and screen readers too.
      tabIndex={-1}
      data-sent-from={fromPhone ? 'phone' : undefined}
      className={`my-1.5 flex flex-col ${out || note ? 'items-end' : 'items-start'}`}
    >
      <div
        className={`max-w-[75%] rounded-2xl px-3 py-2 text-sm shadow-sm ${note ? 'border border-amber-200 bg-amber-50' : out ? 'bg-brand-600 text-white' : 'bg-white text-slate-900'}`}
      >
        {note && (
          <div className="mb-0.5 text-[11px] font-medium text-amber-800">
            {t('internalNote', { name: revealBidiControls(message.authorName ?? '') })}
          </div>
        )}
        {message.kind === 'template' && (
          <div className={`mb-0.5 text-[11px] ${out ? 'text-brand-100' : 'text-slate-500'}`}>
            {t('template', { name: revealBidiControls(message.templateName ?? '') })}
          </div>
        )}
        {message.forwarded && !deleted && <ForwardedMark forwarded={message.forwarded} out={out} />}
        {message.quote && !deleted && <MessageQuote quote={message.quote} out={out} />}
        {deleted ? (
          <DeletedBody
            original={message.deletedBody}
            deletedLabel={meanings('deleted')}
            byCustomerLabel={meanings(out ? 'deletedFromPhone' : 'deletedByCustomer')}
          />
        ) : out && isMediaFileKind(message.kind) ? (
          <OutboundMedia id={message.id} kind={message.kind} fileName={message.mediaFileName ?? null} caption={message.body} />
        ) : (
          <MessageContent message={message} />
        )}
        <div className={`mt-1 flex items-center justify-end gap-1 text-[11px] ${out ? 'text-brand-100' : 'text-slate-500'}`}>
          {out && message.authorName && <span>{revealBidiControls(message.authorName)} ·</span>}
          {fromPhone && <span data-testid="sent-from-phone">{meanings('sentFromPhone')} ·</span>}
          {message.editedAt && !deleted && <span data-testid="edited-mark">{meanings('edited')} ·</span>}
          {/* The full date on hover: an older message's day is not always the separator's above it on screen. */}
          <time dateTime={(message.sentAt ?? message.createdAt).toISOString()} title={dateTime(message.sentAt ?? message.createdAt)}>
            {time(message.sentAt ?? message.createdAt)}
          </time>
          {out && message.status && (
            <span
              aria-label={t(`status.${message.status}`)}
              title={t(`status.${message.status}`)}
              dir="ltr"
              // Read in WhatsApp's blue, as customers know it; sent and delivered stay muted.
              className={message.status === 'read' ? 'font-bold text-sky-300' : 'opacity-80'}
            >
              {STATUS_TICKS[message.status]}
            </span>
          )}
        </div>
        {out && message.status === 'queued' && channelNotAnswering && (
          <div role="status" data-testid="not-answering" className="mt-1 rounded bg-amber-100 px-2 py-1 text-xs text-amber-900">
            {t('notAnswering')}
          </div>
        )}
        {out && message.status === 'failed' && (
          <div role="note" className="mt-1 flex items-center gap-2 rounded bg-rose-100 px-2 py-1 text-xs text-rose-800">
            <span dir="auto">{whyNotDelivered ? t('notDeliveredBecause', { reason: whyNotDelivered }) : t('notDelivered')}</span>
            {mayRetry(message) && <RetryButton messageId={message.id} label={t('retry')} />}
          </div>
        )}
        {(message.customerReaction || message.agentReaction) && (
          <div className={`-mb-3 mt-0.5 flex gap-1 ${out || note ? 'justify-start' : 'justify-end'}`}>
            {message.agentReaction && <AgentReaction emoji={message.agentReaction} />}
            {message.customerReaction && (
              <span
                role="img"
                data-testid="customer-reaction"
                data-reaction={message.customerReaction}
                aria-label={meanings('customerReacted', { emoji: message.customerReaction })}
                title={meanings('customerReacted', { emoji: message.customerReaction })}
                className="rounded-full border border-slate-200 bg-white px-1.5 text-sm leading-5 shadow-sm"
              >
                {message.customerReaction}
              </span>
            )}
          </div>
        )}
      </div>
      {actions && !note && <MessageActions message={message} {...actions} />}
    </li>
  );
}

/**
 * A message the customer deleted for everyone: agents and supervisors read only that it was deleted (the server
 * never sends them its text); admins, who keep the audit, read the original with the mark.
 */
function DeletedBody({
  original,
  deletedLabel,
  byCustomerLabel,
}: {
  original: string | null;
  deletedLabel: string;
  byCustomerLabel: string;
}) {
  if (original === null) {
    return (
      <p data-testid="deleted-message" className="italic text-slate-500">
        {deletedLabel}
      </p>
    );
  }
  return (
    <div data-testid="deleted-message">
      <p className="text-[11px] font-medium italic text-rose-700">{byCustomerLabel}</p>
      <p dir="auto" className="whitespace-pre-wrap break-words text-slate-500 line-through">
        {revealBidiControls(original)}
      </p>
    </div>
  );
}

function RetryButton({ messageId, label }: { messageId: number; label: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const errorText = useErrorText();
  const retry = useMutation(trpc.message.retry.mutationOptions({ onError: (e) => toast(errorText(e)) }));
  return (
    <button
      type="button"
      disabled={retry.isPending}
      onClick={() => retry.mutate({ messageId })}
      className="rounded border border-rose-300 bg-white px-1.5 py-0.5 font-medium text-rose-800"
    >
      {label}
    </button>
  );
}
