import { phoneCountry } from './phone';
import { OTHER_COUNTRY, RATE_ROW_OF, toMicros, fromMicros, type TPricingCategory, type TRateCard } from './rate-card';
import type { TTemplateCategory } from './templates';

/**
 * What a message will cost, before it is sent, by Meta's per-message pricing (since 1 July 2025): only delivered
 * templates are charged, by category and the recipient's country calling code. Free-form replies are free (and only
 * possible inside the customer-service window); a utility template inside an open window is free; every template
 * inside a free entry point period (72 h after replying to an ad-originated chat) is free. The composer shows it and
 * the send stores it, so the numbers page adds up what was estimated at the time, whatever the card says later.
 */

export type TFreeReason = 'service_reply' | 'utility_in_window' | 'free_entry_point';

export type TTemplateCost =
  | { kind: 'free'; reason: TFreeReason }
  | {
      kind: 'charge';
      /** A decimal string in `currency` (no float ever holds it). */
      amount: string;
      currency: string;
      /** The card's row used: the recipient's country, the row it belongs to, or OTHER. */
      row: string;
    }
  | { kind: 'unknown' };

export type TCostInput = {
  /** A template's pricing category, or `service` for a free-form reply. */
  category: TPricingCategory | 'service';
  /** The recipient, as stored (E.164) or an ISO country; the phone wins when both are given. */
  recipientPhone?: string | null;
  country?: string | null;
  /** Whether the customer-service window is open now: the window policy's verdict (domain/window.ts), not re-derived. */
  windowOpen: boolean;
  /** The end of a free entry point period; free while now is before it. */
  freeEntryUntil: Date | null;
  now: Date;
  rateCard: TRateCard;
  /** The business's own country: an authentication template to another country may cost the international rate. */
  businessCountry?: string | null;
};

/** The template categories as the picker and the templates table spell them, as Meta's pricing spells them. */
export function pricingCategory(category: TTemplateCategory): TPricingCategory {
  return category.toLowerCase() as Lowercase<TTemplateCategory>;
}

export function templateCost(input: TCostInput): TTemplateCost {
  if (input.category === 'service') return { kind: 'free', reason: 'service_reply' };
  // At exactly freeEntryUntil the period is over, as a window is at exactly 24 h.
  if (input.freeEntryUntil && input.now.getTime() < input.freeEntryUntil.getTime()) return { kind: 'free', reason: 'free_entry_point' };
  if (input.category === 'utility' && input.windowOpen) return { kind: 'free', reason: 'utility_in_window' };
  const country = (input.recipientPhone ? phoneCountry(input.recipientPhone) : null) ?? input.country?.toUpperCase() ?? null;
  const found = rateFor(input.rateCard, country, input.category, input.businessCountry ?? null);
  if (!found) return { kind: 'unknown' };
  return { kind: 'charge', amount: found.amount, currency: input.rateCard.currency, row: found.row };
}

/**
 * The rate a card gives a category in a country: the country's own row, else the row Meta lists it under, else the
 * card's OTHER row, as Meta's card does; null when none of them has the category. A rate that is not a clean
 * decimal (a hand-edited card) counts as missing rather than as zero.
 */
export function rateFor(
  card: TRateCard,
  country: string | null,
  category: TPricingCategory,
  businessCountry: string | null = null,
): { amount: string; row: string } | null {
  const rows = [country, country ? RATE_ROW_OF[country] : undefined, OTHER_COUNTRY].filter((row): row is string => !!row);
  const international = category === 'authentication' && !!businessCountry && !!country && businessCountry.toUpperCase() !== country;
  for (const row of rows) {
    const rates = card.rates[row];
    if (!rates) continue;
    const amount = (international ? rates.authentication_international : undefined) ?? rates[category];
    const micros = amount === undefined ? null : toMicros(amount);
    if (micros !== null) return { amount: fromMicros(micros), row };
  }
  return null;
}
