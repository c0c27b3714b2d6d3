import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DISPLAY_NUMBER, textEntry } from '@/server/channels/whatsapp/meaning-fixtures';
import { secondsAgo, setUpMeaningsTestbed, type TMeaningsChannel } from '@/server/services/ingest/meanings-testbed';
import { callerFor } from '@/server/testing/factories';

// 2026 usernames: `contacts[].profile.username` beside `user_id` (meta-messaging.md §BSUID, Meta's business-scoped
// user ids page); wa_id may be empty for a customer known by their username. Shapes written for these tests.
const bed = setUpMeaningsTestbed();
const { A, B, postChange, byProvider } = bed;

async function writeAs(ws: TMeaningsChannel, who: { waId: string; bsuid: string; username?: string }, body: string) {
  const id = `wamid.${randomUUID()}`;
  await postChange(ws, 'messages', {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: DISPLAY_NUMBER, phone_number_id: ws.phoneNumberId },
    contacts: [
      { profile: { name: 'Layla Haddad', ...(who.username ? { username: who.username } : {}) }, wa_id: who.waId, user_id: who.bsuid },
    ],
    messages: [{ from: who.waId, from_user_id: who.bsuid, ...textEntry(id, body, secondsAgo(60)) }],
  });
  return (await byProvider(id))!.conversationId;
}
const usernameOf = async (bsuid: string) =>
  (await bed.database.sql<{ username: string | null }[]>`select username from contact_identities where bsuid = ${bsuid}`)[0]!.username;
const search = async (ws: TMeaningsChannel, userId: string, q: string) =>
  (await callerFor(bed.database.db, userId, ws.workspaceId).conversation.list({ view: 'all', status: 'open', q })).items.map((i) => i.id);

describe('WhatsApp usernames', () => {
  it('are stored on the identity (adopted later, or changed), shown with the contact and found from the inbox search', async () => {
    const tag = randomUUID().slice(0, 6);
    const who = { waId: '', bsuid: `US.${randomUUID()}` };
    const conversationId = await writeAs(A, { ...who, waId: '966512340001' }, 'Hello');
    expect(await usernameOf(who.bsuid)).toBeNull();
    // Adopted since: the next message carries it (wa_id may now be empty).
    await writeAs(A, { ...who, username: `Layla.Shop_${tag}` }, 'Me again');
    expect(await usernameOf(who.bsuid)).toBe(`layla.shop_${tag}`);

    for (const q of [`@layla.shop_${tag}`, `layla.shop_${tag}`, `@Layla.Sh`, `LAYLA.SHOP_${tag}`])
      expect(await search(A, bed.adminId, q), q).toContain(conversationId);
    // The start of the handle, not its middle (the index matches prefixes); a `_` is a character, not a wildcard.
    expect(await search(A, bed.adminId, `shop_${tag}`)).not.toContain(conversationId);
    expect(await search(A, bed.adminId, `@layla.shopx${tag}`)).not.toContain(conversationId);

    const got = await callerFor(bed.database.db, bed.adminId, A.workspaceId).conversation.get({ id: conversationId });
    expect(got.contact.username).toBe(`layla.shop_${tag}`);

    await writeAs(A, { ...who, username: `layla_new_${tag}` }, 'New handle');
    expect(await usernameOf(who.bsuid)).toBe(`layla_new_${tag}`);
    expect(await search(A, bed.adminId, `@layla_new_${tag}`)).toContain(conversationId);
  });

  it('a new customer arriving with a username has it at once; another workspace’s customer is never found', async () => {
    const tag = randomUUID().slice(0, 6);
    const mine = await writeAs(A, { waId: '', bsuid: `US.${randomUUID()}`, username: `omar_${tag}` }, 'Hi');
    const theirs = await writeAs(B, { waId: '', bsuid: `US.${randomUUID()}`, username: `omar_${tag}` }, 'Hi');
    expect(await search(A, bed.adminId, `@omar_${tag}`)).toEqual([mine]);
    expect(await search(A, bed.adminId, `@omar_${tag}`)).not.toContain(theirs);
  });

  it('the username lookup reads its own index (no scan of the workspace’s identities)', async () => {
    const rows = await bed.database.sql.begin(async (tx) => {
      await tx`set local enable_seqscan = off`;
      return tx.unsafe<{ 'QUERY PLAN': string }[]>(
        `explain select ci.contact_id from contact_identities ci where ci.workspace_id = $1
           and ci.username is not null and lower(ci.username) ~>=~ $2 and lower(ci.username) ~<~ $3`,
        [A.workspaceId, 'layla', 'laylb'],
      );
    });
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('contact_identities_username_idx');
  });
});
