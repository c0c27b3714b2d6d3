import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '@/db/schema';
import { boss, startBoss, stopBoss } from '@/server/jobs/boss';
import { registerWorkers } from '@/server/jobs/workers';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { applyReceipt, deliverMessage, TransientDeliveryError } from './delivery';

/** After message.send: the delivery job, its retries and failures, receipts, and the workers end to end. */

let database: TTestDatabase;
let ws: { id: string };
let agentA: { id: string; name: string };
let whatsapp: { id: string; type: 'whatsapp' };
const HOUR = 3_600_000;

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  ws = await createWorkspace(database.db, 'Acme');
  agentA = await createUser(database.db, ws.id, 'agent', 'Agent A');
  whatsapp = (await createChannel(database.db, ws.id, 'whatsapp')) as typeof whatsapp;
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

const text = (conversationId: string, body = 'Hi there', clientKey = randomUUID()) => ({
  conversationId,
  clientKey,
  content: { kind: 'text' as const, text: body },
});
const conv = async (id: string) => (await database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;

async function conversation(patch: Parameters<typeof createConversation>[1] extends infer T ? Partial<T> : never = {}) {
  return (
    await createConversation(database.db, { workspaceId: ws.id, channel: whatsapp, lastInboundAt: new Date(Date.now() - HOUR), ...patch })
  ).conversation;
}

describe('delivery', () => {
  async function queued(body: string) {
    const c = await conversation({ assigneeId: agentA.id });
    const { messageId } = await callerFor(database.db, agentA.id).message.send(text(c.id, body));
    return messageId;
  }
  const status = async (id: number) => (await database.db.select().from(messages).where(eq(messages.id, id)))[0]!;

  it('marks a message sent, and receipts move it forward but never back', async () => {
    const id = await queued('hello');
    const result = await deliverMessage(database.db, id, { retryCount: 0, retryLimit: 5 });
    expect(result.outcome).toBe('sent');
    expect(await status(id)).toMatchObject({ status: 'sent', providerMessageId: `sim.out.${id}` });
    await applyReceipt(database.db, whatsapp.id, `sim.out.${id}`, 'read');
    await applyReceipt(database.db, whatsapp.id, `sim.out.${id}`, 'delivered');
    expect((await status(id)).status).toBe('read');
  });

  it('is safe to run twice: a message already sent is not sent again', async () => {
    const id = await queued('twice');
    await deliverMessage(database.db, id, { retryCount: 0, retryLimit: 5 });
    expect((await deliverMessage(database.db, id, { retryCount: 0, retryLimit: 5 })).outcome).toBe('skipped');
  });

  it('retries a transient failure and succeeds when the provider recovers', async () => {
    const flaky = await createChannel(database.db, ws.id, 'telegram');
    await database.sql`update channels set config = '{"simulator": {"fail": "transient"}}' where id = ${flaky.id}`;
    const c = (await createConversation(database.db, { workspaceId: ws.id, channel: flaky, assigneeId: agentA.id })).conversation;
    const { messageId } = await callerFor(database.db, agentA.id).message.send(text(c.id, 'eventually'));
    await expect(deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 5 })).rejects.toBeInstanceOf(TransientDeliveryError);
    expect((await status(messageId)).status).toBe('queued');
    await database.sql`update channels set config = '{}' where id = ${flaky.id}`;
    expect((await deliverMessage(database.db, messageId, { retryCount: 1, retryLimit: 5 })).outcome).toBe('sent');
    expect(await status(messageId)).toMatchObject({ status: 'sent', errorCode: null });
  });

  it('retries a transient failure, then fails with a readable reason when retries run out', async () => {
    const id = await queued('please #fail-transient');
    await expect(deliverMessage(database.db, id, { retryCount: 0, retryLimit: 2 })).rejects.toBeInstanceOf(TransientDeliveryError);
    expect((await status(id)).status).toBe('queued');
    await expect(deliverMessage(database.db, id, { retryCount: 1, retryLimit: 2 })).rejects.toBeInstanceOf(TransientDeliveryError);
    expect((await deliverMessage(database.db, id, { retryCount: 2, retryLimit: 2 })).outcome).toBe('failed');
    expect(await status(id)).toMatchObject({ status: 'failed', errorReason: expect.stringContaining('gave up after 3 attempts') });
  });

  it('turns a later 131047 into "window closed; send a template" and closes the window it thought open', async () => {
    const c = await conversation({ assigneeId: agentA.id, lastInboundAt: new Date(Date.now() - 23 * HOUR) });
    const { messageId } = await callerFor(database.db, agentA.id).message.send(text(c.id, 'almost too late'));
    await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 5 });
    await applyReceipt(database.db, whatsapp.id, `sim.out.${messageId}`, 'failed', {
      code: '131047',
      kind: 'permanent',
      data: { title: 'Re-engagement message' },
    });
    expect(await status(messageId)).toMatchObject({
      status: 'failed',
      errorCode: '131047',
      errorReason: 'Window closed; send a template.',
    });
    const after = await conv(c.id);
    expect(after.windowClosesAt!.getTime()).toBeLessThanOrEqual(Date.now());
    await expect(callerFor(database.db, agentA.id).message.send(text(c.id, 'again'))).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
  });

  it('does not close a window the customer reopened after the failed message went out', async () => {
    const c = await conversation({ assigneeId: agentA.id, lastInboundAt: new Date(Date.now() - 23 * HOUR) });
    const { messageId } = await callerFor(database.db, agentA.id).message.send(text(c.id, 'sent just before'));
    await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 5 });
    const customerWroteAgain = new Date(Date.now() + 1000);
    await database.sql`update conversations set last_inbound_at = ${customerWroteAgain.toISOString()}::timestamptz where id = ${c.id}`;
    await applyReceipt(database.db, whatsapp.id, `sim.out.${messageId}`, 'failed', {
      code: '131047',
      kind: 'permanent',
      data: { title: 'Re-engagement message' },
    });
    expect((await status(messageId)).status).toBe('failed');
    expect((await conv(c.id)).lastInboundAt).toEqual(customerWroteAgain);
  });

  it('fails a permanent error at once with the provider’s reason', async () => {
    const id = await queued('nope #fail-permanent');
    expect((await deliverMessage(database.db, id, { retryCount: 0, retryLimit: 5 })).outcome).toBe('failed');
    expect(await status(id)).toMatchObject({
      status: 'failed',
      errorCode: 'SIM_REJECTED',
      errorReason: expect.stringContaining('rejected'),
    });
  });
});

describe('the job workers', () => {
  it('take a queued message through sent, delivered and read via the simulator’s receipts', async () => {
    await registerWorkers(boss(), database.db);
    const c = await conversation({ assigneeId: agentA.id });
    const { messageId } = await callerFor(database.db, agentA.id).message.send(text(c.id, 'through the queue'));
    await expect
      .poll(async () => (await database.db.select({ s: messages.status }).from(messages).where(eq(messages.id, messageId)))[0]!.s, {
        timeout: 15_000,
        interval: 200,
      })
      .toBe('read');
  });
});

