import { createHash } from 'node:crypto';
import type { TFakeMeta, TFakeNumber, TFakeTemplate } from './fake-meta';

/**
 * What the Graph API fake says when someone connects a number (Settings → Channels), and how to make it refuse:
 *
 * - an access token starting `EAA-invalid` → 190 (invalid or expired token), on every call;
 * - an access token starting `EAA-noperm` → 200 (the app lacks `whatsapp_business_messaging`), on every call;
 * - a phone number id or WABA id starting `000` → 100 (the object does not exist, or the token may not see it);
 * - any other phone number id it does not know yet: a number with generated fields, the same for the same id
 *   (a display number ending in the id's last digits, a verified name, GREEN, TIER_2K, STANDARD throughput), and
 *   for a WABA it does not know: Meta's sample template `hello_world`, approved;
 * - `POST /{waba_id}/subscribed_apps` answers `{ success: true }` and remembers the subscription
 *   (`GET /{waba_id}/subscribed_apps` lists it; `DELETE` forgets it, as Meta's unsubscribe does).
 */
export const FAKE_INVALID_TOKEN_PREFIX = 'EAA-invalid';
export const FAKE_NO_PERMISSION_TOKEN_PREFIX = 'EAA-noperm';
export const FAKE_UNKNOWN_ID_PREFIX = '000';

export type TFakeRefusal = { http: number; code: number; title: string };

/** A refusal the caller's token or the node id asks for (null: carry on). */
export function connectRefusal(authorization: string | undefined, nodeId: string): TFakeRefusal | null {
  const token = (authorization ?? '').replace(/^Bearer\s+/, '');
  if (token.startsWith(FAKE_INVALID_TOKEN_PREFIX))
    return { http: 401, code: 190, title: 'Invalid OAuth access token - Cannot parse access token' };
  if (token.startsWith(FAKE_NO_PERMISSION_TOKEN_PREFIX))
    return { http: 403, code: 200, title: 'Requires whatsapp_business_messaging permission to manage the object' };
  if (nodeId.startsWith(FAKE_UNKNOWN_ID_PREFIX))
    return {
      http: 400,
      code: 100,
      title: `Unsupported get request. Object with ID '${nodeId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation`,
    };
  return null;
}

/** The generated number for an id the fake has not been told about: deterministic, so tests can expect its fields. */
export function generatedNumber(id: string): TFakeNumber {
  const digest = createHash('sha256').update(id).digest();
  const digits = id.replace(/\D/g, '').padStart(7, '0').slice(-7);
  return {
    id,
    display_phone_number: `+1 555-${digits.slice(0, 3)}-${digits.slice(3)}`,
    verified_name: `Test Business ${digits.slice(-4)}`,
    quality_rating: 'GREEN',
    status: 'CONNECTED',
    name_status: 'APPROVED',
    code_verification_status: 'VERIFIED',
    whatsapp_business_manager_messaging_limit: 'TIER_2K',
    messaging_limit_tier: 'TIER_1K',
    throughput: { level: digest[0]! % 2 === 0 ? 'STANDARD' : 'HIGH' },
    platform_type: 'CLOUD_API',
    account_mode: 'LIVE',
  };
}

/** Meta gives every new WABA its sample template. */
export function sampleTemplates(wabaId: string): TFakeTemplate[] {
  return [
    {
      id: `${wabaId}01`,
      name: 'hello_world',
      language: 'en_US',
      status: 'APPROVED',
      category: 'UTILITY',
      parameter_format: 'POSITIONAL',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
        {
          type: 'BODY',
          text: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta.',
        },
        { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
      ],
    },
  ];
}

/** The number the fake answers for `id`, made up (and kept) when it is new and `generate` is on. */
export function knownOrGenerated(meta: TFakeMeta, id: string, generate: boolean): TFakeNumber | undefined {
  const known = meta.numbers.get(id);
  if (known || !generate || !/^\d{5,20}$/.test(id)) return known;
  const number = generatedNumber(id);
  meta.numbers.set(id, number);
  return number;
}
