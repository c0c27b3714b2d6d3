import { and, desc, inArray, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { messages } from '@/db/schema';
import { phoneDigits } from '@/server/domain/phone';
import { normalizeSearchText } from '@/server/domain/search-normalize';
import { likeEscape, type TSearch } from '@/server/domain/search-query';

export type TMatch = { field: 'name' | 'email' | 'phone' | 'message'; snippet?: string };

/** Why each result matched, so the list can highlight it: a contact field, or a message snippet (one query a page). */
export async function explainMatches(
  db: TDbOrTx,
  rows: { id: string; firstName: string | null; lastName: string | null; email: string | null; phone: string | null }[],
  search: TSearch,
): Promise<Map<string, TMatch>> {
  const result = new Map<string, TMatch>();
  const needMessage: string[] = [];
  for (const row of rows) {
    const name = normalizeSearchText(`${row.firstName ?? ''} ${row.lastName ?? ''}`);
    const digits = phoneDigits(row.phone ?? '');
    if (search.text && name.includes(search.text)) result.set(row.id, { field: 'name' });
    else if (search.text && row.email && normalizeSearchText(row.email).includes(search.text)) result.set(row.id, { field: 'email' });
    else if (search.phone && (search.phone.anchored ? digits.startsWith(search.phone.digits) : digits.includes(search.phone.digits))) {
      result.set(row.id, { field: 'phone' });
    } else needMessage.push(row.id);
  }
  if (needMessage.length > 0 && search.text.length >= 3) {
    const pattern = `%${likeEscape(search.text)}%`;
    const snippets = await db
      .selectDistinctOn([messages.conversationId], { conversationId: messages.conversationId, body: messages.body })
      .from(messages)
      .where(
        and(
          inArray(messages.conversationId, needMessage),
          // The stored normalised text: null on notes and events, so only messages in and out can match.
          sql`${messages.searchBody} like ${pattern}`,
        ),
      )
      .orderBy(messages.conversationId, desc(messages.id));
    for (const s of snippets) result.set(s.conversationId, { field: 'message', snippet: s.body ?? '' });
  }
  return result;
}
