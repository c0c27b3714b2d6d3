/** A timeline item, or the line that starts a new calendar day before it. */
export type TDayItem<T> = { kind: 'day'; day: string; at: Date } | { kind: 'item'; item: T };

/**
 * Interleaves a day separator before the first item of each calendar day (days as `dayOf` gives them: the
 * workspace's zone). Items come oldest first, as the log shows them.
 */
export function withDaySeparators<T>(items: T[], atOf: (item: T) => Date, dayOf: (at: Date) => string): TDayItem<T>[] {
  const out: TDayItem<T>[] = [];
  let current: string | null = null;
  for (const item of items) {
    const at = atOf(item);
    const day = dayOf(at);
    if (day !== current) out.push({ kind: 'day', day, at });
    current = day;
    out.push({ kind: 'item', item });
  }
  return out;
}

/** What a separator says: "today", "yesterday", or the date itself. */
export function dayLabelKind(day: string, today: string, yesterday: string): 'today' | 'yesterday' | 'date' {
  return day === today ? 'today' : day === yesterday ? 'yesterday' : 'date';
}
