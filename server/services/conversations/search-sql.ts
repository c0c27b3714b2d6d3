import { sql, type SQL } from 'drizzle-orm';
import { contactIdentities, contacts, conversations, messages } from '@/db/schema';
import { likeEscape, prefixBounds, type TSearch } from '@/server/domain/search-query';

/**
 * The inbox search as SQL, in the two forms of search-plan.ts. One predicate: a conversation matches when its
 * contact's name or email (contacts.search_text, normalised) contains the text, or its phone digits match, or its
 * contact has a WhatsApp username starting with the handle, or one of its messages in or out contains the text.
 */

/**
 * How the page is found (chosen in search-plan.ts): `set` builds every match from the trigram indexes, then joins and
 * sorts them; `walk` reads the view by recency and tests each conversation, reading at most `bound` of them, with
 * its contact and its messages each tested per conversation (`test`) or taken as a hashed set (`set`).
 */
export type TSearchPlan = { kind: 'set' } | { kind: 'walk'; contacts: 'set' | 'test'; messages: 'set' | 'test'; bound: number };

/** The contact part on a contacts row under `alias`, spelled as its trigram indexes are (search_text, phone digits). */
export function contactMatchSql(alias: string, search: TSearch): SQL {
  const k = sql.raw(alias);
  const text = sql`${k}.search_text like ${`%${likeEscape(search.text)}%`}`;
  if (!search.phone) return text;
  const digits = search.phone.anchored ? `${search.phone.digits}%` : `%${search.phone.digits}%`;
  return sql`(${text} or nafidha_phone_digits(${k}.phone) like ${digits})`;
}

/**
 * The message part on a messages row under `alias`: its stored normalised text (null on notes and events), spelled
 * as messages_search_body_idx is (column and predicate).
 */
export function messageMatchSql(alias: string, text: string): SQL {
  const m = sql.raw(alias);
  return sql`${m}.search_body like ${`%${likeEscape(text)}%`} and ${m}.search_body is not null`;
}

/** Contacts of the workspace with a username starting with the handle (contact_identities_username_idx). */
function usernameContacts(workspaceId: string, search: TSearch): SQL | null {
  const bounds = search.username ? prefixBounds(search.username) : null;
  if (!bounds) return null;
  return sql`select ci.contact_id from ${contactIdentities} ci where ci.workspace_id = ${workspaceId}
    and ci.username is not null and lower(ci.username) ~>=~ ${bounds.from} and lower(ci.username) ~<~ ${bounds.below}`;
}

/** Message text is searched from three letters on (a trigram index needs at least one trigram). */
function searchesMessages(search: TSearch): boolean {
  return search.text.length >= 3;
}

/**
 * The set form: contacts and message text in separate subqueries, each shaped to use its own trigram index, then
 * combined (an OR across the two tables would defeat both indexes).
 */
function matchSet(workspaceId: string, search: TSearch): SQL {
  const usernames = usernameContacts(workspaceId, search);
  const usernameSearch = usernames
    ? sql`union select cv.id from ${conversations} cv where cv.workspace_id = ${workspaceId} and cv.contact_id in (${usernames})`
    : sql``;
  const messageSearch = searchesMessages(search)
    ? sql`union select m.conversation_id from ${messages} m where ${messageMatchSql('m', search.text)} and m.workspace_id = ${workspaceId}`
    : sql``;
  return sql`${conversations.id} in (
    select cv.id from ${conversations} cv where cv.workspace_id = ${workspaceId}
      and cv.contact_id in (select k.id from ${contacts} k where k.workspace_id = ${workspaceId} and ${contactMatchSql('k', search)})
    ${usernameSearch}
    ${messageSearch})`;
}

/**
 * The walk form: a test of one conversation. `offset 0` keeps each EXISTS a per-row test (PostgreSQL would
 * otherwise turn it into a hashed set of every match, the very work the walk avoids).
 */
function matchTest(workspaceId: string, search: TSearch, contactsAs: 'set' | 'test', messagesAs: 'set' | 'test'): SQL {
  const tests: SQL[] = [
    contactsAs === 'test'
      ? sql`exists (select 1 from ${contacts} k where k.id = ${conversations.contactId} and ${contactMatchSql('k', search)} offset 0)`
      : sql`${conversations.contactId} in (select k.id from ${contacts} k where k.workspace_id = ${workspaceId} and ${contactMatchSql('k', search)})`,
  ];
  const usernames = usernameContacts(workspaceId, search);
  if (usernames) tests.push(sql`${conversations.contactId} in (${usernames})`);
  if (searchesMessages(search)) {
    tests.push(
      messagesAs === 'test'
        ? sql`exists (select 1 from ${messages} m where m.conversation_id = ${conversations.id} and ${messageMatchSql('m', search.text)} offset 0)`
        : sql`${conversations.id} in (select m.conversation_id from ${messages} m where ${messageMatchSql('m', search.text)} and m.workspace_id = ${workspaceId})`,
    );
  }
  return sql`(${sql.join(tests, sql` or `)})`;
}

export function searchSql(workspaceId: string, search: TSearch, plan: TSearchPlan): SQL {
  return plan.kind === 'set' ? matchSet(workspaceId, search) : matchTest(workspaceId, search, plan.contacts, plan.messages);
}
