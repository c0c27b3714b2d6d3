/** "(3) " at the start of a title: the unread prefix this app writes, recognised so it is replaced, never stacked. */
const PREFIX = /^\(\d+\+?\) |^\([\u0660-\u0669]+\+?\) /;

/**
 * A tab title with the unread total in front ("(3) Nafidha", "(99+) Nafidha"), or without it when nothing waits.
 * `count` comes formatted in the reader's digits; `zero`: nothing unread. Whatever the title was, its earlier
 * prefix is dropped first.
 */
export function unreadTitle(title: string, unread: { count: string; capped: boolean; zero: boolean } | null): string {
  const base = title.replace(PREFIX, '');
  if (!unread || unread.zero) return base;
  return `(${unread.count}${unread.capped ? '+' : ''}) ${base}`;
}
