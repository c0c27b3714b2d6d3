import { z } from 'zod';

/**
 * Lengths the server refuses beyond and the browser's fields stop at: one number each, so a field never lets an agent
 * type what the server will then refuse.
 */

/** A message's text, customer or agent, and an internal note: WhatsApp's limit for a text message body. */
export const TEXT_MAX = 4096;
/** The note written when closing a conversation. */
export const CLOSING_NOTE_MAX = 2000;
/** A closing category and a contact tag. */
export const LABEL_MAX = 64;
/** A template variable's name and value. */
export const TEMPLATE_PARAM_NAME_MAX = 64;
export const TEMPLATE_PARAM_VALUE_MAX = 1024;
/** The list preview of a conversation's last message. */
export const PREVIEW_MAX = 280;

const ZUuid = z.uuid();

/** The one UUID check (zod's, the same as every `z.uuid()` input): hex 8-4-4-4-12 with an RFC 9562 version and variant. */
export function isUuid(value: string): boolean {
  return ZUuid.safeParse(value).success;
}
