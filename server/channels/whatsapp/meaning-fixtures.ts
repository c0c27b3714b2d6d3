/**
 * Webhook `messages` entries that change another message, written for our tests from the shapes in Meta's own
 * reference pages (not copied from any project's fixtures):
 * - reaction: developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/reaction
 *   (`reaction: { message_id, emoji }`; removing a reaction sends no emoji; some clients send an empty one), and the
 *   copy in /work/shared/reference/meta-messaging.md §1.5;
 * - edit: .../webhooks/reference/messages/edit (Jul 2026: `type: "edit"`, `edit: { original_message_id, message }`,
 *   the message as it now reads, text or media with a caption; Coexistence numbers only);
 * - revoke: .../webhooks/reference/messages/revoke (Dec 2025: `type: "revoke"`, `revoke: { original_message_id }`;
 *   Coexistence numbers only);
 * - request_welcome: .../webhooks/reference/messages (`type: "request_welcome"`, a user opening the chat for the
 *   first time), with no object of its own;
 * - system: .../webhooks/reference/messages/system (Aug 2026: `type: "system"`, `system: { body, type, ... }`, e.g.
 *   `user_changed_number`; no contacts array).
 * Shared by the parser's unit tests, the ingest integration tests and the end-to-end spec.
 */

export const DISPLAY_NUMBER = '15550783881';

type TSender = { from: string; name?: string };
const timestampOf = (at: Date) => String(Math.floor(at.getTime() / 1000));

/** One `messages` change value around one entry, as Meta posts it. */
export function meaningValue(phoneNumberId: string, sender: TSender, message: Record<string, unknown>) {
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: phoneNumberId },
    // System notices come without contacts (Meta's system reference).
    ...(message.type === 'system' ? {} : { contacts: [{ profile: { name: sender.name ?? 'Sheena Nelson' }, wa_id: sender.from }] }),
    messages: [{ from: sender.from, ...message }],
  };
}

export function meaningEnvelope(value: Record<string, unknown>) {
  return { object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: [{ field: 'messages', value }] }] };
}

export const textEntry = (id: string, body: string, at: Date) => ({ id, timestamp: timestampOf(at), type: 'text', text: { body } });

/** emoji undefined: the documented removal (no emoji at all); '' is the other form seen in practice. */
export const reactionEntry = (id: string, target: string, emoji: string | undefined, at: Date) => ({
  id,
  timestamp: timestampOf(at),
  type: 'reaction',
  reaction: emoji === undefined ? { message_id: target } : { message_id: target, emoji },
});

export const editEntry = (id: string, target: string, body: string, at: Date) => ({
  id,
  timestamp: timestampOf(at),
  type: 'edit',
  edit: { original_message_id: target, message: { type: 'text', text: { body } } },
});

export const captionEditEntry = (id: string, target: string, caption: string, at: Date) => ({
  id,
  timestamp: timestampOf(at),
  type: 'edit',
  edit: {
    original_message_id: target,
    message: { type: 'image', image: { caption, mime_type: 'image/jpeg', sha256: 'c2hhMjU2', id: '1003383421387256' } },
  },
});

export const revokeEntry = (id: string, target: string, at: Date) => ({
  id,
  timestamp: timestampOf(at),
  type: 'revoke',
  revoke: { original_message_id: target },
});

/** A system notice; Meta sends these without a contacts array. */
export const systemEntry = (
  id: string,
  body: string,
  at: Date,
  system: Record<string, unknown> = { type: 'customer_identity_changed' },
) => ({
  id,
  timestamp: timestampOf(at),
  type: 'system',
  system: { body, ...system },
});

/** The customer changed their number (system reference: the new `wa_id`; since Aug 2026 also the BSUIDs). */
export const numberChangeEntry = (id: string, newWaId: string, at: Date, bsuids: { user_id?: string; previous_user_id?: string } = {}) =>
  systemEntry(id, `User Sheena Nelson changed from the old number to ${newWaId}`, at, {
    type: 'user_changed_number',
    wa_id: newWaId,
    ...bsuids,
  });

/** Only the customer's BSUID changed (changelog, Aug 11, 2026): the new `user_id` and the `previous_user_id`. */
export const userIdChangeEntry = (id: string, previous: string, next: string, at: Date) =>
  systemEntry(id, 'User Sheena Nelson changed their user id', at, {
    type: 'user_changed_user_id',
    user_id: next,
    previous_user_id: previous,
  });

export const requestWelcomeEntry = (id: string, at: Date) => ({ id, timestamp: timestampOf(at), type: 'request_welcome' });

/**
 * A `calls` change value (Meta's calling pages: user-initiated-calls, business-initiated-calls): one call event,
 * `connect` (with an SDP session we never keep) or `terminate` (with how it ended).
 */
export function callValue(
  phoneNumberId: string,
  customer: string,
  call: {
    id: string;
    event: 'connect' | 'terminate';
    at: Date;
    direction?: 'USER_INITIATED' | 'BUSINESS_INITIATED';
    status?: string;
    duration?: number;
  },
) {
  const direction = call.direction ?? 'USER_INITIATED';
  const ours = DISPLAY_NUMBER;
  const startedAt = call.duration === undefined ? call.at : new Date(call.at.getTime() - call.duration * 1000);
  return {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: ours, phone_number_id: phoneNumberId },
    contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: customer }],
    calls: [
      {
        id: call.id,
        from: direction === 'USER_INITIATED' ? customer : ours,
        to: direction === 'USER_INITIATED' ? ours : customer,
        event: call.event,
        direction,
        timestamp: timestampOf(call.at),
        ...(call.event === 'connect'
          ? { session: { sdp_type: 'offer', sdp: 'v=0 o=- 0 0 IN IP4 127.0.0.1' } }
          : {
              status: call.status ?? 'COMPLETED',
              start_time: timestampOf(startedAt),
              end_time: timestampOf(call.at),
              duration: call.duration ?? 0,
            }),
      },
    ],
  };
}

/** A customer's answer to a call permission request (an interactive `messages` entry). */
export const callPermissionEntry = (id: string, response: 'accept' | 'reject', at: Date, expiresAt?: Date) => ({
  id,
  timestamp: timestampOf(at),
  type: 'interactive',
  interactive: {
    type: 'call_permission_reply',
    call_permission_reply: {
      response,
      response_source: 'user_action',
      ...(expiresAt ? { expiration_timestamp: Math.floor(expiresAt.getTime() / 1000) } : {}),
    },
  },
});
