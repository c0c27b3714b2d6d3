import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelBreakers, deliveryAttempts, messages } from '@/db/schema';
import { createFakeGraph, type TFakeSendDecision } from '@/server/channels/whatsapp/fake-graph';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { deliverSignedWebhooks, serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createConversation, createUser, createWorkspace, createWhatsAppChannel } from '@/server/testing/factories';
import { boss, QUEUES, startBoss, stopBoss } from './boss';
import { startSendDispatcher, type TDispatcherOptions } from './send-dispatcher';
import { acquireWorkerLease, type TWorkerLease } from './worker-lease';

/**
 * A backlog on one number: it must neither hold up the other numbers nor churn the job table, its messages must go
 * out in the order they were queued, and a dispatcher pass that fails must hand its jobs back at once.
 */
const SECRET = 'backlog-secret';
const HANGING = '810000001';
let database: TTestDatabase;
let graph: TGraphServer;
let port = 0;
/** Sends the fake answers only when the test says so (by message id). */
const gates = new Map<string, Promise<TFakeSendDecision>>();

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  const fake = createFakeGraph({
    statusDelayMs: 20,
    deliver: deliverSignedWebhooks(database.db, SECRET),
    decide: ({ phoneNumberId, messageId }) => gates.get(messageId ?? '') ?? (phoneNumberId === HANGING ? 'hold' : 'answer'),
  });
  graph = await serveFakeGraph(fake);
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
    requestTimeoutMs: 30_000,
  });
  const channel = { id: row.id, type: 'whatsapp' as const };
  const { conversation } = await createConversation(database.db, { workspaceId: ws.id, channel, assigneeId: agent.id });
  await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id) values (${ws.id}, ${conversation.contactId}, ${channel.id}, ${`1651${phoneNumberId}`})`;
  /** Queues one message to this number's one customer. */
  const send = async (text: string) =>
    (
      await callerFor(database.db, agent.id).message.send({
        conversationId: conversation.id,
        clientKey: randomUUID(),
        content: { kind: 'text', text },
      })
    ).messageId;
  /** Another customer of this number. */
  const customer = async (externalId: string) => {
    const other = await createConversation(database.db, { workspaceId: ws.id, channel, assigneeId: agent.id });
    await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id) values (${ws.id}, ${other.conversation.contactId}, ${channel.id}, ${externalId})`;
    return async (text: string) =>
      (
        await callerFor(database.db, agent.id).message.send({
          conversationId: other.conversation.id,
          clientKey: randomUUID(),
          content: { kind: 'text', text },
        })
      ).messageId;
  };
  return { ws, channel, send, customer };
}

async function dispatcher(options: TDispatcherOptions, lease?: TWorkerLease) {
  lease ??= await acquireWorkerLease(database.db);
  return startSendDispatcher(boss(), database.db, lease, { pollMs: 50, sweepMs: 200, graceMs: 60_000, ...options });
}

const statuses = async (ids: number[]) =>
  (await database.db.select({ status: messages.status }).from(messages).where(inArray(messages.id, ids))).map((r) => r.status);
