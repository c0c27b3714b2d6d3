/**
 * When a provider says something happened (a customer's message was sent, a status changed), as a Date we can use
 * for the window, ordering and the list fields. A provider's clock is trusted only within sense: a value that is
 * unparsable, before WhatsApp existed (2009), or later than when we received it is replaced by the receipt time.
 * Otherwise one webhook could open a window for years (or crash the database: year 33658 is out of its range). A
 * message cannot have been sent after we received it, so a small forward skew is clamped too; the raw value stays
 * in the stored payload for audit.
 */
export const EARLIEST_PROVIDER_TIME = Date.UTC(2009, 0, 1);

/** Unix seconds as providers send them: digits in a string (Meta) or a number. */
export function providerTime(unixSeconds: unknown, receivedAt: Date): Date {
  const seconds =
    typeof unixSeconds === 'number'
      ? unixSeconds
      : typeof unixSeconds === 'string' && /^\d{1,15}(\.\d+)?$/.test(unixSeconds)
        ? Number(unixSeconds)
        : Number.NaN;
  return saneTime(seconds * 1000, receivedAt);
}

/** The same rule for a Date an adapter already built. */
export function saneDate(at: Date, receivedAt: Date): Date {
  return saneTime(at.getTime(), receivedAt);
}

function saneTime(ms: number, receivedAt: Date): Date {
  return Number.isFinite(ms) && ms >= EARLIEST_PROVIDER_TIME && ms <= receivedAt.getTime() ? new Date(ms) : receivedAt;
}
