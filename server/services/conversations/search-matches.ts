import { sql } from 'drizzle-orm';
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
    // Each conversation's newest matching message, read newest first through its own index and stopping at the
    // first match: a common word would otherwise pull every match of the workspace from the trigram index.
    const snippets = (await db.execute(sql`
      select c.id as "conversationId",
        (select m.body from ${messages} m where m.conversation_id = c.id and m.search_body like ${pattern}
         order by m.id desc limit 1) as body
      from unnest(${`{${needMessage.join(',')}}`}::uuid[]) as c(id)`)) as unknown as { conversationId: string; body: string | null }[];
    for (const s of snippets) if (s.body !== null) result.set(s.conversationId, { field: 'message', snippet: s.body });
  }
  return result;
}
