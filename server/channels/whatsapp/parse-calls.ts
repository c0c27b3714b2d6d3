import { z } from 'zod';
import type { TInboundMessage } from '@/server/channels/inbound';
import { providerTime } from '@/server/domain/provider-time';
import { MAX_ID_LENGTH, ZContact } from './webhook-schema';

/**
 * The `calls` webhook field (developers.facebook.com/documentation/business-messaging/whatsapp/calling/
 * user-initiated-calls and business-initiated-calls, and the call webhooks reference): `calls[]` =
 * `{ id (wacid), from, to, event: "connect" | "terminate", direction: "USER_INITIATED" | "BUSINESS_INITIATED",
 * timestamp, session? (SDP: never stored), status? ("COMPLETED" | "FAILED" on terminate), start_time?, end_time?,
 * duration? (seconds) }`. The customer is `from` on a call they place and `to` on one the business places.
 */
export const ZCallsValue = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string() }),
  contacts: z.array(z.unknown()).optional().catch(undefined),
  calls: z.array(z.unknown()).optional().catch(undefined),
});
const ZId = z.string().min(1).max(MAX_ID_LENGTH);
const ZCall = z.looseObject({
  id: ZId,
  from: ZId.optional(),
  to: ZId.optional(),
  from_user_id: ZId.optional(),
  to_user_id: ZId.optional(),
  event: z.string(),
  direction: z.string().optional(),
  timestamp: z.unknown().optional(),
  status: z.string().optional(),
  start_time: z.unknown().optional(),
  end_time: z.unknown().optional(),
  duration: z.union([z.number(), z.string()]).optional(),
});

/** What the timeline keeps of a call (the payload's `call`): no SDP, no provider internals. */
export type TCallFacts = {
  direction: 'in' | 'out';
  /** "ringing" until the terminate webhook says how it ended. */
  state: 'ringing' | 'ended';
  status: string | null;
  durationSeconds: number | null;
  startedAt: string | null;
  endedAt: string | null;
};

const seconds = (value: unknown): number | null => {
  const n = typeof value === 'string' && /^\d{1,7}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 10_000_000 ? n : null;
};

/**
 * Each call event of a `calls` change as one timeline item keyed by the call's id: the first event seen stores it,
 * a later terminate updates it (server/services/whatsapp/calls.ts). Malformed calls are skipped: nothing to key.
 */
export function parseCalls(channelId: string, value: z.infer<typeof ZCallsValue>, receivedAt = new Date()): TInboundMessage[] {
  const contacts = (value.contacts ?? []).flatMap((raw) => {
    const contact = ZContact.safeParse(raw);
    return contact.success ? [contact.data] : [];
  });
  return (value.calls ?? []).flatMap((raw) => {
    const parsed = ZCall.safeParse(raw);
    if (!parsed.success || (parsed.data.event !== 'connect' && parsed.data.event !== 'terminate')) return [];
    const call = parsed.data;
    const direction = call.direction === 'BUSINESS_INITIATED' ? 'out' : 'in';
    const waId = (direction === 'in' ? call.from : call.to) ?? null;
    const bsuid = (direction === 'in' ? call.from_user_id : call.to_user_id) ?? null;
    const contact = contacts.find((c) => (bsuid && c.user_id === bsuid) || (waId && c.wa_id === waId)) ?? contacts[0];
    if (!waId && !bsuid) return [];
    const ended = call.event === 'terminate';
    const facts: TCallFacts = {
      direction,
      state: ended ? 'ended' : 'ringing',
      status: ended ? (call.status ?? null) : null,
      durationSeconds: ended ? seconds(call.duration) : null,
      startedAt: call.start_time === undefined ? null : providerTime(call.start_time, receivedAt).toISOString(),
      endedAt: call.end_time === undefined ? null : providerTime(call.end_time, receivedAt).toISOString(),
    };
    return [
      {
        channelId,
        externalId: waId,
        bsuid: bsuid ?? contact?.user_id ?? null,
        profileName: contact?.profile?.name ?? null,
        phone: waId ? `+${waId}` : null,
        providerMessageId: call.id,
        // When the call began: the window runs from a customer's call, answered or not (Meta, 2026).
        sentAt: providerTime(call.start_time ?? call.timestamp, receivedAt),
        kind: 'event' as const,
        body: null,
        payload: { meaning: 'call', call: facts },
      },
    ];
  });
}

/**
 * A customer's answer to the business's call permission request (a `messages` entry: `interactive.type =
 * "call_permission_reply"`, `call_permission_reply: { response: "accept" | "reject", expiration_timestamp?,
 * response_source }`, Meta's interactive messages reference). It is their message (it opens the window), read as a line.
 */
export function callPermissionOf(interactive: unknown): { response: 'accept' | 'reject'; expiresAt: string | null } | null {
  const reply = z
    .looseObject({
      type: z.literal('call_permission_reply'),
      call_permission_reply: z.looseObject({ response: z.enum(['accept', 'reject']), expiration_timestamp: z.unknown().optional() }),
    })
    .safeParse(interactive);
  if (!reply.success) return null;
  const raw = reply.data.call_permission_reply.expiration_timestamp;
  const epoch = typeof raw === 'string' && /^\d{9,11}$/.test(raw) ? Number(raw) : raw;
  // Unix seconds; anything else (or a date out of sense) is no expiry rather than a wrong one.
  const expires = typeof epoch === 'number' && Number.isInteger(epoch) && epoch > 946_684_800 && epoch < 4_102_444_800 ? epoch : null;
  return { response: reply.data.call_permission_reply.response, expiresAt: expires ? new Date(expires * 1000).toISOString() : null };
}
