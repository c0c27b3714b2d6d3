import { phoneSearchDigits } from './phone';
import { normalizeSearchText } from './search-normalize';

export type TSearch = {
  /** Normalised text to find in names, email and message bodies (trigram "contains"). */
  text: string;
  /** When the query looks like a phone number: the digits to look for in E.164 numbers, and how. */
  phone: { digits: string; anchored: boolean } | null;
  /**
   * When the query could be a WhatsApp username (`@handle` or `handle`: letters, digits, `.` and `_`): the handle,
   * lower-cased and without the @, matched as the start of a customer's username.
   */
  username?: string | null;
};

/** A WhatsApp username as searched and indexed: lower-case, without the @ (2026 usernames, meta-messaging.md §BSUID). */
export function usernameOf(raw: string): string | null {
  const trimmed = raw.trim();
  const handle = trimmed.replace(/^@/, '').toLowerCase();
  // Digits alone are a phone number unless written as a handle (@1234).
  if (!/^[a-z0-9._]{2,64}$/.test(handle) || (!/[a-z]/.test(handle) && !trimmed.startsWith('@'))) return null;
  return handle;
}

/**
 * The bounds of the usernames that start with `prefix`, for the index's byte-wise order (text_pattern_ops): from the
 * prefix itself up to the prefix with its last character raised by one. Bounds rather than LIKE, so the index is used
 * whatever the plan (a LIKE with a bound parameter may be planned before its pattern is known).
 */
export function prefixBounds(prefix: string): { from: string; below: string } {
  return { from: prefix, below: prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1) };
}

/**
 * Reads a search box entry. A phone number in any common format becomes digits matched against E.164:
 * `+966 55 123 4567` and `00966551234567` are international (matched from the start), `0551234567` is national
 * (read in the workspace's country, phone.ts), and anything else (`55 123 4567`, `966551234567`) is found anywhere
 * in the number. Arabic-Indic and Persian digits count as digits.
 */
export function parseSearch(raw: string, defaultCountry: string): TSearch {
  const text = normalizeSearchText(raw);
  const compact = text.replace(/[\s().-]/g, '');
  const username = usernameOf(raw);
  if (!/^\+?\d{4,}$/.test(compact)) return { text, phone: null, username };
  return { text, phone: phoneSearchDigits(compact, defaultCountry), username };
}

/** Escapes LIKE wildcards so a user's % or _ is searched literally. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
