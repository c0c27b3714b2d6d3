import { getCountries } from 'libphonenumber-js/min';
import { z } from 'zod';

/**
 * What Meta charges per delivered template, by category and the recipient's country calling code: the default card
 * shipped with Nafidha, the per-workspace overrides admins edit in Settings → Workspace, and the exact decimal
 * arithmetic the estimate needs (amounts travel as decimal strings and are compared as integer millionths, so no
 * float ever rounds a rate).
 */

/** Meta's pricing categories for templates; authentication_international applies to some countries (see below). */
export const PRICING_CATEGORIES = ['marketing', 'utility', 'authentication', 'authentication_international'] as const;
export type TPricingCategory = (typeof PRICING_CATEGORIES)[number];

/** The row a country without a row of its own is charged at (Meta's card calls it "Other"). */
export const OTHER_COUNTRY = 'OTHER';

export type TRates = Record<string, Partial<Record<TPricingCategory, string>>>;
export type TRateCard = { currency: string; rates: TRates };

/** Amounts are stored as numeric(14,6): at most six decimals, and far below 10⁸ per message. */
export const RATE_DECIMALS_MAX = 6;
export const RATE_MAX = '1000';

/**
 * Meta's card has one row for several countries: North America is the US and Canada, and the Crown dependencies
 * share the UK's +44. A country in this list is charged at its row's rate unless the card has a row for it.
 */
export const RATE_ROW_OF: Readonly<Record<string, string>> = { CA: 'US', GG: 'GB', JE: 'GB', IM: 'GB' };

/**
 * The default card, in USD per delivered template. Source: Meta's per-message rate card effective 1 July 2025 (the
 * "Pricing on the WhatsApp Business Platform" page, developers.facebook.com/docs/whatsapp/pricing, and the rate-card
 * CSV it links), entered here on 2 Dec 2026 without access to Meta's file itself: only the OTHER row was checked
 * against a public copy of that card, so treat every figure as approximate. Bahrain, Jordan, Kuwait, Oman and Qatar
 * are Meta's "Rest of Middle East" row. Meta revises its card on 1 January, April, July and October (in Oct 2025 and
 * Jan 2026 it moved the UAE, Saudi Arabia, Egypt, India and North America, among others) and volume tiers lower
 * utility and authentication rates: check these against Meta's current card and override them in Settings →
 * Workspace. Authentication-international is Meta's rate for authentication templates sent to a country other than
 * the business's own, where that country has one (India here).
 */
export const DEFAULT_RATE_CARD_DATE = '2025-07-01';
export const DEFAULT_RATE_CARD: TRateCard = {
  currency: 'USD',
  rates: {
    SA: { marketing: '0.0455', utility: '0.0115', authentication: '0.0115' },
    AE: { marketing: '0.0384', utility: '0.0157', authentication: '0.0157' },
    EG: { marketing: '0.0644', utility: '0.0036', authentication: '0.0036' },
    KW: { marketing: '0.0341', utility: '0.0091', authentication: '0.0091' },
    QA: { marketing: '0.0341', utility: '0.0091', authentication: '0.0091' },
    BH: { marketing: '0.0341', utility: '0.0091', authentication: '0.0091' },
    OM: { marketing: '0.0341', utility: '0.0091', authentication: '0.0091' },
    JO: { marketing: '0.0341', utility: '0.0091', authentication: '0.0091' },
    GB: { marketing: '0.0529', utility: '0.0220', authentication: '0.0220' },
    US: { marketing: '0.0250', utility: '0.0034', authentication: '0.0034' },
    IN: { marketing: '0.0107', utility: '0.0014', authentication: '0.0014', authentication_international: '0.0280' },
    [OTHER_COUNTRY]: { marketing: '0.0604', utility: '0.0077', authentication: '0.0077' },
  },
};

/** The rows the settings form lists: the default card's countries, in its order. */
export const RATE_CARD_COUNTRIES = Object.keys(DEFAULT_RATE_CARD.rates);

const DECIMAL = new RegExp(`^\\d{1,8}(\\.\\d{1,${RATE_DECIMALS_MAX}})?$`);
const SCALE = 10 ** RATE_DECIMALS_MAX;

/** A decimal string as integer millionths (`'0.0455'` → 45500); null when it is not a plain non-negative decimal. */
export function toMicros(amount: string): number | null {
  if (!DECIMAL.test(amount)) return null;
  const [whole, fraction = ''] = amount.split('.');
  return Number(whole) * SCALE + Number(fraction.padEnd(RATE_DECIMALS_MAX, '0'));
}

/** Integer millionths as the shortest decimal string (45500 → `'0.0455'`, 2000000 → `'2'`). */
export function fromMicros(micros: number): string {
  const whole = Math.floor(micros / SCALE);
  const fraction = String(micros % SCALE).padStart(RATE_DECIMALS_MAX, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

const COUNTRY_ROWS: ReadonlySet<string> = new Set([...getCountries(), OTHER_COUNTRY]);
const RATE_MAX_MICROS = toMicros(RATE_MAX)!;

/**
 * One rate as an admin types it: digits with an optional point and at most six decimals (`0.0455`, `1`). A minus
 * sign, an exponent or a comma are refused rather than guessed at. Zod messages are keys of `settingsRateCard.errors`.
 */
export const ZRate = z
  .string()
  .trim()
  .refine((value) => !value.startsWith('-'), 'rateNegative')
  .refine((value) => value.startsWith('-') || toMicros(value) !== null, 'rateFormat')
  .refine((value) => (toMicros(value) ?? 0) <= RATE_MAX_MICROS, 'rateTooLarge');

export const ZRateCardInput = z.object({
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'currencyFormat')
    .refine(isCurrency, 'currencyUnknown'),
  rates: z
    .record(
      z.string().refine((country) => COUNTRY_ROWS.has(country), 'countryUnknown'),
      z.partialRecord(z.enum(PRICING_CATEGORIES), ZRate),
    )
    .refine((rates) => Object.keys(rates).length <= 300, 'tooManyRates'),
});
export type TRateCardInput = z.output<typeof ZRateCardInput>;

/** An ISO 4217 code this runtime can format (a made-up "ABC" is refused, so every amount can be shown). */
export function isCurrency(code: string): boolean {
  try {
    return typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency').includes(code) : true;
  } catch {
    return false;
  }
}

/**
 * The card a workspace is charged by: its overrides over the default rates. Default rates are in USD, so a workspace
 * that keeps its figures in another currency gets only the rates it entered (the rest are unknown, never a dollar
 * figure labelled as riyals).
 */
export function effectiveRateCard(overrides: TRateCard | null): TRateCard {
  if (!overrides) return DEFAULT_RATE_CARD;
  const base = overrides.currency === DEFAULT_RATE_CARD.currency ? DEFAULT_RATE_CARD.rates : {};
  const rates: TRates = {};
  for (const country of new Set([...Object.keys(base), ...Object.keys(overrides.rates)])) {
    rates[country] = { ...base[country], ...overrides.rates[country] };
  }
  return { currency: overrides.currency, rates };
}

/** What to store from a valid form: the cells that were filled in, with empty countries dropped. */
export function compactOverrides(input: TRateCardInput): TRateCard {
  const rates: TRates = {};
  for (const [country, row] of Object.entries(input.rates)) {
    const filled = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined && value !== ''));
    if (Object.keys(filled).length > 0) rates[country] = filled;
  }
  return { currency: input.currency, rates };
}
