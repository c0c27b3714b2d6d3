import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { numberChangeEntry, textEntry, userIdChangeEntry } from '@/server/channels/whatsapp/meaning-fixtures';
import { callerFor } from '@/server/testing/factories';
import { listFacts, secondsAgo, setUpMeaningsTestbed } from './meanings-testbed';

// Meta's system notices (server/channels/whatsapp/parse-identity.ts cites the reference pages), posted signed through
// the real webhook handler and ingest.
const bed = setUpMeaningsTestbed();
const { A, post, byProvider, conversationRow, messageCount, customerWithMessage } = bed;
const newNumber = () =>
  `1219${Math.floor(Math.random() * 1e7)
    .toString()
    .padStart(7, '0')}`;
const identitiesOf = (contactId: string) =>
  bed.database.sql<{ external_id: string | null; bsuid: string | null }[]>`
    select external_id, bsuid from contact_identities where contact_id = ${contactId}`;
const contactOf = async (conversationId: string) =>
  (
    await bed.database.sql<{ id: string; phone: string | null }[]>`
    select c.id, c.phone from contacts c join conversations v on v.contact_id = c.id where v.id = ${conversationId}`
  )[0]!;

describe('a customer who changed their number', () => {
  it('keeps their contact and conversation: the next message from the new number lands in it, with a line and no unread', async () => {
    const known = await customerWithMessage();
    const before = await conversationRow(known.conversationId);
    const contact = await contactOf(known.conversationId);
    const next = newNumber();
    const notice = `wamid.${randomUUID()}`;
    await post(A, known.from, numberChangeEntry(notice, next, secondsAgo(60)));

    expect(await byProvider(notice)).toMatchObject({
      conversationId: known.conversationId,
      kind: 'event',
      payload: { meaning: 'system', identity: { kind: 'number', phone: `+${next}` } },
    });
    expect(await identitiesOf(contact.id)).toEqual([{ external_id: next, bsuid: null }]);
    expect((await contactOf(known.conversationId)).phone).toBe(`+${next}`);
    expect(listFacts(await conversationRow(known.conversationId))).toEqual(listFacts(before));

    const count = await messageCount(known.conversationId);
    const hello = `wamid.${randomUUID()}`;
    await post(A, next, textEntry(hello, 'New number, same me', secondsAgo(0)));
    expect((await byProvider(hello))!.conversationId).toBe(known.conversationId);
    expect(await messageCount(known.conversationId)).toBe(count + 1);
    // What agents read: the line in the timeline, the contact's new number in the header.
    const caller = callerFor(bed.database.db, bed.agentId, A.workspaceId);
    const timeline = await caller.message.list({ conversationId: known.conversationId });
    expect(timeline.items.some((m) => m.kind === 'event' && (m.payload as { identity?: unknown }).identity)).toBe(true);
  });

  it('leaves a phone an agent had set, and moves to the new BSUID when Meta regenerated it', async () => {
    const known = await customerWithMessage();
    const contact = await contactOf(known.conversationId);
    await bed.database.sql`update contacts set phone = '+966500000001' where id = ${contact.id}`;
    await bed.database.sql`update contact_identities set bsuid = 'US.before' where contact_id = ${contact.id}`;
    const next = newNumber();
    await post(
      A,
      known.from,
      numberChangeEntry(`wamid.${randomUUID()}`, next, secondsAgo(5), { user_id: 'US.after', previous_user_id: 'US.before' }),
    );
    expect(await identitiesOf(contact.id)).toEqual([{ external_id: next, bsuid: 'US.after' }]);
    expect((await contactOf(known.conversationId)).phone).toBe('+966500000001');
  });

  it('never takes a number another customer of the channel already writes from: both stay as they were', async () => {
    const known = await customerWithMessage();
    const other = await customerWithMessage();
    const notice = `wamid.${randomUUID()}`;
    await post(A, known.from, numberChangeEntry(notice, other.from, secondsAgo(5)));
    expect(await byProvider(notice)).toMatchObject({ conversationId: known.conversationId, kind: 'event' });
    expect(await identitiesOf((await contactOf(known.conversationId)).id)).toEqual([{ external_id: known.from, bsuid: null }]);
    expect(await identitiesOf((await contactOf(other.conversationId)).id)).toEqual([{ external_id: other.from, bsuid: null }]);
  });

  it('a replayed notice changes nothing more', async () => {
    const known = await customerWithMessage();
    const next = newNumber();
    const notice = numberChangeEntry(`wamid.${randomUUID()}`, next, secondsAgo(5));
    await post(A, known.from, notice);
    const count = await messageCount(known.conversationId);
    await post(A, known.from, notice);
    expect(await messageCount(known.conversationId)).toBe(count);
    expect(await identitiesOf((await contactOf(known.conversationId)).id)).toEqual([{ external_id: next, bsuid: null }]);
  });
});

describe('a customer whose BSUID changed', () => {
  it('is found by the previous BSUID and known by the new one from then on', async () => {
    const known = await customerWithMessage();
    const contact = await contactOf(known.conversationId);
    await bed.database.sql`update contact_identities set bsuid = 'US.first' where contact_id = ${contact.id}`;
    await post(A, known.from, userIdChangeEntry(`wamid.${randomUUID()}`, 'US.first', 'US.second', secondsAgo(5)));
    expect(await identitiesOf(contact.id)).toEqual([{ external_id: known.from, bsuid: 'US.second' }]);
    expect((await contactOf(known.conversationId)).phone).toBe(`+${known.from}`);
  });
});
