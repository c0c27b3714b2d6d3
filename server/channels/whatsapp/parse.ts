import type { TFailureData, TFailureKind } from '@/server/domain/delivery-status';
import { metaPricing, type TMetaPricing } from '@/server/domain/meta-pricing';
import { providerTime } from '@/server/domain/provider-time';
import { meaningOf, providerWords } from './graph-errors';
import { usernameOf } from '@/server/domain/search-query';
import { identityChangeOf } from './parse-identity';
import { callPermissionOf } from './parse-calls';
import { contextOf } from './parse-context';
import { mediaContentOf } from './parse-media';
import { structuredContentOf } from './parse-interactive';
import { referralOf } from './referral';
import type { TInboundMessage, TMessageChange } from '@/server/channels/inbound';
import {
  MAX_ID_LENGTH,
  ZContact,
  ZMessage,
  ZStatus,
  type TMessagesValue,
  type TWhatsAppContact,
  type TWhatsAppMessage,
  type TWhatsAppStatus,
} from './webhook-schema';

type TKind = TInboundMessage['kind'];
const MEDIA = ['image', 'video', 'audio', 'document', 'sticker'] as const;
const KNOWN: readonly string[] = ['text', ...MEDIA, 'location', 'contacts', 'interactive', 'button', 'reaction', 'unsupported'];

/** Text only: a field Meta documents as a string may arrive as anything, and is then left in the payload. */
const textOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const fieldOf = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;

/** Body text agents read for each message type; the full provider object is kept in the payload. */
function bodyOf(message: TWhatsAppMessage): string | null {
  if (message.type === 'text') return textOf(message.text?.body);
  if ((MEDIA as readonly string[]).includes(message.type)) return textOf(fieldOf(message[message.type], 'caption'));
  if (message.type === 'button') return textOf(message.button?.text);
  if (message.type === 'interactive') {
    const interactive = message.interactive;
    return textOf(fieldOf(fieldOf(interactive, 'button_reply'), 'title') ?? fieldOf(fieldOf(interactive, 'list_reply'), 'title'));
  }
  // A system notice (a changed number or user id) says what happened in Meta's own words.
  if (message.type === 'system') return textOf(fieldOf(message.system, 'body'));
  if (message.type === 'location')
    return [textOf(message.location?.name), textOf(message.location?.address)].filter(Boolean).join(', ') || null;
  return null;
}

/** An id we can key by, from an object that did not pass its schema. */
const idOf = (value: unknown): string | null => {
  const id = textOf(value);
  return id && id.length <= MAX_ID_LENGTH ? id : null;
};

export type TParsedMessages = {
  messages: TInboundMessage[];
  /** Messages with nothing to key them by (no usable id or sender): logged by the caller, acknowledged. */
  ignored: { index: number; reason: string }[];
};

/**
 * One `messages` change value → our inbound messages. Senders are keyed by BSUID (`user_id`) when present, else by
 * `wa_id`, because since 2026 `wa_id` may be empty for users with a username. Unknown types are kept as
 * "unsupported" with the raw object, never dropped; so is a message that does not match its schema (with the reason),
 * as long as it has an id and a sender. Timestamps out of sense become the receipt time (server/domain/provider-time);
 * the raw value stays in the payload.
 */
