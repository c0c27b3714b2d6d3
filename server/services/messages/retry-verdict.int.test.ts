import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '@/db/schema';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { GRAPH_ERRORS } from '@/server/channels/whatsapp/graph-errors';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { mayRetry } from '@/server/domain/delivery-status';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createConversation, createUser, createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { deliverMessage, TransientDeliveryError } from './delivery';

/**
 * The Retry button and `message.retry` follow the verdict the WhatsApp adapter stored when the message failed, for
 * every code of its error table: nothing else keeps a list of codes that could disagree.
 */
const SECRET = 'verdict-secret';
let database: TTestDatabase;
let graph: TGraphServer;
let agent: { id: string };
let workspaceId: string;
let port = 0;
let nextNumber = 710000000;
/** Numbers whose own status webhooks from the fake are dropped: the test reports the status it needs itself. */
const muted = new Set<string>();

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  const fake = createFakeGraph({
    statusDelayMs: 10,
    deliver: async (phoneNumberId, body) => {
      if (muted.has(phoneNumberId)) return;
      await handleWhatsAppWebhook(database.db, phoneNumberId, Buffer.from(body), signatureOf(body, SECRET));
    },
  });
  graph = await serveFakeGraph(fake);
  port = graph.port;
  const ws = await createWorkspace(database.db, 'Acme');
  workspaceId = ws.id;
  agent = await createUser(database.db, ws.id, 'agent');
});
afterAll(async () => {
  await graph.close();
  await stopBoss();
  await database.drop();
});

