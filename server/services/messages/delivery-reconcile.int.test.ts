import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelBreakers, deliveryAttempts, messages } from '@/db/schema';
import { createFakeGraph, type TFakeGraph, type TFakeSendDecision } from '@/server/channels/whatsapp/fake-graph';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createConversation, createUser, createWorkspace, createWhatsAppChannel } from '@/server/testing/factories';
import { applyReceipt, deliverMessage, TransientDeliveryError } from './delivery';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';

const SECRET = 'reconcile-secret';
let database: TTestDatabase;
let graph: TGraphServer;
let fake: TFakeGraph;
let agent: { id: string };
let workspaceId: string;
let port = 0;
const decisions = new Map<string, TFakeSendDecision>();
/** Status webhooks the fake produced, held until the test lets them through. */
const webhooks: { phoneNumberId: string; body: string }[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  fake = createFakeGraph({
    statusDelayMs: 10,
    deliver: async (phoneNumberId, body) => void webhooks.push({ phoneNumberId, body }),
    decide: ({ messageId }) => (messageId && decisions.get(messageId)) || 'answer',
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

async function whatsappChannel(phoneNumberId: string, wsId = workspaceId) {
  const row = await createWhatsAppChannel(database.db, {
    workspaceId: wsId,
    phoneNumberId: phoneNumberId,
    appSecret: SECRET,
    graphBaseUrl: `http://127.0.0.1:${port}`,
    requestTimeoutMs: 300,
  });
  return { id: row.id, type: 'whatsapp' as const, phoneNumberId };
}

async function queued(channel: { id: string; type: 'whatsapp' }, text: string) {
  const { conversation } = await createConversation(database.db, { workspaceId, channel, assigneeId: agent.id });
  await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id) values (${workspaceId}, ${conversation.contactId}, ${channel.id}, ${`1650${Date.now()}`})`;
  const { messageId } = await callerFor(database.db, agent.id).message.send({
    conversationId: conversation.id,
    clientKey: randomUUID(),
    content: { kind: 'text', text },
  });
  return messageId;
}

const row = async (id: number) => (await database.db.select().from(messages).where(eq(messages.id, id)))[0]!;
const attempts = async (id: number) =>
  (await database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.messageId, id)).orderBy(deliveryAttempts.id)).map(
    (a) => a.state,
  );
async function releaseWebhooks() {
  while (webhooks.length) {
    const { phoneNumberId, body } = webhooks.shift()!;
    await handleWhatsAppWebhook(database.db, phoneNumberId, Buffer.from(body), signatureOf(body, SECRET));
  }
}

describe('a send whose outcome is unknown', () => {
  it('is adopted from the status webhook that carries its opaque data, and never sent again', async () => {
    const channel = await whatsappChannel('700000001');
    const id = await queued(channel, 'accepted, answer lost');
    decisions.set(String(id), 'accept-then-stall');
    const error = await deliverMessage(database.db, id, undefined, { graceMs: 60_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientDeliveryError);
    expect(await attempts(id)).toEqual(['unknown']);
    // Within the grace nothing is resent.
    await expect(deliverMessage(database.db, id, undefined, { graceMs: 60_000 })).rejects.toMatchObject({ counted: false });
    await expect.poll(() => webhooks.length, { timeout: 5000, interval: 20 }).toBeGreaterThan(0);
    await releaseWebhooks();
    expect(await row(id)).toMatchObject({
      status: expect.stringMatching(/sent|delivered|read/),
      providerMessageId: expect.stringMatching(/^wamid\.fake\./),
    });
    expect(await attempts(id)).toEqual(['accepted']);
    expect((await deliverMessage(database.db, id, undefined, { graceMs: 0 })).outcome).toBe('skipped');
    expect(fake.accepted.get(String(id))).toBe(1);
  });

  it('is sent again once the grace is over without evidence (the provider never had it)', async () => {
    const channel = await whatsappChannel('700000002');
    const id = await queued(channel, 'held, never accepted');
    decisions.set(String(id), 'hold');
    await expect(deliverMessage(database.db, id, undefined, { graceMs: 60_000 })).rejects.toMatchObject({ counted: true });
    decisions.delete(String(id));
    await expect(deliverMessage(database.db, id, undefined, { graceMs: 60_000 })).rejects.toMatchObject({ counted: false });
    expect((await deliverMessage(database.db, id, undefined, { graceMs: 0 })).outcome).toBe('sent');
    expect(await attempts(id)).toEqual(['lost', 'accepted']);
    expect(fake.accepted.get(String(id))).toBe(1);
  });

  it('a status webhook only adopts messages of its own number', async () => {
    const mine = await whatsappChannel('700000003');
    const other = await whatsappChannel('700000004', (await createWorkspace(database.db, 'Other')).id);
    const id = await queued(mine, 'not yours');
    await statusWebhook(other.phoneNumberId, 'wamid.forged', String(id));
    expect(await row(id)).toMatchObject({ status: 'queued', providerMessageId: null });
  });

  it('a foreign status carrying one of our plain message ids adopts nothing when no attempt is open', async () => {
    // Another system on the same WABA (staging, another integration) uses numeric callback data too.
    const channel = await whatsappChannel('700000007');
    const id = await queued(channel, 'never attempted');
    await statusWebhook(channel.phoneNumberId, 'wamid.foreign', String(id));
    expect(await row(id)).toMatchObject({ status: 'queued', providerMessageId: null });
    expect((await deliverMessage(database.db, id, undefined, { graceMs: 0 })).outcome).toBe('sent');
    expect(fake.accepted.get(String(id))).toBe(1);
  });

  it('a namespaced opaque adopts only its own open attempt', async () => {
    const channel = await whatsappChannel('700000008');
    const id = await queued(channel, 'accepted, answer lost, forged attempt');
    decisions.set(String(id), 'accept-then-stall');
    await expect(deliverMessage(database.db, id, undefined, { graceMs: 60_000 })).rejects.toBeInstanceOf(TransientDeliveryError);
    const [open] = await database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.messageId, id));
    await statusWebhook(channel.phoneNumberId, 'wamid.wrong-attempt', `nafidha:${id}:${open!.id + 1000}`);
    expect(await row(id)).toMatchObject({ status: 'queued', providerMessageId: null });
    await statusWebhook(channel.phoneNumberId, 'wamid.right-attempt', `nafidha:${id}:${open!.id}`);
    expect(await row(id)).toMatchObject({ status: 'sent', providerMessageId: 'wamid.right-attempt' });
    expect(await attempts(id)).toEqual(['accepted']);
  });

  it('a message that adopted a provider id (its status not yet written) is never sent again', async () => {
    // The state a crash between adoption and its status used to leave: Meta's id recorded, the attempt accepted.
    const channel = await whatsappChannel('700000009');
    const id = await queued(channel, 'adopted, status lost');
    await database.db.insert(deliveryAttempts).values({
      workspaceId,
      channelId: channel.id,
      messageId: id,
      state: 'accepted',
      providerMessageId: 'wamid.adopted',
      finishedAt: new Date(),
    });
    await database.db.update(messages).set({ providerMessageId: 'wamid.adopted' }).where(eq(messages.id, id));
    expect((await deliverMessage(database.db, id, undefined, { graceMs: 0 })).outcome).toBe('skipped');
    expect(fake.accepted.get(String(id))).toBeUndefined();
    expect(await row(id)).toMatchObject({ status: 'sent', providerMessageId: 'wamid.adopted' });
  });

  it('a message Meta accepted and then failed is sent again when retried (its old id and attempt do not count)', async () => {
    const channel = await whatsappChannel('700000010');
    const id = await queued(channel, 'accepted, then failed');
    expect((await deliverMessage(database.db, id, undefined, { graceMs: 0 })).outcome).toBe('sent');
    const { providerMessageId } = await row(id);
    await applyReceipt(database.db, channel.id, providerMessageId!, 'failed', {
      code: '131000',
      kind: 'transient',
      data: { title: 'Something went wrong' },
    });
    await callerFor(database.db, agent.id).message.retry({ messageId: id });
    expect((await deliverMessage(database.db, id, undefined, { graceMs: 0 })).outcome).toBe('sent');
    expect(fake.accepted.get(String(id))).toBe(2);
    expect(await attempts(id)).toEqual(['accepted', 'accepted']);
  });
});

/** A status webhook for a send on `phoneNumberId`, as Meta (or anyone else subscribed to the WABA) would post it. */
async function statusWebhook(phoneNumberId: string, wamid: string, opaque: string) {
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
              statuses: [{ id: wamid, status: 'sent', timestamp: '1700000000', recipient_id: '1', biz_opaque_callback_data: opaque }],
            },
          },
        ],
      },
    ],
  });
  await handleWhatsAppWebhook(database.db, phoneNumberId, Buffer.from(body), signatureOf(body, SECRET));
}

describe('rate limits defer without counting as failed attempts', () => {
  it('131056 (pair rate limit) holds the message at least 6 s', async () => {
    const channel = await whatsappChannel('700000005');
    const id = await queued(channel, `again #131056 ${randomUUID()}`);
    const before = Date.now();
    const error = (await deliverMessage(database.db, id).catch((e: unknown) => e)) as TransientDeliveryError;
    expect(error).toMatchObject({ counted: false });
    expect(error.retryAt.getTime()).toBeGreaterThanOrEqual(before + 6000 - 1000);
    expect(await attempts(id)).toEqual(['throttled']);
    expect((await deliverMessage(database.db, id)).outcome).toBe('sent');
  });

  it('130429 (throughput) pauses the number with backoff and holds the message until then', async () => {
    const channel = await whatsappChannel('700000006');
    const id = await queued(channel, `busy #130429-once ${randomUUID()}`);
    const error = (await deliverMessage(database.db, id).catch((e: unknown) => e)) as TransientDeliveryError;
    expect(error).toMatchObject({ counted: false });
    const [breaker] = await database.db.select().from(channelBreakers).where(eq(channelBreakers.channelId, channel.id));
    expect(breaker).toMatchObject({ state: 'closed', throttles: 1, consecutiveFailures: 0 });
    expect(error.retryAt).toEqual(breaker!.throttledUntil);
    expect((await deliverMessage(database.db, id)).outcome).toBe('sent');
    const [after] = await database.db.select().from(channelBreakers).where(eq(channelBreakers.channelId, channel.id));
    expect(after).toMatchObject({ throttles: 0, throttledUntil: null });
  });
});