export function parseInboundMessages(channelId: string, value: TMessagesValue, receivedAt = new Date()): TParsedMessages {
  const contacts = (value.contacts ?? []).flatMap((raw) => {
    const contact = ZContact.safeParse(raw);
    return contact.success ? [contact.data] : [];
  });
  const result: TParsedMessages = { messages: [], ignored: [] };
  (value.messages ?? []).forEach((raw, index) => {
    const parsed = ZMessage.safeParse(raw);
    if (parsed.success) {
      const message = fromMessage(channelId, parsed.data, contacts, receivedAt);
      if (message.externalId || message.bsuid) result.messages.push(message);
      else result.ignored.push({ index, reason: 'no sender (neither from nor a contact)' });
      return;
    }
    const reason = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`)
      .join('; ');
    const salvaged = asUnsupported(channelId, raw, contacts, receivedAt, reason);
    if (salvaged) result.messages.push(salvaged);
    else result.ignored.push({ index, reason });
  });
  return result;
}

function senderOf(contacts: TWhatsAppContact[], from: string | null, fromUserId: string | null) {
  const contact = contacts.find((c) => (c.user_id && c.user_id === fromUserId) || (c.wa_id && c.wa_id === from)) ?? contacts[0];
  const waId = from || contact?.wa_id || null;
  return {
    externalId: waId,
    bsuid: fromUserId || contact?.user_id || null,
    profileName: contact?.profile?.name ?? null,
    username: usernameOf(contact?.profile?.username ?? '') ?? null,
    phone: waId ? `+${waId}` : null,
  };
}

/**
 * A `messages` entry that changes another message rather than being one: a reaction (`reaction.message_id`, an
 * empty or missing emoji removes it), an edit (`edit.original_message_id`, with the message as it now reads) or a
 * revoke (`revoke.original_message_id`). Null for everything else, and for a change that names no target (that one
 * is kept as unsupported, with its raw payload).
 */
function changeOf(message: TWhatsAppMessage): TMessageChange | null {
  if (message.type === 'reaction') {
    const target = idOf(message.reaction?.message_id);
    return target ? { kind: 'reaction', target, emoji: textOf(message.reaction?.emoji) } : null;
  }
  if (message.type === 'edit') {
    const target = idOf(message.edit?.original_message_id);
    const edited = message.edit?.message as TWhatsAppMessage | undefined;
    return target ? { kind: 'edit', target, body: edited && typeof edited.type === 'string' ? bodyOf(edited) : null } : null;
  }
  if (message.type === 'revoke') {
    const target = idOf(message.revoke?.original_message_id);
    return target ? { kind: 'revoke', target } : null;
  }
  return null;
}

/**
 * What a message of this type is stored as: `request_welcome` (the customer opened the chat) and `system` notices
 * are timeline lines (`event`), not messages from the customer.
 */
function kindOf(message: TWhatsAppMessage): TKind {
  if (message.type === 'request_welcome' || message.type === 'system') return 'event';
  if (message.type === 'interactive' && callPermissionOf(message.interactive)) return 'event';
  if (message.type === 'reaction') return message.reaction?.message_id ? 'reaction' : 'unsupported';
  return KNOWN.includes(message.type) ? (message.type as TKind) : 'unsupported';
}

/** What a timeline line of the customer's side is: a system notice, the chat opened, an answer about calls. */
function meaningOfEvent(message: TWhatsAppMessage): Record<string, unknown> {
  if (message.type === 'system') return { meaning: 'system' };
  const permission = message.type === 'interactive' ? callPermissionOf(message.interactive) : null;
  return permission ? { meaning: 'call_permission', callPermission: permission } : { meaning: 'chat_opened' };
}

function fromMessage(channelId: string, message: TWhatsAppMessage, contacts: TWhatsAppContact[], receivedAt: Date): TInboundMessage {
  // Flow replies and orders: their fields and items (./parse-interactive).
  const structured = structuredContentOf(message);
  const kind = structured?.kind ?? kindOf(message);
  const change = changeOf(message);
  const identity = identityChangeOf(message);
  const sender = senderOf(contacts, message.from ?? null, message.from_user_id ?? null);
  // A changed BSUID is announced under the new one: the customer is found by the one we knew.
  if (identity?.previousBsuid) sender.bsuid = identity.previousBsuid;
  const referral = kind === 'event' || change ? null : referralOf(message);
  // The file of a photo, voice note, document… (queued for download by ingest), or a location's or contacts' data.
  const media = kind === 'event' || change || structured ? null : mediaContentOf(message);
  return {
    channelId,
    ...sender,
    providerMessageId: message.id,
    // Meta's timestamp is when the customer sent it: the window runs from here, whatever the delivery delay.
    sentAt: providerTime(message.timestamp, receivedAt),
    kind,
    body: structured ? structured.body : bodyOf(message),
    payload: {
      whatsapp: message,
      ...structured?.payload,
      ...media?.payload,
      ...(kind === 'event' ? meaningOfEvent(message) : {}),
      // The message it quotes and its forwarded mark (./parse-context), resolved when the timeline is read.
      ...(kind === 'event' || change ? {} : contextOf(message)),
      // What the timeline line says, in the reader's language (the body keeps Meta's English words).
      ...(identity ? { identity: { kind: identity.kind, phone: identity.externalId ? `+${identity.externalId}` : null } } : {}),
    },
    ...(change ? { change } : {}),
    ...(identity ? { identity: { kind: identity.kind, externalId: identity.externalId, bsuid: identity.bsuid } } : {}),
    ...(referral ? { referral } : {}),
    ...(media?.media ? { media: media.media } : {}),
  };
}

/** A message that failed its schema, kept for agents and audit when it can be keyed; null when it cannot. */
function asUnsupported(
  channelId: string,
  raw: unknown,
  contacts: TWhatsAppContact[],
  receivedAt: Date,
  reason: string,
): TInboundMessage | null {
  const id = idOf(fieldOf(raw, 'id'));
  // A sender given but unusable is not replaced by the envelope's first contact: that would be someone else.
  if (['from', 'from_user_id'].some((key) => textOf(fieldOf(raw, key)) && !idOf(fieldOf(raw, key)))) return null;
  const sender = senderOf(contacts, idOf(fieldOf(raw, 'from')), idOf(fieldOf(raw, 'from_user_id')));
  if (!id || (!sender.externalId && !sender.bsuid)) return null;
  return {
    channelId,
    ...sender,
    providerMessageId: id,
    sentAt: providerTime(fieldOf(raw, 'timestamp'), receivedAt),
    kind: 'unsupported',
    body: null,
    payload: { whatsapp: raw as Record<string, unknown>, unsupported: { reason } },
  };
}

export type TWhatsAppReceipt = {
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at: Date;
  /** Meta's code (a catalog key), what the error table makes of it, and Meta's own words as data. */
  error?: { code: string; kind: TFailureKind; data: TFailureData };
  opaque?: string;
  /** Meta's pricing of the message, when this status carries it. */
  pricing?: TMetaPricing;
};

const KNOWN_STATUSES = { sent: 'sent', delivered: 'delivered', read: 'read', played: 'read', failed: 'failed' } as const;

/**
 * Delivery statuses; `played` (a voice message was played) counts as read. Unknown statuses, and statuses that do
 * not match their schema, are skipped: each is about a message of ours, and nothing can be stored for it anyway.
 */
export function parseStatuses(statuses: unknown[], receivedAt = new Date()): TWhatsAppReceipt[] {
  return (
    statuses
      .flatMap((raw) => {
        const parsed = ZStatus.safeParse(raw);
        return parsed.success && Object.hasOwn(KNOWN_STATUSES, parsed.data.status) ? [parsed.data] : [];
      })
      .map((s: TWhatsAppStatus) => {
        const error = s.errors?.[0];
        return {
          providerMessageId: s.id,
          status: KNOWN_STATUSES[s.status as keyof typeof KNOWN_STATUSES],
          at: providerTime(s.timestamp, receivedAt),
          ...(s.biz_opaque_callback_data ? { opaque: s.biz_opaque_callback_data } : {}),
          ...pricingOf(s.pricing),
          ...(s.status === 'failed' && error
            ? {
                error: {
                  code: String(error.code ?? 'UNKNOWN'),
                  kind: meaningOf(error.code ?? null, 200).retry,
                  data: providerWords(error.title, error.error_data?.details),
                },
              }
            : {}),
        };
      })
      // Out-of-order arrival is normal: apply oldest first; the status rule stops regressions anyway.
      .sort((a, b) => a.at.getTime() - b.at.getTime())
  );
}

function pricingOf(raw: unknown): { pricing?: TMetaPricing } {
  const pricing = raw === undefined ? null : metaPricing(raw);
  return pricing ? { pricing } : {};
}
