import type { TInboundMessage } from '@/server/services/ingest';
import type { TMessagesValue, TWhatsAppMessage, TWhatsAppStatus } from './webhook-schema';

type TKind = TInboundMessage['kind'];
const MEDIA = ['image', 'video', 'audio', 'document', 'sticker'] as const;
const KNOWN: readonly string[] = ['text', ...MEDIA, 'location', 'contacts', 'interactive', 'button', 'reaction', 'unsupported'];

/** Body text agents read for each message type; the full provider object is kept in the payload. */
function bodyOf(message: TWhatsAppMessage): string | null {
  const m = message as Record<string, unknown>;
  if (message.type === 'text') return message.text?.body ?? null;
  if ((MEDIA as readonly string[]).includes(message.type))
    return ((m[message.type] as { caption?: string } | undefined)?.caption ?? null) || null;
  if (message.type === 'button') return message.button?.text ?? null;
  if (message.type === 'interactive') {
    const interactive = message.interactive as Record<string, { title?: string } | string | undefined> | undefined;
    const reply = interactive?.button_reply ?? interactive?.list_reply;
    return typeof reply === 'object' ? (reply.title ?? null) : null;
  }
  if (message.type === 'location') return [message.location?.name, message.location?.address].filter(Boolean).join(', ') || null;
  return null;
}

/**
 * One `messages` change value → our inbound messages. Senders are keyed by BSUID (`user_id`) when present, else by
 * `wa_id`, because since 2026 `wa_id` may be empty for users with a username. Unknown types are kept as
 * "unsupported" with the raw object, never dropped.
 */
export function parseInboundMessages(channelId: string, value: TMessagesValue): TInboundMessage[] {
  const contacts = value.contacts ?? [];
  return (value.messages ?? []).map((message) => {
    const contact =
      contacts.find((c) => (c.user_id && c.user_id === message.from_user_id) || (c.wa_id && c.wa_id === message.from)) ?? contacts[0];
    const waId = message.from || contact?.wa_id || null;
    const bsuid = message.from_user_id || contact?.user_id || null;
    const kind: TKind = KNOWN.includes(message.type) ? (message.type as TKind) : 'unsupported';
    return {
      channelId,
      externalId: waId || null,
      bsuid,
      profileName: contact?.profile?.name ?? null,
      phone: waId ? `+${waId}` : null,
      providerMessageId: message.id,
      // Meta's timestamp is when the customer sent it: the window runs from here, whatever the delivery delay.
      sentAt: new Date(Number(message.timestamp) * 1000),
      kind,
      body: bodyOf(message),
      payload: { whatsapp: message, ...(message.type === 'reaction' ? { emoji: message.reaction?.emoji ?? '' } : {}) },
    };
  });
}

export type TWhatsAppReceipt = {
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: Date;
  error?: { code: string; reason: string };
  opaque?: string;
};

/** Delivery statuses; `played` (a voice message was played) counts as read. Unknown statuses are skipped. */
export function parseStatuses(statuses: TWhatsAppStatus[]): TWhatsAppReceipt[] {
  const known = { sent: 'sent', delivered: 'delivered', read: 'read', played: 'read', failed: 'failed' } as const;
  return (
    statuses
      .filter((s): s is TWhatsAppStatus & { status: keyof typeof known } => s.status in known)
      .map((s) => {
        const error = s.errors?.[0];
        return {
          providerMessageId: s.id,
          status: known[s.status],
          at: new Date(Number(s.timestamp) * 1000),
          ...(s.biz_opaque_callback_data ? { opaque: s.biz_opaque_callback_data } : {}),
          ...(s.status === 'failed' && error
            ? { error: { code: String(error.code ?? 'UNKNOWN'), reason: error.error_data?.details ?? error.title ?? 'Delivery failed' } }
            : {}),
        };
      })
      // Out-of-order arrival is normal: apply oldest first; the status rule stops regressions anyway.
      .sort((a, b) => a.at.getTime() - b.at.getTime())
  );
}