/** A message queued on a number of its own (a code that breaks the number, or opens its breaker, touches no other). */
async function queued(text: string, options: { muted?: boolean } = {}) {
  const phoneNumberId = String(nextNumber++);
  if (options.muted) muted.add(phoneNumberId);
  const channel = await createWhatsAppChannel(database.db, {
    workspaceId,
    phoneNumberId,
    appSecret: SECRET,
    graphBaseUrl: `http://127.0.0.1:${port}`,
    requestTimeoutMs: 300,
  });
  const { conversation } = await createConversation(database.db, {
    workspaceId,
    channel: { id: channel.id, type: 'whatsapp' },
    assigneeId: agent.id,
  });
  await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id) values (${workspaceId}, ${conversation.contactId}, ${channel.id}, ${`1650${phoneNumberId}`})`;
  const { messageId } = await callerFor(database.db, agent.id).message.send({
    conversationId: conversation.id,
    clientKey: randomUUID(),
    content: { kind: 'text', text: `${text} ${randomUUID()}` },
  });
  return { messageId, conversationId: conversation.id, phoneNumberId };
}

const row = async (id: number) => (await database.db.select().from(messages).where(eq(messages.id, id)))[0]!;

/** What the conversation pane is given for the message: the Retry button is shown when mayRetry says so. */
async function listed(conversationId: string, messageId: number) {
  const { items } = await callerFor(database.db, agent.id).message.list({ conversationId });
  return items.find((m) => m.id === messageId)!;
}

/** Two attempts allowed: the first fails and is rescheduled, the second is the last. */
async function failAfterTheLastRetry(messageId: number) {
  await expect(deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 1 }, { graceMs: 0 })).rejects.toBeInstanceOf(
    TransientDeliveryError,
  );
  expect((await row(messageId)).status).toBe('queued');
  expect((await deliverMessage(database.db, messageId, { retryCount: 1, retryLimit: 1 }, { graceMs: 0 })).outcome).toBe('failed');
}

const THROTTLES = new Set([130429, 131056]);
const transientCodes = Object.entries(GRAPH_ERRORS)
  .filter(([, meaning]) => meaning.retry === 'transient')
  .map(([code]) => Number(code));
const permanentCodes = Object.entries(GRAPH_ERRORS)
  .filter(([, meaning]) => meaning.retry === 'permanent')
  .map(([code]) => Number(code));

describe('a message that failed transiently after its last retry can be retried', () => {
  it('includes the rate limits 80007 and 4 (once missing from a second list)', () => {
    expect(transientCodes).toEqual(expect.arrayContaining([80007, 4]));
  });

  // The throughput and pair limits defer a send without using an attempt, so a send never fails with them; they
  // are covered below, reported later in a status webhook.
  it.each(transientCodes.filter((code) => !THROTTLES.has(code)).map((code) => [`#graph-${code}`, String(code)]))(
    'Meta answering %s',
    async (marker, code) => {
      const { messageId, conversationId } = await queued(`busy ${marker}`);
      await failAfterTheLastRetry(messageId);
      expect(await row(messageId)).toMatchObject({
        status: 'failed',
        errorCode: code,
        failureKind: 'transient',
        errorData: expect.objectContaining({ attempts: 2 }),
        errorReason: expect.stringContaining('gave up after 2 attempts'),
      });
      expect(mayRetry(await listed(conversationId, messageId))).toBe(true);
      await expect(callerFor(database.db, agent.id).message.retry({ messageId })).resolves.toEqual({ queued: true });
      expect(await row(messageId)).toMatchObject({ status: 'queued', errorCode: null, failureKind: null, errorData: null });
    },
  );

  it.each([
    ['#http-429', 'HTTP_429', 429],
    ['#http-503', 'HTTP_5XX', 503],
  ])('a bare HTTP status (%s)', async (marker, code, httpStatus) => {
    const { messageId, conversationId } = await queued(`busy ${marker}`);
    await failAfterTheLastRetry(messageId);
    expect(await row(messageId)).toMatchObject({
      status: 'failed',
      errorCode: code,
      failureKind: 'transient',
      errorData: expect.objectContaining({ httpStatus }),
    });
    expect(mayRetry(await listed(conversationId, messageId))).toBe(true);
    await expect(callerFor(database.db, agent.id).message.retry({ messageId })).resolves.toEqual({ queued: true });
  });

  it.each([...THROTTLES])('%i reported in a status webhook after Meta accepted the message', async (code) => {
    const { messageId, conversationId, phoneNumberId } = await queued('accepted, then limited', { muted: true });
    expect((await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 1 })).outcome).toBe('sent');
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { phone_number_id: phoneNumberId },
                statuses: [
                  {
                    id: (await row(messageId)).providerMessageId,
                    status: 'failed',
                    timestamp: String(Math.floor(Date.now() / 1000) + 5),
                    recipient_id: '1',
                    errors: [{ code, title: 'Rate limit hit', error_data: { details: 'Too many messages' } }],
                  },
                ],
              },
            },
          ],
        },
      ],
    });
    await handleWhatsAppWebhook(database.db, phoneNumberId, Buffer.from(body), signatureOf(body, SECRET));
    expect((await row(messageId)).status).toBe('failed');
    expect(await row(messageId)).toMatchObject({
      errorCode: String(code),
      failureKind: 'transient',
      errorData: { title: 'Rate limit hit', details: 'Too many messages' },
    });
    expect(mayRetry(await listed(conversationId, messageId))).toBe(true);
    await expect(callerFor(database.db, agent.id).message.retry({ messageId })).resolves.toEqual({ queued: true });
  });
});

describe('a message that failed permanently cannot be retried', () => {
  it.each(permanentCodes.map((code) => [`#graph-${code}`, String(code)]))('Meta answering %s', async (marker, code) => {
    const { messageId, conversationId } = await queued(`refused ${marker}`);
    expect((await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 1 })).outcome).toBe('failed');
    expect(await row(messageId)).toMatchObject({ status: 'failed', errorCode: code, failureKind: 'permanent' });
    expect(mayRetry(await listed(conversationId, messageId))).toBe(false);
    await expect(callerFor(database.db, agent.id).message.retry({ messageId })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await row(messageId)).status).toBe('failed');
  });

  it('a bare HTTP 400', async () => {
    const { messageId } = await queued('refused #http-400');
    expect((await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 1 })).outcome).toBe('failed');
    expect(await row(messageId)).toMatchObject({ errorCode: 'HTTP_400', failureKind: 'permanent', errorData: { httpStatus: 400 } });
    await expect(callerFor(database.db, agent.id).message.retry({ messageId })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
