import { parseIncompletePhoneNumber, parsePhoneNumberFromString, type CountryCode, isSupportedCountry } from 'libphonenumber-js/min';
import { z } from 'zod';
import { LABEL_MAX } from './limits';
import { EMAIL_MAX, PERSON_NAME_MAX } from './names';

/**
 * The contact panel's rules (issue 17): what an agent may type into a contact, checked by the form before sending and
 * by the server, written once. Zod messages are keys of the catalogs' `contact.errors`, so both sides say them in the
 * reader's language. Pure, so the browser bundles it.
 */

export const CONTACT_NOTES_MAX = 2000;
export const CONTACT_FIELDS_MAX = 30;
export const CONTACT_FIELD_VALUE_MAX = 500;
export const CONTACT_TAGS_MAX = 30;

/** A field left empty is stored as nothing (null), not as an empty string. */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .transform((v) => (v === '' ? null : v));

export const ZContactFieldEntry = z.object({
  key: z.string().trim().min(1, 'fieldKeyRequired').max(LABEL_MAX, 'fieldKeyTooLong'),
  value: z.string().trim().max(CONTACT_FIELD_VALUE_MAX, 'fieldValueTooLong'),
});

/** The editable part of a contact as the panel's form holds it (the phone as typed: see normaliseContactPhone). */
export const ZContactFields = z.object({
  firstName: optionalText(PERSON_NAME_MAX, 'nameTooLong'),
  lastName: optionalText(PERSON_NAME_MAX, 'nameTooLong'),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX, 'emailInvalid')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'emailInvalid')
    .transform((v) => (v === '' ? null : v)),
  phone: z.string().trim().max(40, 'phoneInvalid'),
  notes: optionalText(CONTACT_NOTES_MAX, 'notesTooLong'),
  fields: z
    .array(ZContactFieldEntry)
    .max(CONTACT_FIELDS_MAX, 'tooManyFields')
    .refine((list) => new Set(list.map((f) => f.key.toLocaleLowerCase())).size === list.length, 'fieldKeyDuplicate'),
});
export type TContactFieldsInput = z.input<typeof ZContactFields>;

export type TPhoneResult = { ok: true; e164: string | null } | { ok: false };

/**
 * A typed phone number as E.164 (`+966551234567`), read in the workspace's country when it is written nationally
 * (`055 123 4567` in Saudi Arabia). Arabic-Indic digits and any separators are accepted; empty is "no phone" (null).
 * A number that is not valid in its country's numbering plan is refused rather than stored as typed: the inbox
 * search, the template cost and WhatsApp's own ids all read phones as E.164.
 */
export function normaliseContactPhone(raw: string, country: string): TPhoneResult {
  const compact = parseIncompletePhoneNumber(raw.trim());
  if (compact === '') return raw.trim() === '' ? { ok: true, e164: null } : { ok: false };
  const code = country.toUpperCase();
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  const number = parsePhoneNumberFromString(international, isSupportedCountry(code) ? (code as CountryCode) : undefined);
  if (!number || !number.isValid()) return { ok: false };
  return { ok: true, e164: number.number };
}

/** The custom fields as stored (a JSON object, in the order the agent gave them), from the form's list. */
export function fieldsObject(entries: readonly { key: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [e.key, e.value]));
}

/** The stored custom fields as the form's list; values that are not text (an import's numbers) read as text. */
export function fieldEntries(stored: unknown): { key: string; value: string }[] {
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return [];
  return Object.entries(stored as Record<string, unknown>).map(([key, value]) => ({
    key,
    value: typeof value === 'string' ? value : JSON.stringify(value),
  }));
}

export const ZContactTag = z.string().trim().min(1, 'tagRequired').max(LABEL_MAX, 'tagTooLong');

/**
 * The tags after adding `tag`: unchanged when the contact has it already in any letter case (the filter matches
 * tags exactly, so "VIP" beside "vip" would split one list in two), else appended. Null when the contact already has
 * CONTACT_TAGS_MAX tags.
 */
export function withTag(tags: readonly string[], tag: string): string[] | null {
  const wanted = tag.trim();
  if (tags.some((t) => t.toLocaleLowerCase() === wanted.toLocaleLowerCase())) return [...tags];
  if (tags.length >= CONTACT_TAGS_MAX) return null;
  return [...tags, wanted];
}

/** The tags without `tag` (exactly as stored: the panel removes the chip it shows). */
export function withoutTag(tags: readonly string[], tag: string): string[] {
  return tags.filter((t) => t !== tag);
}
