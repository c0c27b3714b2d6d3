import { z } from 'zod';
import type { TInboundMessage } from '@/server/channels/inbound';
import { parseInboundMessages, type TParsedMessages } from './parse';

/**
 * The `smb_message_echoes` change value (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/
 * reference/smb_message_echoes, Apr 2026): messages a coexistence number's business sent from the WhatsApp Business
 * app or a linked device, `message_echoes[]` with `from` (the business number), `to` (the customer), `id`,
 * `timestamp`, `type` and the content object named by the type, as in a message; since 2026 `to_user_id` (the
 * customer's BSUID) too, and `edit` / `revoke` echoes of the business's own earlier messages.
 */
export const ZEchoesValue = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
  contacts: z.array(z.unknown()).optional().catch(undefined),
  message_echoes: z.array(z.unknown()).optional().catch(undefined),
});
export type TEchoesValue = z.infer<typeof ZEchoesValue>;

const objectOf = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/**
 * Echoes as our messages, in the order they were sent (their timestamps; Meta may batch them). Each is read like a
 * message from the customer it went to, so the schema checks, the bodies, Flow and order contents and edits and
 * revokes are those of ./parse; then it is marked as an echo, keeps its own raw object (from = the business), and
 * loses what only a customer's message can carry (a referral, an identity change). A reaction from the phone has
 * nowhere to go yet (reactions stored are the customer's) and a timeline notice is not the business's: both are
 * acknowledged and listed as ignored.
 */
export function parseEchoes(channelId: string, value: TEchoesValue, receivedAt = new Date()): TParsedMessages {
  const raws = value.message_echoes ?? [];
  const contacts = (value.contacts ?? []).map(objectOf).filter((c): c is Record<string, unknown> => c !== null);
  const rawById = new Map<string, Record<string, unknown>>();
  const asCustomers = raws.map((raw) => {
    const echo = objectOf(raw);
    if (!echo) return raw;
    if (typeof echo.id === 'string') rawById.set(echo.id, echo);
    return { ...echo, from: customerWaId(echo, contacts), from_user_id: echo.to_user_id };
  });
  const parsed = parseInboundMessages(channelId, { metadata: value.metadata, contacts: value.contacts, messages: asCustomers }, receivedAt);
  const result: TParsedMessages = { messages: [], ignored: parsed.ignored };
  parsed.messages.forEach((message, index) => {
    if (message.change?.kind === 'reaction' || message.kind === 'event') {
      result.ignored.push({ index, reason: `a ${message.change?.kind ?? 'notice'} echoed from the phone` });
      return;
    }
    result.messages.push(asEcho(message, rawById.get(message.providerMessageId)));
  });
  result.messages.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
  return result;
}

/**
 * The customer's wa_id. `to` is the number as the business addressed it ("the same value returned by the API as the
 * input value", so it may carry a `+` or differ from the wa_id): the envelope's contact for it wins, else its digits.
 */
function customerWaId(echo: Record<string, unknown>, contacts: Record<string, unknown>[]): unknown {
  if (typeof echo.to !== 'string') return echo.to;
  const digits = echo.to.replace(/\D/g, '');
  const contact = contacts.find((c) => (echo.to_user_id && c.user_id === echo.to_user_id) || (digits && c.wa_id === digits));
  return typeof contact?.wa_id === 'string' && contact.wa_id ? contact.wa_id : digits || undefined;
}

function asEcho(message: TInboundMessage, raw: Record<string, unknown> | undefined): TInboundMessage {
  const { referral: _referral, identity: _identity, ...rest } = message;
  // A template sent from another tool on the same number: its name and language are read from the raw object.
  const template = raw?.type === 'template' && !message.change;
  return {
    ...rest,
    ...(template ? { kind: 'template' as const } : {}),
    echo: true,
    payload: { ...message.payload, ...(raw ? { whatsapp: raw } : {}), sentFrom: 'phone' },
  };
}
