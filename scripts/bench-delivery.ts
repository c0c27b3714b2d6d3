/**
 * Benchmark: one WhatsApp number whose Graph API hangs (the fake holds every request of it) for BENCH_HANG_SECONDS
 * (default 300) while healthy numbers in two workspaces send at a steady rate. Measures, for the healthy numbers,
 * the time from `message.send` returning to the provider accepting the message (p50/p95), and reports what the
 * hanging number's messages went through. On a fresh database it creates (`nafidha_bench_delivery` on the
 * PostgreSQL server of TEST_DATABASE_URL / DATABASE_URL) and drops afterwards; the workers run in this process with
 * their default settings; the Graph fake listens on BENCH_FAKE_PORT (default 3224). Prints a table and writes
 * bench/delivery.json. Reports numbers; asserts nothing.
 *
 *   npm run bench:delivery                       # the full 5 minutes
 *   BENCH_HANG_SECONDS=30 npm run bench:delivery # a quick run
 *
 * BENCH_BACKLOG (default 1000) messages are queued on the hanging number first, in one conversation (a campaign):
 * they must hold up neither the healthy numbers nor each other's order.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import { inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { connect } from '../db/client';
import { runMigrations } from '../db/migrate';
import { channelBreakers, channels, deliveryAttempts, messages } from '../db/schema';
import { createFakeGraph } from '../server/channels/whatsapp/fake-graph';
import { signatureOf } from '../server/channels/whatsapp/signature';
import { startBoss, stopBoss } from '../server/jobs/boss';
import { registerWorkers } from '../server/jobs/workers';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import { callerFor, createConversation, createUser, createWorkspace } from '../server/testing/factories';
import { percentile } from './bench/stats';

const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = 'nafidha_bench_delivery';
const url = new URL(server);
url.pathname = `/${name}`;
const HANG_SECONDS = Number(process.env.BENCH_HANG_SECONDS || 300);
/** Messages per second on each healthy number, and on the hanging one. */
const HEALTHY_RATE = Number(process.env.BENCH_HEALTHY_RATE || 2);
const HANGING_RATE = Number(process.env.BENCH_HANGING_RATE || 1);
const HEALTHY_NUMBERS = 3;
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 1000);
const FAKE_PORT = Number(process.env.BENCH_FAKE_PORT || 3224);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS || 180);
const SECRET = 'bench-delivery-secret';
const HANGING_ID = '900000000';

