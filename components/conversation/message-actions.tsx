'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import type { TMessage } from '@/components/trpc/types';
import { useToast } from '@/components/ui/toasts';
import { AGENT_REACTIONS, channelAllows, mayQuote, mayReactTo } from '@/server/domain/replies';
import type { TChannelType } from '@/server/domain/channel-types';
import { setReplyTarget } from './reply-target';

const targetOf = (m: TMessage) => ({
  direction: m.direction,
  kind: m.kind,
  // The server keeps provider ids to itself: `reachedProvider` says whether there is one.
  providerMessageId: m.reachedProvider ? 'yes' : null,
  deletedAt: m.deletedAt,
});

/**
 * "Reply" and "React" under a message, where its channel allows them (server/domain/replies.ts is the rule; the
 * server enforces it, and the window, again). Reacting offers WhatsApp's usual few emoji and, once reacted, removal.
 */
export function MessageActions({
  message,
  conversationId,
  channelType,
}: {
  message: TMessage;
  conversationId: string;
  channelType: TChannelType;
}) {
  const t = useTranslations('replies');
  const trpc = useTRPC();
  const toast = useToast();
  const errorText = useErrorText();
  const [picking, setPicking] = useState(false);
  const react = useMutation(
    trpc.message.react.mutationOptions({ onSuccess: () => setPicking(false), onError: (e) => toast(errorText(e)) }),
  );
  const quotable = channelAllows(channelType, 'quote') && mayQuote(targetOf(message));
  const reactable = channelAllows(channelType, 'react') && mayReactTo(targetOf(message));
  if (!quotable && !reactable) return null;
  const send = (emoji: '' | (typeof AGENT_REACTIONS)[number]) =>
    react.mutate({ messageId: message.id, emoji, clientKey: crypto.randomUUID() });
  const out = message.direction === 'out';
  return (
    <div className={`mt-0.5 flex flex-wrap items-center gap-1 text-[11px] ${out ? 'justify-end' : 'justify-start'}`}>
      {quotable && (
        <button
          type="button"
          onClick={() =>
            setReplyTarget(conversationId, { id: message.id, body: message.body, kind: message.kind, direction: out ? 'out' : 'in' })
          }
          className="rounded px-1.5 py-0.5 text-slate-600 hover:bg-slate-200"
        >
          {t('reply')}
        </button>
      )}
      {reactable && (
        <button
          type="button"
          aria-expanded={picking}
          onClick={() => setPicking((open) => !open)}
          className="rounded px-1.5 py-0.5 text-slate-600 hover:bg-slate-200"
        >
          {t('react')}
        </button>
      )}
      {reactable && picking && (
        <div role="group" aria-label={t('react')} className="flex items-center gap-0.5 rounded-full bg-white px-1 shadow-sm">
          {AGENT_REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              disabled={react.isPending}
              aria-label={t('reactWith', { emoji })}
              aria-pressed={message.agentReaction === emoji}
              onClick={() => send(emoji)}
              className={`rounded-full px-1 text-base leading-6 ${message.agentReaction === emoji ? 'bg-brand-100' : ''}`}
            >
              {emoji}
            </button>
          ))}
          {message.agentReaction && (
            <button type="button" disabled={react.isPending} onClick={() => send('')} className="px-1 text-slate-600 underline">
              {t('removeReaction')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** The agents' reaction on a customer's message, beside the customer's own (`data-reaction`). */
export function AgentReaction({ emoji }: { emoji: string }) {
  const t = useTranslations('replies');
  return (
    <span
      role="img"
      data-agent-reaction={emoji}
      aria-label={t('youReacted', { emoji })}
      title={t('youReacted', { emoji })}
      className="rounded-full border border-brand-100 bg-brand-50 px-1.5 text-sm leading-5 shadow-sm"
    >
      {emoji}
    </span>
  );
}
