import type { TChannelType } from './channel-types';

/**
 * Replies and reactions by agents: one rule for the server (to enforce) and the browser (to offer the buttons).
 * WhatsApp lets the business quote any message of the chat (`context.message_id`) and react to a message (one
 * reaction per message, replaced by the next, removed by an empty emoji); other channels' adapters do neither yet.
 */
export const AGENT_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const;
export type TAgentReaction = (typeof AGENT_REACTIONS)[number];

export function channelAllows(channelType: TChannelType, action: 'quote' | 'react'): boolean {
  void action;
  return channelType === 'whatsapp';
}

type TTarget = { direction: string; kind: string; providerMessageId: string | null; deletedAt: Date | null };

/** A message an agent may quote: a customer's or ours that reached the provider (it has its id), not deleted. */
export function mayQuote(message: TTarget): boolean {
  return (
    (message.direction === 'in' || message.direction === 'out') &&
    message.kind !== 'event' &&
    !!message.providerMessageId &&
    !message.deletedAt
  );
}

/** A message an agent may react to: a customer's message (not a timeline line), not deleted. */
export function mayReactTo(message: TTarget): boolean {
  return message.direction === 'in' && message.kind !== 'event' && !!message.providerMessageId && !message.deletedAt;
}