const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${name}" with (force)`);
await admin.unsafe(`create database "${name}"`);
const database = connect(url.toString(), { max: 10 });
const fakeServer = createServer();
try {
  await runMigrations(database.sql);
  const boss = await startBoss(url.toString());
  const db = database.db;

  let hanging = true;
  const acceptedAt = new Map<string, number>();
  const hangingRequests = { held: 0, answered: 0 };
  const fake = createFakeGraph({
    statusDelayMs: 300,
    deliver: async (phoneNumberId, body) => {
      await handleWhatsAppWebhook(db, phoneNumberId, Buffer.from(body), signatureOf(body, SECRET));
    },
    decide: ({ phoneNumberId, messageId }) => {
      if (phoneNumberId === HANGING_ID && hanging) {
        hangingRequests.held += 1;
        return 'hold';
      }
      if (phoneNumberId === HANGING_ID) hangingRequests.answered += 1;
      if (messageId && !acceptedAt.has(messageId)) acceptedAt.set(messageId, performance.now());
      return 'answer';
    },
  });
  fakeServer.on('request', (req, res) => void fake(req, res));
  await new Promise<void>((resolve) => fakeServer.listen(FAKE_PORT, '127.0.0.1', resolve));

  // Two workspaces: the hanging number and one healthy number in the first, two healthy numbers in the second.
  type TNumber = { id: string; workspaceId: string; agentId: string; phoneNumberId: string; hanging: boolean };
  const numbers: TNumber[] = [];
  for (const [index, wsName] of ['Riyadh Retail', 'Gulf Logistics'].entries()) {
    const ws = await createWorkspace(db, wsName);
    const agent = await createUser(db, ws.id, 'agent');
    const ids = index === 0 ? [HANGING_ID, '900000001'] : ['900000002', '900000003'];
    for (const phoneNumberId of ids) {
      const [row] = await db
        .insert(channels)
        .values({
          workspaceId: ws.id,
          type: 'whatsapp',
          name: `WA ${phoneNumberId}`,
          externalId: phoneNumberId,
          config: {
            phoneNumberId,
            accessToken: 'token',
            appSecret: SECRET,
            verifyToken: 'v',
            graphBaseUrl: `http://127.0.0.1:${FAKE_PORT}`,
          },
        })
        .returning();
      numbers.push({ id: row!.id, workspaceId: ws.id, agentId: agent.id, phoneNumberId, hanging: phoneNumberId === HANGING_ID });
    }
  }
  await registerWorkers(boss, db);

  async function send(number: TNumber): Promise<{ messageId: number; at: number }> {
    const { conversation } = await createConversation(db, {
      workspaceId: number.workspaceId,
      channel: { id: number.id, type: 'whatsapp' },
      assigneeId: number.agentId,
    });
    await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id)
      values (${number.workspaceId}, ${conversation.contactId}, ${number.id}, ${`9665${randomInt(1e8)}`})`;
    const { messageId } = await callerFor(db, number.agentId).message.send({
      conversationId: conversation.id,
      clientKey: randomUUID(),
      content: { kind: 'text', text: `Your order is on its way (${randomInt(1e6)})` },
    });
    return { messageId, at: performance.now() };
  }

  const healthy: { messageId: number; at: number }[] = [];
  const stuck: { messageId: number; at: number }[] = [];
  if (BACKLOG > 0) {
    const number = numbers[0]!;
    const { conversation } = await createConversation(db, {
      workspaceId: number.workspaceId,
      channel: { id: number.id, type: 'whatsapp' },
      assigneeId: number.agentId,
    });
    await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id)
      values (${number.workspaceId}, ${conversation.contactId}, ${number.id}, ${`9665${randomInt(1e8)}`})`;
    const caller = callerFor(db, number.agentId);
    for (let i = 0; i < BACKLOG; i++) {
      const { messageId } = await caller.message.send({
        conversationId: conversation.id,
        clientKey: randomUUID(),
        content: { kind: 'text', text: `Campaign message ${i}` },
      });
      stuck.push({ messageId, at: performance.now() });
    }
    console.log(`queued a backlog of ${BACKLOG} messages on the hanging number`);
  }
  const backlogIds = stuck.map((m) => m.messageId);
  const started = performance.now();
  const hangEndsAt = started + HANG_SECONDS * 1000;
  console.log(`hanging number ${HANGING_ID} for ${HANG_SECONDS} s; ${HEALTHY_NUMBERS} healthy numbers at ${HEALTHY_RATE}/s each`);
  const ticks = numbers.map(async (number) => {
    const rate = number.hanging ? HANGING_RATE : HEALTHY_RATE;
    let next = performance.now();
    while (performance.now() < hangEndsAt) {
      const sent = await send(number);
      (number.hanging ? stuck : healthy).push(sent);
      next += 1000 / rate;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
    }
  });
  const progress = setInterval(() => {
    const done = healthy.filter((m) => acceptedAt.has(String(m.messageId))).length;
    console.log(
      `  ${Math.round((performance.now() - started) / 1000)} s: healthy ${done}/${healthy.length} accepted; hanging number: ${hangingRequests.held} requests held`,
    );
  }, 30_000);
  await Promise.all(ticks);
  hanging = false;
  const hangEnded = performance.now();
  console.log('hang over; waiting for the queues to drain');

  const allIds = [...healthy, ...stuck].map((m) => m.messageId);
  const statusOf = async () => db.select({ id: messages.id, status: messages.status }).from(messages).where(inArray(messages.id, allIds));
  let drainedAt: number | null = null;
  while (performance.now() - hangEnded < DRAIN_SECONDS * 1000) {
    const rows = await statusOf();
    if (rows.every((r) => r.status !== 'queued')) {
      drainedAt = performance.now();
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  clearInterval(progress);

  const latency = healthy.filter((m) => acceptedAt.has(String(m.messageId))).map((m) => acceptedAt.get(String(m.messageId))! - m.at);
  const rows = await statusOf();
  const byStatus = (ids: number[]) => {
    const set = new Set(ids);
    const counts: Record<string, number> = {};
    for (const r of rows) if (set.has(r.id)) counts[r.status ?? 'null'] = (counts[r.status ?? 'null'] ?? 0) + 1;
    return counts;
  };
  const stuckIds = stuck.map((m) => m.messageId);
  const attempts = await db
    .select({ state: deliveryAttempts.state, n: sql<number>`count(*)::int` })
    .from(deliveryAttempts)
    .where(inArray(deliveryAttempts.messageId, stuckIds.length ? stuckIds : [-1]))
    .groupBy(deliveryAttempts.state);
  const [breaker] = await db
    .select()
    .from(channelBreakers)
    .where(sql`${channelBreakers.channelId} = ${numbers[0]!.id}`);
  const stuckLatency = stuck
    .filter((m) => acceptedAt.has(String(m.messageId)))
    .map((m) => acceptedAt.get(String(m.messageId))! - hangEnded);
  const doubles = [...fake.accepted.values()].filter((n) => n > 1).length;
  // The campaign's messages reached Meta in the order they were queued (by first acceptance).
  const backlogOrder = backlogIds.filter((id) => acceptedAt.has(String(id)));
  const [jobRows] = await database.sql<{ n: number }[]>`
    select count(*)::int as n from pgboss.job where name = 'message-send' and data->>'channelId' = ${numbers[0]!.id}`;
  const outOfOrder = backlogOrder.filter((id, i) => i > 0 && acceptedAt.get(String(id))! < acceptedAt.get(String(backlogOrder[i - 1]))!).length;

  const result = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model },
    hangSeconds: HANG_SECONDS,
    healthy: {
      numbers: HEALTHY_NUMBERS,
      ratePerNumber: HEALTHY_RATE,
      sent: healthy.length,
      accepted: latency.length,
      p50Ms: percentile(latency, 50),
      p95Ms: percentile(latency, 95),
      p99Ms: percentile(latency, 99),
      maxMs: Math.max(...latency),
      statuses: byStatus(healthy.map((m) => m.messageId)),
    },
    hanging: {
      sent: stuck.length,
      requestsHeldDuringHang: hangingRequests.held,
      attempts: Object.fromEntries(attempts.map((a) => [a.state, a.n])),
      breakerOpenings: breaker?.openings ?? 0,
      statuses: byStatus(stuckIds),
      acceptedAfterHangP50Ms: percentile(stuckLatency, 50),
      allAcceptedWithinMsOfHangEnd: stuckLatency.length ? Math.max(...stuckLatency) : null,
      drainedMsAfterHangEnd: drainedAt === null ? null : Math.round(drainedAt - hangEnded),
      backlog: BACKLOG,
      backlogOutOfOrder: outOfOrder,
      /** Send-queue job rows ever made for this number (one per message when jobs are put back, not re-created). */
      jobRows: jobRows!.n,
    },
    sentTwice: doubles,
  };
  console.log(`\nDelivery isolation benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model}), PostgreSQL at ${url.host}`);
  console.log('healthy numbers: send → provider accept');
  console.log(
    `  n ${latency.length}/${healthy.length}  p50 ${result.healthy.p50Ms.toFixed(0)} ms  p95 ${result.healthy.p95Ms.toFixed(0)} ms  p99 ${result.healthy.p99Ms.toFixed(0)} ms  max ${result.healthy.maxMs.toFixed(0)} ms  (target p95 < 2000 ms)`,
  );
  console.log(`hanging number: ${stuck.length} messages, ${hangingRequests.held} requests reached the hung API`);
  console.log(
    `  attempts by outcome ${JSON.stringify(result.hanging.attempts)}; final statuses ${JSON.stringify(result.hanging.statuses)}`,
  );
  console.log(`  all accepted within ${result.hanging.allAcceptedWithinMsOfHangEnd} ms of the hang ending; sent twice: ${doubles}`);
  console.log(`  backlog ${BACKLOG} (one conversation): ${outOfOrder} reached Meta out of order; ${jobRows!.n} job rows for the number`);
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/delivery.json', JSON.stringify(result, null, 2));
} finally {
  await stopBoss();
  fakeServer.closeAllConnections();
  fakeServer.close();
  await database.sql.end();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
