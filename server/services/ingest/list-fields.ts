import type postgres from 'postgres';
import { send } from '@/db/client';
import type { TChannelType } from '@/server/domain/channel-types';
import type { TConversationStatus } from '@/server/domain/conversation';
import { structuredPreview } from '@/server/domain/flows-orders';
import { PREVIEW_MAX } from '@/server/domain/limits';
import { ENGLISH_PREVIEW_WORDS, previewLine, previewMediaOf } from '@/server/domain/media-preview';
import { opensFirstWindow, refreshesWindow, windowDeadlines, type TInboundMeaning } from '@/server/domain/window';
import type { TInboundMessage } from '@/server/channels/inbound';
import { OPEN_FIRST_WINDOW, UPDATE_LIST_FIELDS } from './statements';
import { clipText } from '@/server/domain/well-formed-text';

/** A conversation as ingest found it, under its row lock. */
export type TLockedConversation = {
  id: string;
  workspaceId: string;
  channelId: string;
  contactId: string;
  status: TConversationStatus;
  assigneeId: string | null;
  lastInboundAt: Date | null;
  waitingSince: Date | null;
};

/** The list fields after a conversation's new messages, as if each had been applied in turn, in one UPDATE (sent now). */
export function updateListFields(
  q: postgres.Sql,
  fresh: { message: TInboundMessage; conversation: TLockedConversation }[],
  channelOf: Map<string, { type: TChannelType }>,
): Promise<unknown> {
  const byConversation = new Map<string, { conversation: TLockedConversation; items: TInboundMessage[] }>();
  // A first "opened the chat" opens the window from its own time (the earliest, should Meta send two).
  const welcomes = new Map<string, { conversation: TLockedConversation; at: Date }>();
  for (const { message, conversation } of fresh) {
    if (opensFirstWindow(inboundMeaning(message), conversation.lastInboundAt)) {
      const seen = welcomes.get(conversation.id);
      if (!seen || message.sentAt < seen.at) welcomes.set(conversation.id, { conversation, at: message.sentAt });
    }
    // Timeline lines such as "opened the chat" are stored, but are not customer messages: no window, unread or preview.
    if (!refreshesWindow(inboundMeaning(message))) continue;
    const entry = byConversation.get(conversation.id) ?? { conversation, items: [] };
    entry.items.push(message);
    byConversation.set(conversation.id, entry);
  }
  const firstWindows = [...welcomes.values()].map(({ conversation, at }) => {
    const { windowClosesAt, tagClosesAt } = windowDeadlines(channelOf.get(conversation.channelId)!.type, at);
    return {
      id: conversation.id,
      last_inbound_at: at.toISOString(),
      window_closes_at: windowClosesAt?.toISOString() ?? null,
      tag_closes_at: tagClosesAt?.toISOString() ?? null,
    };
  });
  // After the list fields: a customer message of the same batch has set the window already, and the welcome yields.
  const opening = () => (firstWindows.length ? send(q, OPEN_FIRST_WINDOW, [JSON.stringify(firstWindows)]) : Promise.resolve());
  if (byConversation.size === 0) return opening();
  const rows = [...byConversation.values()].map(({ conversation, items }) => {
    // A late delivery (Meta retries for days) must not move the window: only a newer customer message does.
    const newest = items.reduce((a, b) => (b.sentAt > a ? b.sentAt : a), items[0]!.sentAt);
    const lastInboundAt = conversation.lastInboundAt && conversation.lastInboundAt > newest ? conversation.lastInboundAt : newest;
    const { windowClosesAt, tagClosesAt } = windowDeadlines(channelOf.get(conversation.channelId)!.type, lastInboundAt);
    // The newest referral of the batch; the statement keeps it only when newer than the one stored (a late delivery
    // of an old ad click must not reopen an opportunity already answered).
    const referred = items.filter((m) => m.referral).reduce<TInboundMessage | null>((a, b) => (a && a.sentAt >= b.sentAt ? a : b), null);
    return {
      id: conversation.id,
      last_inbound_at: lastInboundAt.toISOString(),
      window_closes_at: windowClosesAt?.toISOString() ?? null,
      tag_closes_at: tagClosesAt?.toISOString() ?? null,
      waiting_since: (conversation.waitingSince ?? items[0]!.sentAt).toISOString(),
      preview_text: previewOf(items.at(-1)!),
      // A photo, voice note or document: the browser says it in the reader's language; null clears it for text.
      preview_media: previewMediaOf(fieldsOf(items.at(-1)!)),
      unread: items.length,
      referral: referred?.referral ?? null,
      referral_at: referred?.sentAt.toISOString() ?? null,
    };
  });
  return Promise.all([send(q, UPDATE_LIST_FIELDS, [JSON.stringify(rows)]), opening()]);
}

/** What an inbound item is, for the window policy (server/domain/window.ts). */
export function inboundMeaning(message: TInboundMessage): TInboundMeaning {
  if (message.change) return message.change.kind;
  if (message.echo) return 'echo';
  if (message.kind === 'event') {
    const meaning = message.payload?.meaning;
    if (meaning === 'call') return (message.payload?.call as { direction?: string } | undefined)?.direction === 'in' ? 'call' : 'system';
    // The customer answered a call permission request: their message, shown as a line.
    if (meaning === 'call_permission') return 'message';
    return meaning === 'chat_opened' ? 'chat_opened' : 'system';
  }
  return 'message';
}

const fieldsOf = (m: TInboundMessage) => ({ kind: m.kind, body: m.body, media: m.media, payload: m.payload });

export function previewOf(message: TInboundMessage): string {
  // A Flow reply or an order reads the same in every language (server/domain/flows-orders.ts).
  const structured = structuredPreview(message.payload);
  if (structured) return clipText(structured, PREVIEW_MAX);
  // Media in English words for logs and exports ("📷 Photo · caption"); the list renders preview_media instead.
  const media = previewMediaOf(fieldsOf(message));
  if (media) return clipText(previewLine(media, ENGLISH_PREVIEW_WORDS), PREVIEW_MAX);
  if (message.body) return clipText(message.body, PREVIEW_MAX);
  // A call reads the same in every language.
  if (message.payload?.meaning === 'call' || message.payload?.meaning === 'call_permission') return '📞';
  if (message.kind === 'reaction') return `Reacted ${String(message.payload?.emoji ?? '')}`.trim();
  return `[${message.kind}]`;
}
