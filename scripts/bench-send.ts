/**
 * Benchmark: message.send (validate + transaction + enqueue) and a 500-conversation bulk assign, server-side, on a
 * fresh database with the demo data (never an existing one): it creates `nafidha_bench_send` on the PostgreSQL
 * server of TEST_DATABASE_URL / DATABASE_URL (default 127.0.0.1:5432), drops it afterwards, prints a table and
 * writes bench/send.json. Reports numbers; asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { and, eq, gt, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { connect } from '../db/client';
import { runMigrations } from '../db/migrate';
import { conversations, users } from '../db/schema';
import { seedDemo } from '../db/seed/demo';
import { startBoss, stopBoss } from '../server/jobs/boss';
import { ingestInbound } from '@/server/services/ingest/ingest';
import { bulkAct } from '@/server/services/conversations/bulk';
import { sendMessage } from '@/server/services/messages/send';
import { resolveWorkspace } from '@/server/services/workspaces/context';

const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const name = 'nafidha_bench_send';
const url = new URL(server);
url.pathname = `/${name}`;
const SENDS = Number(process.env.BENCH_SENDS || 400);

const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${name}" with (force)`);
await admin.unsafe(`create database "${name}"`);
const database = connect(url.toString(), { max: 10 });
try {
  await runMigrations(database.sql);
  await seedDemo(database.db, new Date());
  await startBoss(url.toString());
  const db = database.db;
  const [agent] = await db.select().from(users).where(eq(users.email, 'agent1@nafidha.test'));
  const [supervisor] = await db.select().from(users).where(eq(users.email, 'supervisor@nafidha.test'));
  const workspaceOf = async (id: string) => (await resolveWorkspace(db, id, null))!;
  const agentWs = await workspaceOf(agent!.id);
  const supervisorWs = await workspaceOf(supervisor!.id);

  // Sends go to the agent's own conversations with an open window (or none), as a day's replies would.
  const targets = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        eq(conversations.assigneeId, agent!.id),
        eq(conversations.status, 'open'),
        sql`(${conversations.windowClosesAt} is null or ${conversations.windowClosesAt} > now())`,
      ),
    );
  const timings: number[] = [];
  for (let i = 0; i < SENDS + 50; i++) {
    const started = performance.now();
    await sendMessage(db, agentWs, agent!.id, {
      conversationId: targets[i % targets.length]!.id,
      clientKey: randomUUID(),
      content: { kind: 'text', text: `Benchmark reply ${i}` },
    });
    if (i >= 50) timings.push(performance.now() - started); // the first 50 warm up
  }

  // Bulk: 500 conversations (the demo has ~370; more customers write in first).
  const channel = (await db.query.channels.findFirst({ where: (c, { eq: e }) => e(c.type, 'webchat') }))!;
  for (let i = 0; i < 200; i++) {
    await ingestInbound(db, {
      channelId: channel.id,
      externalId: `bench-${i}`,
      profileName: `Bench ${i}`,
      providerMessageId: `bench.${i}`,
      sentAt: new Date(),
      kind: 'text',
      body: 'hi',
    });
  }
  const ids = (
    await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(gt(conversations.createdAt, new Date(0)))
      .limit(500)
  ).map((r) => r.id);
  const bulk: number[] = [];
  for (let round = 0; round < 6; round++) {
    const started = performance.now();
    await bulkAct(db, supervisorWs, supervisor!.id, {
      target: { ids },
      action: { kind: 'assign', assigneeId: round % 2 ? agent!.id : supervisor!.id },
    });
    bulk.push(performance.now() - started);
  }

  const pct = (values: number[], p: number) =>
    [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
  const rows = [
    {
      what: 'message.send (text, validate + transaction + enqueue)',
      n: timings.length,
      p50: pct(timings, 50),
      p95: pct(timings, 95),
      p99: pct(timings, 99),
      target: '< 30 ms p95',
    },
    {
      what: `bulk assign of ${ids.length} conversations (one call)`,
      n: bulk.length,
      p50: pct(bulk, 50),
      p95: pct(bulk, 95),
      p99: pct(bulk, 99),
      target: '< 1 s',
    },
  ];
  console.log(`\nSend benchmark on ${os.cpus().length} cores (${os.cpus()[0]?.model}), PostgreSQL at ${url.host}, demo data`);
  console.log('what                                                   |   n | p50 ms | p95 ms | p99 ms | target');
  for (const r of rows)
    console.log(
      `${r.what.padEnd(54)} | ${String(r.n).padStart(3)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p95.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} | ${r.target}`,
    );
  mkdirSync('bench', { recursive: true });
  writeFileSync(
    'bench/send.json',
    JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model }, rows }, null, 2),
  );
} finally {
  await stopBoss();
  await database.sql.end();
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
}
