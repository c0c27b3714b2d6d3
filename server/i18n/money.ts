/**
 * An amount (a decimal string, as the rate card and the database keep it) in a currency, for a formatting locale
 * (see formattingLocale): `$0.0455`, `US$ ٠٫٠٤٥٥`. Intl formats the string itself, so no float rounds a rate on the
 * way; at least the currency's usual decimals are shown, and as many more as the rate has (Meta's have four).
 */
export function formatMoney(tag: string, amount: string, currency: string): string {
  try {
    const format = new Intl.NumberFormat(tag, { style: 'currency', currency, maximumFractionDigits: 6 });
    return format.format(amount as Intl.StringNumericLiteral);
  } catch {
    // A currency this runtime cannot format (saved by a newer one): the figure and the code, never nothing.
    return `${amount} ${currency}`;
  }
}
