import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, messages } from '@/db/schema';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { deliverMessage, TransientDeliveryError } from '@/server/services/messages/delivery';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { deliverSignedWebhooks, serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { createFakeGraph } from './fake-graph';

const PHONE_NUMBER_ID = '555000111';
const SECRET = 'adapter-test-secret';
let database: TTestDatabase;
let graph: TGraphServer;
let agent: { id: string };
let channel: { id: string; type: 'whatsapp' };
let workspaceId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  // The fake reports statuses the way Meta does: signed webhooks into the real webhook handling.
  const fake = createFakeGraph({
    statusDelayMs: 50,
    deliver: deliverSignedWebhooks(database.db, SECRET),
  });
  graph = await serveFakeGraph(fake);
  const port = graph.port;
  const ws = await createWorkspace(database.db, 'Acme');
  workspaceId = ws.id;
  agent = await createUser(database.db, ws.id, 'agent');
  const [row] = await database.db
    .insert(channels)
    .values({
      workspaceId: ws.id,
      type: 'whatsapp',
      name: 'WA',
      externalId: PHONE_NUMBER_ID,
      config: {
        phoneNumberId: PHONE_NUMBER_ID,
        accessToken: 'token',
        appSecret: SECRET,
        verifyToken: 'v',
        graphBaseUrl: `http://127.0.0.1:${port}`,
        requestTimeoutMs: 300,
      },
    })
    .returning();
  channel = { id: row!.id, type: 'whatsapp' };
});
afterAll(async () => {
  await graph.close();
  await stopBoss();
  await database.drop();
});

async function queued(text: string) {
  const { conversation } = await createConversation(database.db, {
    workspaceId,
    channel,
    assigneeId: agent.id,
    phone: `+1650${String(Math.random()).slice(2, 9)}`,
  });
  await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id) values (${workspaceId}, ${conversation.contactId}, ${channel.id}, ${`1650${Date.now()}`})`;
  const { messageId } = await callerFor(database.db, agent.id).message.send({
    conversationId: conversation.id,
    clientKey: randomUUID(),
    content: { kind: 'text', text },
  });
  return { messageId, conversationId: conversation.id };
}
const row = async (id: number) => (await database.db.select().from(messages).where(eq(messages.id, id)))[0]!;

describe('the WhatsApp adapter against the Graph API fake', () => {
  it('sends, then status webhooks take the message through delivered to read', async () => {
    const { messageId } = await queued('Hello from the real adapter');
    expect((await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 5 })).outcome).toBe('sent');
    expect((await row(messageId)).providerMessageId).toMatch(/^wamid\.fake\./);
    await expect.poll(async () => (await row(messageId)).status, { timeout: 5000, interval: 50 }).toBe('read');
  });

  it('fails a synchronous 131047 with "window closed; send a template"', async () => {
    const { messageId } = await queued('late #131047-sync');
    expect((await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 5 })).outcome).toBe('failed');
    expect(await row(messageId)).toMatchObject({ status: 'failed', errorCode: '131047', errorReason: 'Window closed; send a template.' });
  });

  it('accepts, then fails on an asynchronous 131047 status', async () => {
    const { messageId } = await queued('late #131047');
    expect((await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 5 })).outcome).toBe('sent');
    await expect.poll(async () => (await row(messageId)).errorCode, { timeout: 5000, interval: 50 }).toBe('131047');
    expect((await row(messageId)).status).toBe('failed');
  });

  it('retries a rate limit (130429) and succeeds on the next attempt', async () => {
    const { messageId } = await queued(`busy #130429-once ${randomUUID()}`);
    await expect(deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 5 })).rejects.toBeInstanceOf(TransientDeliveryError);
    expect((await deliverMessage(database.db, messageId, { retryCount: 1, retryLimit: 5 })).outcome).toBe('sent');
  });

  it('treats 5xx and timeouts as transient', async () => {
    const { messageId: five } = await queued('oops #5xx');
    await expect(deliverMessage(database.db, five, { retryCount: 0, retryLimit: 5 })).rejects.toBeInstanceOf(TransientDeliveryError);
    const { messageId: slow } = await queued('slow #timeout');
    await expect(deliverMessage(database.db, slow, { retryCount: 0, retryLimit: 5 })).rejects.toBeInstanceOf(TransientDeliveryError);
    // A timed-out send may have been accepted: it is not sent again until its grace for a status webhook is over.
    await expect(deliverMessage(database.db, slow, { retryCount: 5, retryLimit: 5 })).rejects.toMatchObject({ counted: false });
    await database.sql`update delivery_attempts set started_at = now() - interval '1 hour' where message_id = ${slow}`;
    expect((await deliverMessage(database.db, slow, { retryCount: 5, retryLimit: 5 })).outcome).toBe('failed');
    expect((await row(slow)).errorCode).toBe('TIMEOUT');
  });

  it('fails on an expired token (190) and marks the channel as needing attention', async () => {
    const { messageId } = await queued('token #190');
    expect((await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 5 })).outcome).toBe('failed');
    expect(await row(messageId)).toMatchObject({ errorCode: '190', errorReason: expect.stringContaining('access token') });
    const [after] = await database.db.select().from(channels).where(eq(channels.id, channel.id));
    expect(after).toMatchObject({ status: 'needs_attention', statusCode: '190' });
  });
});
