import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelBreakers, deliveryAttempts, messages } from '@/db/schema';
import { createFakeGraph, type TFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { deliverSignedWebhooks, serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createConversation, createUser, createWorkspace, createWhatsAppChannel } from '@/server/testing/factories';
import { boss, startBoss, stopBoss } from './boss';
import { registerWorkers } from './workers';

/**
 * Head-of-line blocking: one number's Graph API hangs while another number (in another workspace) sends. The
 * workers have 4 slots, at most 2 per number.
 */
const SECRET = 'dispatcher-secret';
const HANGING = '800000001';
const HEALTHY = '800000002';
let database: TTestDatabase;
let graph: TGraphServer;
let fake: TFakeGraph;
let port = 0;
let hanging = true;
let held = 0;
let maxHeld = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  fake = createFakeGraph({
    statusDelayMs: 20,
    deliver: deliverSignedWebhooks(database.db, SECRET),
    decide: ({ phoneNumberId }) => {
      if (phoneNumberId !== HANGING || !hanging) return 'answer';
      held += 1;
      maxHeld = Math.max(maxHeld, held);
      return 'hold';
    },
  });
  graph = await serveFakeGraph(fake, (req) => {
    // A held request ends when the caller gives up on it.
    req.socket.once('close', () => {
      if (req.url?.includes(HANGING) && req.method === 'POST') held = Math.max(0, held - 1);
    });
  });
  port = graph.port;
});
afterAll(async () => {
  await graph.close();
  await stopBoss();
  await database.drop();
});

async function number(phoneNumberId: string) {
  const ws = await createWorkspace(database.db, `WS ${phoneNumberId}`);
  const agent = await createUser(database.db, ws.id, 'admin');
  const row = await createWhatsAppChannel(database.db, {
    workspaceId: ws.id,
    phoneNumberId: phoneNumberId,
    appSecret: SECRET,
    graphBaseUrl: `http://127.0.0.1:${port}`,
    requestTimeoutMs: 1500,
  });
  return { ws, agent, channel: { id: row.id, type: 'whatsapp' as const } };
}

async function send(n: Awaited<ReturnType<typeof number>>, text: string) {
  const { conversation } = await createConversation(database.db, { workspaceId: n.ws.id, channel: n.channel, assigneeId: n.agent.id });
  await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id) values (${n.ws.id}, ${conversation.contactId}, ${n.channel.id}, ${`1650${Date.now()}${Math.floor(Math.random() * 1000)}`})`;
  const { messageId } = await callerFor(database.db, n.agent.id).message.send({
    conversationId: conversation.id,
    clientKey: randomUUID(),
    content: { kind: 'text', text },
  });
  return { messageId, conversationId: conversation.id };
}

const statuses = async (ids: number[]) =>
  (await database.db.select({ status: messages.status }).from(messages).where(inArray(messages.id, ids))).map((r) => r.status);

describe('a number whose Graph API hangs', () => {
  it('uses at most its share of the workers, is paused by its breaker, and resumes by itself', async () => {
    const bad = await number(HANGING);
    const good = await number(HEALTHY);
    await registerWorkers(boss(), database.db, { concurrency: 4, perChannel: 2, pollMs: 50, sweepMs: 500, graceMs: 1000 });

    const stuck: { messageId: number; conversationId: string }[] = [];
    for (let i = 0; i < 8; i++) stuck.push(await send(bad, `stuck ${i}`));
    await expect.poll(() => held, { timeout: 10_000, interval: 20 }).toBe(2);
    const healthy: { messageId: number; conversationId: string }[] = [];
    for (let i = 0; i < 6; i++) healthy.push(await send(good, `fine ${i}`));

    // The healthy number's messages all go out while the hanging one still holds its two slots.
    await expect
      .poll(async () => (await statuses(healthy.map((m) => m.messageId))).every((s) => s !== 'queued'), { timeout: 10_000, interval: 50 })
      .toBe(true);
    expect(maxHeld).toBeLessThanOrEqual(2);

    // A run of timeouts opens the breaker: the number is shown as not answering, on the numbers page and in the
    // conversation of a queued message.
    await expect
      .poll(async () => (await database.db.select().from(channelBreakers).where(eq(channelBreakers.channelId, bad.channel.id)))[0]?.state, {
        timeout: 15_000,
        interval: 50,
      })
      .toBe('open');
    const admin = callerFor(database.db, bad.agent.id);
    expect((await admin.number.list()).find((n) => n.channelId === bad.channel.id)?.notAnsweringSince).toBeInstanceOf(Date);
    expect((await admin.conversation.get({ id: stuck[7]!.conversationId })).channelNotAnswering).toBe(true);
    // Sends held back by the open breaker spend none of their attempts: only the ones that reached the API have any.
    const tried = await database.db
      .selectDistinct({ messageId: deliveryAttempts.messageId })
      .from(deliveryAttempts)
      .where(
        inArray(
          deliveryAttempts.messageId,
          stuck.map((m) => m.messageId),
        ),
      );
    expect(tried.length).toBeLessThan(stuck.length);

    // The API comes back: a probe closes the breaker and every held message goes out, none twice.
    hanging = false;
    await expect
      .poll(async () => (await statuses(stuck.map((m) => m.messageId))).every((s) => s !== 'queued'), { timeout: 40_000, interval: 100 })
      .toBe(true);
    expect(await statuses(stuck.map((m) => m.messageId))).not.toContain('failed');
    expect((await admin.conversation.get({ id: stuck[7]!.conversationId })).channelNotAnswering).toBe(false);
    expect(stuck.every((m) => fake.accepted.get(String(m.messageId)) === 1)).toBe(true);
  }, 90_000);
});
