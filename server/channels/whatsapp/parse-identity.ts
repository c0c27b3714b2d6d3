import type { TIdentityChange } from '@/server/channels/inbound';
import { MAX_ID_LENGTH, type TWhatsAppMessage } from './webhook-schema';

/** What a system notice changes of the sender's identity, and which BSUID they were known by before it. */
export type TParsedIdentity = TIdentityChange & { previousBsuid: string | null };

const WA_ID = /^\d{5,20}$/;
const field = (value: unknown, key: string): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH ? value : null);
/** A wa_id is digits; Meta's older payloads sent `new_wa_id` as a number. */
const waIdOf = (value: unknown): string | null => {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof text === 'string' && WA_ID.test(text) ? text : null;
};

/**
 * Meta's system notices (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/
 * messages/system, Aug 2026, and the changelog of Aug 11, 2026):
 * - `user_changed_number`: the new number's `wa_id` (`new_wa_id` before v12; `customer_changed_number` in old
 *   payloads); a number change also regenerates the BSUID, so the new `user_id` and the `previous_user_id` may come too;
 * - `user_changed_user_id`: only the BSUID changed (`user_id` new, `previous_user_id` old), no phone number.
 * The message's `from` is the number the customer had. Null for any other notice, or one naming no usable new key.
 */
export function identityChangeOf(message: TWhatsAppMessage): TParsedIdentity | null {
  if (message.type !== 'system') return null;
  const system = message.system;
  const previousBsuid = idOf(field(system, 'previous_user_id'));
  const newBsuid = idOf(field(system, 'user_id'));
  const type = field(system, 'type');
  if (type === 'user_changed_number' || type === 'customer_changed_number') {
    const externalId = waIdOf(field(system, 'wa_id')) ?? waIdOf(field(system, 'new_wa_id'));
    if (!externalId && !newBsuid) return null;
    return { kind: 'number', externalId, bsuid: newBsuid !== previousBsuid ? newBsuid : null, previousBsuid };
  }
  if (type === 'user_changed_user_id') {
    const sent = idOf(message.from_user_id);
    const bsuid = newBsuid ?? (sent !== previousBsuid ? sent : null);
    if (!bsuid || bsuid === previousBsuid) return null;
    return { kind: 'user_id', externalId: null, bsuid, previousBsuid };
  }
  return null;
}
