import { sql, type SQL } from 'drizzle-orm';
import { conversations } from '@/db/schema';

/**
 * Newest activity first, spelled exactly like the list indexes (`DESC NULLS LAST`): a plain `DESC` means NULLS FIRST
 * to PostgreSQL, which then cannot read those indexes in order and sorts every matching row instead (measured on the
 * 1M-conversation bench: 1.5 s for All / Closed). The columns are NOT NULL, so the order itself is the same.
 */
export const NEWEST_FIRST = [sql`${conversations.lastMessageAt} desc nulls last`, sql`${conversations.id} desc nulls last`];

/** The keyset of "latest activity": rows strictly after (older than) the given one. */
export function olderThan(at: string, id: string): SQL {
  return sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${at}::timestamptz, ${id}::uuid)`;
}
