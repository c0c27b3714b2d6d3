/**
 * Phone numbers, on libphonenumber-js's country metadata (its numbering plans, calling codes and trunk prefixes) rather
 * than a table of our own. The `min` metadata is enough for everything here (calling codes, trunk prefixes, formats
 * and number lengths) and is what the browser bundle pays for when a component formats a number; `max` adds
 * per-type patterns (mobile, fixed line) that nothing here asks for.
 */
import {
  AsYouType,
  type CountryCode,
  isSupportedCountry,
  isValidPhoneNumber,
  parseIncompletePhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/min';

/** The ISO 3166 alpha-2 code in the library's spelling, or null when it has no numbering plan for it. */
function countryOf(country: string | null | undefined): CountryCode | null {
  const code = (country ?? '').toUpperCase();
  return isSupportedCountry(code) ? code : null;
}

/**
 * The digits of a number written in international form, as E.164 stores them without the plus: `+966 55 123 4567`,
 * `00966551234567`, `966551234567` and `+٩٦٦٥٥١٢٣٤٥٦٧` all give `966551234567`. Separators of every kind are dropped
 * and Arabic-Indic and Persian digits read as digits. A national number (`0551234567`) keeps its digits as written:
 * reading it needs a country (see phoneSearchDigits).
 */
export function phoneDigits(raw: string): string {
  const compact = parseIncompletePhoneNumber(raw);
  if (compact.startsWith('+')) return compact.slice(1);
  return compact.startsWith('00') ? compact.slice(2) : compact;
}

/** A stored E.164 number for people to read (`+966 55 123 4567`, or `055 123 4567` nationally); as given when it cannot be read. */
export function formatPhone(e164: string, style: 'international' | 'national' = 'international'): string {
  const number = parsePhoneNumberFromString(e164);
  if (!number) return e164;
  return style === 'national' ? number.formatNational() : number.formatInternational();
}

/** Whether `raw` is a possible number in `country` (national or international form): its calling code and length fit the plan. */
export function isValidPhone(raw: string, country: string): boolean {
  const code = countryOf(country);
  return code !== null && isValidPhoneNumber(raw, code);
}

/**
 * The digits a typed phone fragment stands for in E.164, and whether they are its start (`anchored`) or may be
 * anywhere in it. `compact` is the fragment without separators. `+966 55…` and `00966 55…` are international (their
 * start); a national number with the country's trunk prefix (`055…` in Saudi Arabia) is read in the workspace's
 * country, its prefix dropped and the calling code put first, so part of a number is enough (`05512` → `9665512`);
 * anything else (`55 123 4567`, `966551234567`) is a fragment found anywhere. A leading 0 in a country the library
 * does not know is dropped and the rest searched anywhere.
 */
export function phoneSearchDigits(compact: string, country: string): { digits: string; anchored: boolean } {
  const typed = parseIncompletePhoneNumber(compact);
  if (typed.startsWith('+')) return { digits: typed.slice(1), anchored: true };
  if (typed.startsWith('00')) return { digits: typed.slice(2), anchored: true };
  if (!typed.startsWith('0')) return { digits: typed, anchored: false };
  const code = countryOf(country);
  if (!code) return { digits: typed.slice(1), anchored: false };
  const reader = new AsYouType(code);
  reader.input(typed);
  const value = reader.getNumberValue();
  return value ? { digits: value.slice(1), anchored: true } : { digits: typed.slice(1), anchored: false };
}

/**
 * The country a stored number belongs to (ISO 3166 alpha-2), as its calling code and plan say: `+966…` is SA, `+1 650…`
 * US and `+1 416…` CA. A number the plan cannot place (a reserved range) goes to its calling code's main country
 * (`+44 7700 900…` is GB). Null when the number cannot be read or belongs to no country (a non-geographic code).
 */
export function phoneCountry(e164: string | null | undefined): string | null {
  if (!e164) return null;
  const digits = phoneDigits(e164);
  if (!digits) return null;
  const number = parsePhoneNumberFromString(`+${digits}`);
  return number?.country ?? number?.getPossibleCountries()[0] ?? null;
}
