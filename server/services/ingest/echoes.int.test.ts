import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { businessInitiatedSends, contacts, conversations, messages } from '@/db/schema';
import { appStateSyncValue, echoTemplateEntry, echoTextEntry, echoValue } from '@/server/channels/whatsapp/echo-fixtures';
import { editEntry, reactionEntry, revokeEntry, textEntry } from '@/server/channels/whatsapp/meaning-fixtures';
import { callerFor } from '@/server/testing/factories';
import { listFacts, secondsAgo, setUpMeaningsTestbed, type TMeaningsChannel } from './meanings-testbed';

// smb_message_echoes as Meta's reference shows it (server/channels/whatsapp/echo-fixtures.ts), signed and posted
// through the real webhook handler and ingest.
const bed = setUpMeaningsTestbed();
const { A, B, post, postChange, byProvider, conversationRow, messageCount, customerWithMessage } = bed;

const echo = (ws: TMeaningsChannel, customer: string, entries: Record<string, unknown>[]) =>
  postChange(ws, 'smb_message_echoes', echoValue(ws.phoneNumberId, customer, entries));
const newCustomer = () =>
  `9665${Math.floor(Math.random() * 1e8)
    .toString()
    .padStart(8, '0')}`;

describe('messages echoed from the business phone', () => {
  it('join the conversation as outbound messages, once, without touching the window, the unread count or the assignee', async () => {
    const { from, conversationId } = await customerWithMessage();
    await bed.database.db.update(conversations).set({ status: 'closed', closedAt: new Date() }).where(eq(conversations.id, conversationId));
    const before = await conversationRow(conversationId);
    const id = `wamid.${randomUUID()}`;
    await echo(A, from, [echoTextEntry(id, 'Yes, in blue and red', secondsAgo(60))]);
    // Meta retries: the same echo again stores nothing more.
    await echo(A, from, [echoTextEntry(id, 'Yes, in blue and red', secondsAgo(60))]);

    const stored = (await byProvider(id))!;
    expect(stored).toMatchObject({
      conversationId,
      direction: 'out',
      status: 'sent',
      kind: 'text',
      body: 'Yes, in blue and red',
      authorId: null,
    });
    expect(stored.payload).toMatchObject({ sentFrom: 'phone' });
    expect(stored.sentAt!.getTime()).toBe(Math.floor(secondsAgo(60).getTime() / 1000) * 1000);
    expect(await messageCount(conversationId)).toBe(2);

    const after = await conversationRow(conversationId);
    expect({ ...listFacts(after), lastMessageAt: before.lastMessageAt, waitingSince: before.waitingSince }).toEqual(listFacts(before));
    expect(after).toMatchObject({
      status: 'closed',
      assigneeId: null,
      unreadCount: 1,
      previewText: 'Yes, in blue and red',
      previewDirection: 'out',
    });
    // Answered from the phone: the customer is no longer waiting (no closing-soon alert), and the row moved up.
    expect(after.waitingSince).toBeNull();
    expect(after.lastMessageAt.getTime()).toBeGreaterThanOrEqual(before.lastMessageAt.getTime());
    expect(after.windowClosesAt).toEqual(before.windowClosesAt);
  });

  it('are stored in the order they were sent, and a later customer message keeps the preview', async () => {
    const { from, conversationId } = await customerWithMessage();
    const ids = [0, 1, 2].map(() => `wamid.${randomUUID()}`);
    await echo(A, from, [
      echoTextEntry(ids[1]!, 'second', secondsAgo(120)),
      echoTextEntry(ids[2]!, 'third', secondsAgo(60)),
      echoTextEntry(ids[0]!, 'first', secondsAgo(180)),
    ]);
    const rows = await bed.database.db
      .select({ body: messages.body })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, 'out')))
      .orderBy(messages.id);
    expect(rows.map((r) => r.body)).toEqual(['first', 'second', 'third']);

    await post(A, from, textEntry(`wamid.${randomUUID()}`, 'Great, the red one', secondsAgo(30)));
    // An echo that arrives after a newer customer message is listed but does not take the preview back.
    await echo(A, from, [echoTextEntry(`wamid.${randomUUID()}`, 'late echo', secondsAgo(45))]);
    expect(await conversationRow(conversationId)).toMatchObject({
      previewText: 'Great, the red one',
      previewDirection: 'in',
      unreadCount: 2,
    });
    expect((await conversationRow(conversationId)).waitingSince).not.toBeNull();
  });

  it('to someone who never wrote open their conversation with no window and nothing unread', async () => {
    const customer = newCustomer();
    const id = `wamid.${randomUUID()}`;
    await echo(A, customer, [echoTextEntry(id, 'Your order is ready', secondsAgo(10))]);
    const stored = (await byProvider(id))!;
    const conversation = await conversationRow(stored.conversationId);
    expect(conversation).toMatchObject({ lastInboundAt: null, windowClosesAt: null, unreadCount: 0, waitingSince: null, status: 'open' });
    const [contact] = await bed.database.db.select().from(contacts).where(eq(contacts.id, conversation.contactId));
    expect(contact).toMatchObject({ phone: `+${customer}`, firstName: 'Sheena' });
  });

  it('count a template outside the window toward the messaging limit, and nothing else', async () => {
    const counted = async (id: string) =>
      (
        await bed.database.db
          .select()
          .from(businessInitiatedSends)
          .innerJoin(messages, eq(messages.id, businessInitiatedSends.messageId))
          .where(eq(messages.providerMessageId, id))
      ).length;
    // No window: a stranger.
    const outside = `wamid.${randomUUID()}`;
    await echo(A, newCustomer(), [echoTemplateEntry(outside, 'order_update', secondsAgo(20))]);
    expect(await byProvider(outside)).toMatchObject({
      kind: 'template',
      templateName: 'order_update',
      templateLanguage: 'en_US',
      direction: 'out',
    });
    expect(await counted(outside)).toBe(1);
    // Replayed: still once.
    await echo(A, newCustomer(), [echoTemplateEntry(outside, 'order_update', secondsAgo(20))]);
    expect(await counted(outside)).toBe(1);

    // Inside the window (the customer wrote 4 hours ago): a reply, never counted; nor is free text outside it.
    const { from } = await customerWithMessage();
    const inside = `wamid.${randomUUID()}`;
    await echo(A, from, [echoTemplateEntry(inside, 'order_update', secondsAgo(10))]);
    expect(await counted(inside)).toBe(0);
    const text = `wamid.${randomUUID()}`;
    await echo(A, newCustomer(), [echoTextEntry(text, 'Hello from the shop', secondsAgo(10))]);
    expect(await counted(text)).toBe(0);
    expect(
      (await bed.database.db.select().from(businessInitiatedSends).where(eq(businessInitiatedSends.channelId, A.channelId))).length,
    ).toBe(1);
  });

  it('take their later statuses, and edits from the phone', async () => {
    const { from, conversationId } = await customerWithMessage();
    const id = `wamid.${randomUUID()}`;
    await echo(A, from, [echoTextEntry(id, 'Delivery at 5', secondsAgo(50))]);
    await postChange(A, 'messages', {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: A.phoneNumberId },
      statuses: [{ id, status: 'delivered', timestamp: String(Math.floor(secondsAgo(40).getTime() / 1000)), recipient_id: from }],
    });
    expect((await byProvider(id))!.status).toBe('delivered');
    await echo(A, from, [editEntry(`wamid.${randomUUID()}`, id, 'Delivery at 6', secondsAgo(30))]);
    expect(await byProvider(id)).toMatchObject({ body: 'Delivery at 6', direction: 'out' });
    expect(await messageCount(conversationId)).toBe(2);
    // Deleted from the phone: the text leaves the bubble and the preview.
    await echo(A, from, [revokeEntry(`wamid.${randomUUID()}`, id, secondsAgo(25))]);
    expect(await byProvider(id)).toMatchObject({ body: null, deletedBody: 'Delivery at 6' });
    expect((await conversationRow(conversationId)).previewText).toBeNull();
    // A failure Meta reports for a message sent from the phone is shown, but the inbox never sends it again.
    const failing = `wamid.${randomUUID()}`;
    await echo(A, from, [echoTextEntry(failing, 'Are you there?', secondsAgo(15))]);
    await postChange(A, 'messages', {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '15550783881', phone_number_id: A.phoneNumberId },
      statuses: [
        {
          id: failing,
          status: 'failed',
          timestamp: String(Math.floor(secondsAgo(14).getTime() / 1000)),
          errors: [{ code: 131000, title: 'Something went wrong' }],
        },
      ],
    });
    expect(await byProvider(failing)).toMatchObject({ status: 'failed', failureKind: 'transient' });
    const agent = callerFor(bed.database.db, bed.agentId, A.workspaceId);
    await expect(agent.message.retry({ messageId: (await byProvider(failing))!.id })).rejects.toThrow('A retry cannot help');
    // A reaction from the phone has nowhere to go: acknowledged, nothing stored or changed.
    await echo(A, from, [reactionEntry(`wamid.${randomUUID()}`, id, '👍', secondsAgo(20))]);
    expect((await byProvider(id))!.customerReaction).toBeNull();
  });

  it('are listed to agents marked as sent from the phone, only in their own workspace', async () => {
    const { from, conversationId } = await customerWithMessage();
    const id = `wamid.${randomUUID()}`;
    await echo(A, from, [echoTextEntry(id, 'Sent from my phone', secondsAgo(5))]);
    const listed = await callerFor(bed.database.db, bed.agentId, A.workspaceId).message.list({ conversationId });
    expect(listed.items.at(-1)).toMatchObject({
      direction: 'out',
      status: 'sent',
      body: 'Sent from my phone',
      payload: { sentFrom: 'phone' },
    });
    // An echo naming A's number posted on B's channel is not B's to store, nor A's through B.
    const stray = `wamid.${randomUUID()}`;
    await postChange(B, 'smb_message_echoes', echoValue(A.phoneNumberId, from, [echoTextEntry(stray, 'stray', secondsAgo(5))]));
    expect(await byProvider(stray)).toBeUndefined();
  });

  it('that are malformed never fail the webhook nor their neighbours', async () => {
    const { from, conversationId } = await customerWithMessage();
    const good = `wamid.${randomUUID()}`;
    const odd = `wamid.${randomUUID()}`;
    await postChange(A, 'smb_message_echoes', {
      ...echoValue(A.phoneNumberId, from, [echoTextEntry(good, 'All good', secondsAgo(5))]),
      message_echoes: [
        { from: '15550783881', to: from, ...echoTextEntry(good, 'All good', secondsAgo(5)) },
        { from: '15550783881', to: from, id: odd, timestamp: '99999999999999999999', type: 'text', text: { body: 5 } },
        null,
        'not an echo',
        { to: from, type: 'text', text: { body: 'no id' } },
      ],
    });
    expect(await byProvider(good)).toMatchObject({ conversationId, direction: 'out', body: 'All good' });
    expect(await byProvider(odd)).toMatchObject({ conversationId, direction: 'out', kind: 'unsupported' });
    await postChange(A, 'smb_message_echoes', { metadata: { phone_number_id: A.phoneNumberId }, message_echoes: 'nope' });
    await postChange(A, 'smb_message_echoes', { nothing: true });
  });

  it('acknowledge the phone contact sync without storing it', async () => {
    const phone = newCustomer();
    await postChange(A, 'smb_app_state_sync', appStateSyncValue(A.phoneNumberId, phone, secondsAgo(5)));
    expect(
      await bed.database.db
        .select()
        .from(contacts)
        .where(eq(contacts.phone, `+${phone}`)),
    ).toEqual([]);
  });
});
