import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '@/db/schema';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { deliverSignedWebhooks, serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createConversation, createUser, createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { deliverMessage } from './delivery';
import { setStatus } from './message-status';

/**
 * An agent's reply to a specific message and an agent's reaction, queued like any send and delivered through the
 * real WhatsApp adapter to the local Graph fake, whose received bodies are checked against Meta's send shapes
 * (/work/shared/reference/meta-messaging.md §3: `context.message_id`; `type: "reaction"`, an empty emoji removing).
 */
const SECRET = 'replies-secret';
const HOUR = 3_600_000;
let database: TTestDatabase;
let graph: TGraphServer;
let fake: ReturnType<typeof createFakeGraph>;
let agent: { id: string };
let stranger: { id: string };
let workspaceId: string;
let otherWorkspaceId: string;
let nextNumber = 720000000;

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  fake = createFakeGraph({
    statusDelayMs: 5,
    deliver: deliverSignedWebhooks(database.db, SECRET),
  });
  graph = await serveFakeGraph(fake);
  workspaceId = (await createWorkspace(database.db, 'Acme')).id;
  otherWorkspaceId = (await createWorkspace(database.db, 'Other')).id;
  agent = await createUser(database.db, workspaceId, 'agent');
  stranger = await createUser(database.db, otherWorkspaceId, 'admin');
});
afterAll(async () => {
  await graph.close();
  await stopBoss();
  await database.drop();
});

