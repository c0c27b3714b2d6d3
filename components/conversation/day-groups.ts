/**
 * A timeline item, the line that starts a new calendar day before it, or the line after a close that ends one
 * conversation with the customer (`closed`): above it, scrolling up, are their earlier conversations on this channel
 * (one conversation row per customer and channel is reopened by their next message, so its log holds them all).
 */
export type TDayItem<T> =
  | { kind: 'day'; day: string; at: Date }
  | { kind: 'item'; item: T }
  | { kind: 'closed'; at: Date; key: string };

/**
 * Interleaves a day separator before the first item of each calendar day (days as `dayOf` gives them: the
 * workspace's zone), and a "closed" separator right after each close line (`isClose`). Items come oldest first,
 * as the log shows them.
 */
export function withDaySeparators<T>(
  items: T[],
  atOf: (item: T) => Date,
  dayOf: (at: Date) => string,
  isClose: (item: T) => boolean = () => false,
): TDayItem<T>[] {
  const out: TDayItem<T>[] = [];
  let current: string | null = null;
  items.forEach((item, index) => {
    const at = atOf(item);
    const day = dayOf(at);
    if (day !== current) out.push({ kind: 'day', day, at });
    current = day;
    out.push({ kind: 'item', item });
    if (isClose(item)) out.push({ kind: 'closed', at, key: `closed-${index}-${at.getTime()}` });
  });
  return out;
}

/** Whether a timeline message is the line a close wrote (`payload.event` 'closed', as recordEvents stores it). */
export function isCloseLine(message: { direction: string; payload: unknown }): boolean {
  return message.direction === 'system' && (message.payload as { event?: unknown } | null)?.event === 'closed';
}

/** What a separator says: "today", "yesterday", or the date itself. */
export function dayLabelKind(day: string, today: string, yesterday: string): 'today' | 'yesterday' | 'date' {
  return day === today ? 'today' : day === yesterday ? 'yesterday' : 'date';
}