/** Every job row the send queue ever had for a number (completed jobs stay in pg-boss's table for hours). */
const jobRows = async (channelId: string) =>
  (
    await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pgboss.job where name = ${QUEUES.send} and data->>'channelId' = ${channelId}`,
    )
  )[0]!.n;

describe('a number with a backlog', () => {
  it('held by its breaker, is held whole without new job rows, and then sends its messages in order', async () => {
    const paused = await number('810000002');
    const other = await number('810000003');
    await database.db.insert(channelBreakers).values({
      channelId: paused.channel.id,
      workspaceId: paused.ws.id,
      state: 'open',
      openings: 1,
      openedAt: sql`now()`,
      openUntil: sql`now() + interval '3 seconds'`,
    });
    const backlog: number[] = [];
    for (let i = 0; i < 30; i++) backlog.push(await paused.send(`campaign ${i}`));
    const sends = await dispatcher({ concurrency: 4, perChannel: 1 });
    try {
      const healthy = await other.send('not behind the campaign');
      await expect.poll(async () => (await statuses([healthy]))[0], { timeout: 5000, interval: 20 }).not.toBe('queued');
      // Held in one go until the pause ends: no job of the number was completed and queued again.
      const [breaker] = await database.db
        .select({ openUntil: channelBreakers.openUntil })
        .from(channelBreakers)
        .where(eq(channelBreakers.channelId, paused.channel.id));
      const openUntil = breaker!.openUntil!;
      const due = await database.db.execute<{ n: number }>(sql`
        select count(*)::int as n from pgboss.job
        where name = ${QUEUES.send} and data->>'channelId' = ${paused.channel.id} and start_after < ${openUntil.toISOString()}::timestamptz`);
      expect(due[0]!.n).toBe(0);
      expect(await jobRows(paused.channel.id)).toBe(backlog.length);

      await expect.poll(async () => (await statuses(backlog)).every((s) => s !== 'queued'), { timeout: 30_000, interval: 100 }).toBe(true);
      const tried = await database.db
        .select({ messageId: deliveryAttempts.messageId })
        .from(deliveryAttempts)
        .where(inArray(deliveryAttempts.messageId, backlog))
        .orderBy(deliveryAttempts.id);
      // One customer's messages reach Meta in the order they were written.
      expect(tried.map((t) => t.messageId)).toEqual(backlog);
      expect(await jobRows(paused.channel.id)).toBe(backlog.length);
    } finally {
      await sends.stop();
    }
  }, 60_000);

  it('at its share of the slots, is left in the queue: the other numbers go first and no job rows churn', async () => {
    const stuck = await number(HANGING);
    const other = await number('810000004');
    // A campaign: many customers (one message at a time each), more than the number's share of the slots.
    const customers = [stuck.send, ...(await Promise.all([1, 2, 3].map((i) => stuck.customer(`1652810000000${i}`))))];
    const backlog: number[] = [];
    for (let i = 0; i < 40; i++) backlog.push(await customers[i % customers.length]!(`campaign ${i}`));
    const sends = await dispatcher({ concurrency: 4, perChannel: 2 });
    try {
      await expect
        .poll(async () => (await database.db.select().from(deliveryAttempts).where(inArray(deliveryAttempts.messageId, backlog))).length, {
          timeout: 5000,
          interval: 20,
        })
        .toBe(2);
      const healthy: number[] = [];
      for (let i = 0; i < 5; i++) healthy.push(await other.send(`fine ${i}`));
      await expect.poll(async () => (await statuses(healthy)).every((s) => s !== 'queued'), { timeout: 5000, interval: 20 }).toBe(true);
      expect(await jobRows(stuck.channel.id)).toBe(backlog.length);
      const fetched = await database.db.execute<{ n: number }>(sql`
        select count(*)::int as n from pgboss.job
        where name = ${QUEUES.send} and data->>'channelId' = ${stuck.channel.id} and state = 'active'`);
      expect(fetched[0]!.n).toBe(2);
    } finally {
      graph.dropConnections(); // the hung calls end (their outcome unknown), so the dispatcher can stop
      await sends.stop();
      // The rest of its backlog would only stand in the next test's way.
      await database.db.execute(sql`delete from pgboss.job where name = ${QUEUES.send} and data->>'channelId' = ${stuck.channel.id}`);
    }
  }, 60_000);
});

describe('one customer', () => {
  it('gets their next message only after the one before it has been answered, while other customers go on', async () => {
    const n = await number('810000007');
    const first = await n.send('first');
    const second = await n.send('second');
    const otherCustomer = await n.customer('1651810000077');
    let answerFirst!: (d: TFakeSendDecision) => void;
    gates.set(String(first), new Promise((resolve) => (answerFirst = resolve)));
    const sends = await dispatcher({ concurrency: 4, perChannel: 4 });
    try {
      await expect
        .poll(async () => (await statuses([first]))[0] === 'queued' && (await attemptCount(first)) === 1, { timeout: 5000, interval: 20 })
        .toBe(true);
      const elsewhere = await otherCustomer('meanwhile');
      await expect.poll(async () => (await statuses([elsewhere]))[0], { timeout: 5000, interval: 20 }).not.toBe('queued');
      // The number had free slots, and the dispatcher passed over the second message: it waits for the first.
      expect(await attemptCount(second)).toBe(0);
      answerFirst('answer');
      await expect.poll(async () => await statuses([first, second]), { timeout: 5000, interval: 20 }).not.toContain('queued');
      const order = await database.db
        .select({ messageId: deliveryAttempts.messageId })
        .from(deliveryAttempts)
        .where(inArray(deliveryAttempts.messageId, [first, second]))
        .orderBy(deliveryAttempts.id);
      expect(order.map((o) => o.messageId)).toEqual([first, second]);
    } finally {
      answerFirst('answer');
      gates.clear();
      await sends.stop();
    }
  });
});

const attemptCount = async (messageId: number) =>
  (await database.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.messageId, messageId))).length;

describe('a dispatcher pass that fails', () => {
  it('puts back the jobs it fetched at once (no job left active and claimed until pg-boss expires it)', async () => {
    const n = await number('810000005');
    const id = await n.send('through a hiccup');
    // The breakers cannot be read: every pass fails after fetching and claiming.
    await database.sql`alter table channel_breakers rename to channel_breakers_away`;
    let renamed = true;
    const sends = await dispatcher({ concurrency: 4, perChannel: 2 });
    try {
      const job = async () =>
        (
          await database.db.execute<{ state: string; retry_count: number; returned: boolean; claims: number }>(sql`
            select state, retry_count, start_after > created_on + interval '500 milliseconds' as returned,
              (select count(*)::int from send_claims c where c.job_id = j.id) as claims
            from pgboss.job j where name = ${QUEUES.send} and (data->>'messageId')::bigint = ${id}`)
        )[0]!;
      // It was fetched (and put back, a little later), not left active.
      await expect.poll(async () => (await job()).returned, { timeout: 5000, interval: 20 }).toBe(true);
      await database.sql`alter table channel_breakers_away rename to channel_breakers`;
      renamed = false;
      await expect.poll(async () => (await statuses([id]))[0], { timeout: 10_000, interval: 50 }).not.toBe('queued');
      // The message is marked sent before its job is completed (a moment later, in the worker's settle).
      await expect.poll(async () => (await job()).state, { timeout: 5000, interval: 20 }).toBe('completed');
      expect(await job()).toMatchObject({ state: 'completed', retry_count: 0, claims: 0 });
    } finally {
      if (renamed) await database.sql`alter table channel_breakers_away rename to channel_breakers`;
      await sends.stop();
    }
  }, 30_000);

  it('a job its worker claimed but no longer holds (a settle that failed) is put back, not left to expire', async () => {
    const n = await number('810000006');
    const id = await n.send('settle failed');
    const lease = await acquireWorkerLease(database.db);
    // What a run whose settle failed leaves behind: its job active, claimed by this (live) worker.
    await database.db.execute(sql`
      with job as (
        update pgboss.job set state = 'active', started_on = now()
        where name = ${QUEUES.send} and (data->>'messageId')::bigint = ${id} returning id
      )
      insert into send_claims (job_id, workspace_id, message_id, channel_id, worker_id)
      select id, ${n.ws.id}, ${id}, ${n.channel.id}, ${lease.workerId} from job`);
    const sends = await dispatcher({ concurrency: 4, perChannel: 2 }, lease);
    try {
      await expect.poll(async () => (await statuses([id]))[0], { timeout: 5000, interval: 50 }).not.toBe('queued');
    } finally {
      await sends.stop();
    }
  });

  it('leaves pg-boss enough retries that an expired job (its worker stuck) is never failed with its message queued', async () => {
    expect((await boss().getQueue(QUEUES.send))?.retryLimit).toBeGreaterThanOrEqual(100);
  });
});
