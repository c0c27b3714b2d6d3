import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forwardedEntry, replyEntry } from '@/server/channels/whatsapp/context-fixtures';
import { callerFor } from '@/server/testing/factories';
import { listFacts, secondsAgo, setUpMeaningsTestbed } from './meanings-testbed';

// Replies and forwards (Meta's `context`, see server/channels/whatsapp/context-fixtures.ts), posted signed through
// the webhook and ingest, read back as the pane reads them.
const bed = setUpMeaningsTestbed();
const { A, post, byProvider, conversationRow, customerWithMessage } = bed;
const list = (conversationId: string) => callerFor(bed.database.db, bed.agentId, A.workspaceId).message.list({ conversationId });
const listed = async (conversationId: string, providerId: string) => {
  const id = (await byProvider(providerId))!.id;
  return (await list(conversationId)).items.find((m) => m.id === id)!;
};

describe("a customer's reply", () => {
  it('shows the message it quotes, ours or theirs, resolved when the timeline is read', async () => {
    const { from, id, message, conversationId } = await customerWithMessage();
    const ours = `wamid.${randomUUID()}`;
    await bed.database.sql`
      insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body, status, provider_message_id)
      values (${A.workspaceId}, ${conversationId}, ${A.channelId}, 'out', 'text', 'It comes in blue', 'delivered', ${ours})`;
    const replyToUs = `wamid.${randomUUID()}`;
    const replyToThem = `wamid.${randomUUID()}`;
    await post(A, from, replyEntry(replyToUs, 'Blue is perfect', ours, secondsAgo(60)));
    await post(A, from, replyEntry(replyToThem, 'I mean this one', id, secondsAgo(30), from));

    expect((await byProvider(replyToUs))!.payload).toMatchObject({ quotedId: ours });
    const quoted = (await byProvider(ours))!;
    expect(await listed(conversationId, replyToUs)).toMatchObject({
      body: 'Blue is perfect',
      quote: { missing: false, id: quoted.id, body: 'It comes in blue', direction: 'out', deleted: false },
      forwarded: null,
    });
    expect(await listed(conversationId, replyToThem)).toMatchObject({
      quote: { missing: false, id: message.id, body: 'Does it come in another color?', direction: 'in' },
    });
    // Every message says whether it can be quoted or reacted to, never its provider id.
    expect(await listed(conversationId, replyToThem)).not.toHaveProperty('providerMessageId');
  });

  it('quoting a message we do not have shows it as not available, and is stored as any message', async () => {
    const { from, conversationId } = await customerWithMessage();
    const reply = `wamid.${randomUUID()}`;
    await post(A, from, replyEntry(reply, 'About my order', 'wamid.older-than-our-history', secondsAgo(10)));
    expect(await listed(conversationId, reply)).toMatchObject({ body: 'About my order', quote: { missing: true } });
    // A reply is a customer message like any other: it counts as unread and refreshes the window.
    expect((await conversationRow(conversationId)).unreadCount).toBe(2);
  });

  it("never resolves to another customer's message, even on the same number", async () => {
    const other = await customerWithMessage(A, 'A secret of someone else');
    const { from, conversationId } = await customerWithMessage();
    const reply = `wamid.${randomUUID()}`;
    await post(A, from, replyEntry(reply, 'That one', other.id, secondsAgo(10)));
    expect(await listed(conversationId, reply)).toMatchObject({ quote: { missing: true } });
  });

  it('quoting a message the customer deleted shows no text of it', async () => {
    const { from, id, conversationId } = await customerWithMessage();
    await bed.database.sql`update messages set deleted_at = now(), deleted_body = body, body = null where provider_message_id = ${id}`;
    const reply = `wamid.${randomUUID()}`;
    await post(A, from, replyEntry(reply, 'Ignore that', id, secondsAgo(10)));
    expect(await listed(conversationId, reply)).toMatchObject({ quote: { missing: false, body: null, deleted: true } });
  });
});

describe('forwarded messages', () => {
  it('carry the forwarded or forwarded-many-times mark, and move the list like any message', async () => {
    const { from, conversationId } = await customerWithMessage();
    const before = listFacts(await conversationRow(conversationId));
    const once = `wamid.${randomUUID()}`;
    const many = `wamid.${randomUUID()}`;
    await post(A, from, forwardedEntry(once, 'Look at this offer', secondsAgo(20)));
    await post(A, from, forwardedEntry(many, 'Chain letter', secondsAgo(10), true));
    expect(await listed(conversationId, once)).toMatchObject({ forwarded: 'forwarded', quote: null });
    expect(await listed(conversationId, many)).toMatchObject({ forwarded: 'frequently_forwarded' });
    expect((await conversationRow(conversationId)).unreadCount).toBe(before.unreadCount + 2);
  });
});
