import { phoneSearchDigits } from './phone';
import { normalizeSearchText } from './search-normalize';

export type TSearch = {
  /** Normalised text to find in names, email and message bodies (trigram "contains"). */
  text: string;
  /** When the query looks like a phone number: the digits to look for in E.164 numbers, and how. */
  phone: { digits: string; anchored: boolean } | null;
};

/**
 * Reads a search box entry. A phone number in any common format becomes digits matched against E.164:
 * `+966 55 123 4567` and `00966551234567` are international (matched from the start), `0551234567` is national
 * (read in the workspace's country, phone.ts), and anything else (`55 123 4567`, `966551234567`) is found anywhere
 * in the number. Arabic-Indic and Persian digits count as digits.
 */
export function parseSearch(raw: string, defaultCountry: string): TSearch {
  const text = normalizeSearchText(raw);
  const compact = text.replace(/[\s().-]/g, '');
  if (!/^\+?\d{4,}$/.test(compact)) return { text, phone: null };
  return { text, phone: phoneSearchDigits(compact, defaultCountry) };
}

/** Escapes LIKE wildcards so a user's % or _ is searched literally. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