/** A WhatsApp conversation with one customer message (provider id `quotedId`), its window open unless told otherwise. */
async function conversationWithCustomerMessage(lastInboundAt = new Date(Date.now() - HOUR)) {
  const phoneNumberId = String(nextNumber++);
  const channel = await createWhatsAppChannel(database.db, { workspaceId, phoneNumberId, appSecret: SECRET, graphBaseUrl: graph.url });
  const { conversation } = await createConversation(database.db, {
    workspaceId,
    channel: { id: channel.id, type: 'whatsapp' },
    assigneeId: agent.id,
    lastInboundAt,
  });
  await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id)
    values (${workspaceId}, ${conversation.contactId}, ${channel.id}, ${`1650${phoneNumberId}`})`;
  const quotedId = `wamid.${randomUUID()}`;
  const [inbound] = await database.db
    .insert(messages)
    .values({
      workspaceId,
      conversationId: conversation.id,
      channelId: channel.id,
      direction: 'in',
      kind: 'text',
      body: 'Which size should I take?',
      providerMessageId: quotedId,
      sentAt: lastInboundAt,
    })
    .returning({ id: messages.id });
  return { conversationId: conversation.id, inboundId: inbound!.id, quotedId, phoneNumberId };
}
const row = async (id: number) => (await database.db.select().from(messages).where(eq(messages.id, id)))[0]!;
const lastSent = () => fake.sent.at(-1)!;
const as = (userId = agent.id) => callerFor(database.db, userId);

describe("an agent's reply to a message", () => {
  it('carries context.message_id to the Graph API, and shows the quote on our message', async () => {
    const c = await conversationWithCustomerMessage();
    const { messageId } = await as().message.send({
      conversationId: c.conversationId,
      clientKey: randomUUID(),
      content: { kind: 'text', text: 'Take a medium', replyTo: c.inboundId },
    });
    expect((await row(messageId)).payload).toEqual({ quotedId: c.quotedId });
    expect((await deliverMessage(database.db, messageId)).outcome).toBe('sent');
    expect(lastSent()).toMatchObject({ type: 'text', context: { message_id: c.quotedId }, text: { body: 'Take a medium' } });
    const { items } = await as().message.list({ conversationId: c.conversationId });
    expect(items.find((m) => m.id === messageId)).toMatchObject({
      quote: { missing: false, id: c.inboundId, body: 'Which size should I take?', direction: 'in' },
    });
  });

  it('is refused for a message of another conversation or workspace, and for one that never reached WhatsApp', async () => {
    const c = await conversationWithCustomerMessage();
    const elsewhere = await conversationWithCustomerMessage();
    const send = (replyTo: number) =>
      as().message.send({ conversationId: c.conversationId, clientKey: randomUUID(), content: { kind: 'text', text: 'x', replyTo } });
    await expect(send(elsewhere.inboundId)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('replied to') });
    const { messageId: queued } = await as().message.send({
      conversationId: c.conversationId,
      clientKey: randomUUID(),
      content: { kind: 'text', text: 'queued' },
    });
    await expect(send(queued)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // Another workspace's admin does not even find the conversation.
    await expect(
      as(stranger.id).message.send({
        conversationId: c.conversationId,
        clientKey: randomUUID(),
        content: { kind: 'text', text: 'x', replyTo: c.inboundId },
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('without a quote sends no context', async () => {
    const c = await conversationWithCustomerMessage();
    const { messageId } = await as().message.send({
      conversationId: c.conversationId,
      clientKey: randomUUID(),
      content: { kind: 'text', text: 'Plain' },
    });
    await deliverMessage(database.db, messageId);
    expect(lastSent()).not.toHaveProperty('context');
  });
});

describe("an agent's reaction", () => {
  it('goes out through the send queue as a reaction, shows on its target (not as a bubble), and is removed by an empty emoji', async () => {
    const c = await conversationWithCustomerMessage();
    const before = (await as().message.list({ conversationId: c.conversationId })).items.length;
    const { messageId } = await as().message.react({ messageId: c.inboundId, emoji: '👍', clientKey: randomUUID() });
    expect(await row(messageId)).toMatchObject({ direction: 'out', kind: 'reaction', status: 'queued' });
    expect((await row(c.inboundId)).agentReaction).toBe('👍');
    expect((await deliverMessage(database.db, messageId)).outcome).toBe('sent');
    expect(lastSent()).toMatchObject({ type: 'reaction', reaction: { message_id: c.quotedId, emoji: '👍' } });

    const { items } = await as().message.list({ conversationId: c.conversationId });
    expect(items).toHaveLength(before);
    expect(items.find((m) => m.id === c.inboundId)).toMatchObject({ agentReaction: '👍', customerReaction: null });

    const removal = await as().message.react({ messageId: c.inboundId, emoji: '', clientKey: randomUUID() });
    expect((await row(c.inboundId)).agentReaction).toBeNull();
    await deliverMessage(database.db, removal.messageId);
    expect(lastSent()).toMatchObject({ type: 'reaction', reaction: { message_id: c.quotedId, emoji: '' } });
    // Only `sent` follows a reaction (Meta's send reference): the fake reports no more, and the row stays sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await row(removal.messageId)).status).toBe('sent');
  });

  it('goes back to the reaction it replaced when Meta refuses it, unless an agent reacted again since', async () => {
    const c = await conversationWithCustomerMessage();
    const first = await as().message.react({ messageId: c.inboundId, emoji: '👍', clientKey: randomUUID() });
    await setStatus(database.db, first.messageId, 'sent', { providerMessageId: `wamid.${randomUUID()}` });
    const refused = await as().message.react({ messageId: c.inboundId, emoji: '❤️', clientKey: randomUUID() });
    expect((await row(c.inboundId)).agentReaction).toBe('❤️');
    await setStatus(database.db, refused.messageId, 'failed', { failure: { code: '131000', kind: 'permanent' } });
    expect((await row(c.inboundId)).agentReaction).toBe('👍');

    // A newer reaction wins over an older one's refusal, even with the same emoji.
    const older = await as().message.react({ messageId: c.inboundId, emoji: '😂', clientKey: randomUUID() });
    await as().message.react({ messageId: c.inboundId, emoji: '😂', clientKey: randomUUID() });
    await setStatus(database.db, older.messageId, 'failed', { failure: { code: '131000', kind: 'permanent' } });
    expect((await row(c.inboundId)).agentReaction).toBe('😂');
  });

  it('is the same reaction when retried with the same client key', async () => {
    const c = await conversationWithCustomerMessage();
    const clientKey = randomUUID();
    const first = await as().message.react({ messageId: c.inboundId, emoji: '❤️', clientKey });
    expect(await as().message.react({ messageId: c.inboundId, emoji: '❤️', clientKey })).toEqual({
      messageId: first.messageId,
      duplicate: true,
    });
  });

  it('is refused outside the window with the same translated error as text', async () => {
    const c = await conversationWithCustomerMessage(new Date(Date.now() - 25 * HOUR));
    await expect(as().message.react({ messageId: c.inboundId, emoji: '👍', clientKey: randomUUID() })).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('template'),
    });
    expect((await row(c.inboundId)).agentReaction).toBeNull();
  });

  it("is refused for another workspace's message, for our own messages, and for emoji outside the set", async () => {
    const c = await conversationWithCustomerMessage();
    await expect(as(stranger.id).message.react({ messageId: c.inboundId, emoji: '👍', clientKey: randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const { messageId: ours } = await as().message.send({
      conversationId: c.conversationId,
      clientKey: randomUUID(),
      content: { kind: 'text', text: 'Ours' },
    });
    await expect(as().message.react({ messageId: ours, emoji: '👍', clientKey: randomUUID() })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(as().message.react({ messageId: c.inboundId, emoji: '🦄' as '👍', clientKey: randomUUID() })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect((await row(c.inboundId)).agentReaction).toBeNull();
  });
});
