import { normalizeSearchText } from './search-normalize';

/** Country calling codes for the workspace's default country, used to read national phone numbers (0551234567). */
const CALLING_CODES: Record<string, string> = {
  SA: '966',
  AE: '971',
  KW: '965',
  QA: '974',
  BH: '973',
  OM: '968',
  EG: '20',
  JO: '962',
  LB: '961',
  IQ: '964',
  MA: '212',
  DZ: '213',
  TN: '216',
  LY: '218',
  SD: '249',
  YE: '967',
  SY: '963',
  PS: '970',
  TR: '90',
  PK: '92',
  IN: '91',
  GB: '44',
  US: '1',
  CA: '1',
  FR: '33',
  DE: '49',
};

export type TSearch = {
  /** Normalised text to find in names, email and message bodies (trigram "contains"). */
  text: string;
  /** When the query looks like a phone number: the digits to look for in E.164 numbers, and how. */
  phone: { digits: string; anchored: boolean } | null;
};

/**
 * Reads a search box entry. A phone number in any common format becomes digits matched against E.164:
 * `+966 55 123 4567` and `00966551234567` are international (matched from the start), `0551234567` is national
 * (the trunk 0 becomes the workspace country's code), and anything else (`55 123 4567`, `966551234567`) is found
 * anywhere in the number. Arabic-Indic and Persian digits count as digits.
 */
export function parseSearch(raw: string, defaultCountry: string): TSearch {
  const text = normalizeSearchText(raw);
  const compact = text.replace(/[\s().-]/g, '');
  if (!/^\+?\d{4,}$/.test(compact)) return { text, phone: null };
  if (compact.startsWith('+')) return { text, phone: { digits: compact.slice(1), anchored: true } };
  if (compact.startsWith('00')) return { text, phone: { digits: compact.slice(2), anchored: true } };
  if (compact.startsWith('0')) {
    const code = CALLING_CODES[defaultCountry.toUpperCase()];
    return { text, phone: code ? { digits: code + compact.slice(1), anchored: true } : { digits: compact.slice(1), anchored: false } };
  }
  return { text, phone: { digits: compact, anchored: false } };
}

/** Escapes LIKE wildcards so a user's % or _ is searched literally. */
export function likeEscape(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
