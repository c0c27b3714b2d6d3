import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryAttempts, messages } from '@/db/schema';
import { createFakeGraph, type TFakeGraph, type TFakeSendDecision } from '@/server/channels/whatsapp/fake-graph';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { deliverSignedWebhooks, serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createConversation, createUser, createWorkspace, createWhatsAppChannel } from '@/server/testing/factories';

/**
 * Exactly once across kill -9: a real worker process (server/worker.ts) is killed with SIGKILL at a random point of
 * a delivery, then started again, 20 times. The Graph API fake counts what it accepted per opaque data (our message
 * id), as Meta would have it, and sends its status webhooks into this process's webhook handling.
 */
const PHONE_NUMBER_ID = '555000999';
const SECRET = 'kill-test-secret';
const ROUNDS = 20;
const GRACE_SECONDS = 2;
const ROOT = path.resolve(import.meta.dirname, '../..');

type TKillPoint =
  /** as soon as the attempt is recorded: before, or just as, the request leaves */
  | 'attempt-recorded'
  /** the request is with the provider, which never accepts it */
  | 'in-call-dropped'
  /** the request is with the provider, which accepts it once the worker is gone */
  | 'in-call-accepted-later'
  /** the provider accepted it and the worker has not read the answer */
  | 'accepted-unrecorded'
  /** anywhere from before the job is fetched to after the send is recorded */
  | 'random-moment';
const KILL_POINTS: TKillPoint[] = ['attempt-recorded', 'in-call-dropped', 'in-call-accepted-later', 'accepted-unrecorded', 'random-moment'];

let database: TTestDatabase;
let graph: TGraphServer;
let fake: TFakeGraph;
let port = 0;
let agent: { id: string };
let channel: { id: string; type: 'whatsapp' };
let workspaceId: string;
/** How the fake treats the first request of each message (by message id); later requests are answered. */
/** Opaque data of sends that did not name their attempt (there should be none). */
const unnamespaced: (string | null)[] = [];
const plans = new Map<string, { decision: TFakeSendDecision | Promise<TFakeSendDecision>; arrived: () => void }>();

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url); // to enqueue sends; only the worker processes run them
  fake = createFakeGraph({
    statusDelayMs: 50,
    deliver: deliverSignedWebhooks(database.db, SECRET),
    decide: ({ opaque, messageId }) => {
      // Every real send names its attempt in its opaque data (the plain id is only read, for older sends).
      if (!opaque?.startsWith('nafidha:')) unnamespaced.push(opaque);
      const plan = messageId ? plans.get(messageId) : undefined;
      if (!plan) return 'answer';
      plans.delete(messageId!);
      plan.arrived();
      return plan.decision;
    },
  });
  graph = await serveFakeGraph(fake);
  port = graph.port;
  const ws = await createWorkspace(database.db, 'Acme');
  workspaceId = ws.id;
  agent = await createUser(database.db, ws.id, 'agent');
  const row = await createWhatsAppChannel(database.db, {
    workspaceId: ws.id,
    phoneNumberId: PHONE_NUMBER_ID,
    appSecret: SECRET,
    graphBaseUrl: `http://127.0.0.1:${port}`,
    requestTimeoutMs: 3000,
    name: 'WA',
  });
  channel = { id: row.id, type: 'whatsapp' };
});
afterAll(async () => {
  await graph.close();
  await stopBoss();
  await database.drop();
});

function startWorker(): ChildProcess {
  // One process (node with tsx's loader, not the tsx CLI, which would run the worker in a child of its own).
  return spawn(process.execPath, ['--import', 'tsx', 'server/worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      DELIVERY_RECONCILE_GRACE_SECONDS: String(GRACE_SECONDS),
      LOG_LEVEL: 'error',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function kill(worker: ChildProcess) {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGKILL');
  await exited;
}

/** Polls for a condition with a bounded wait (never a sleep standing in for an assertion). */
async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function queueMessage(text: string): Promise<number> {
  const { conversation } = await createConversation(database.db, { workspaceId, channel, assigneeId: agent.id });
  await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id) values (${workspaceId}, ${conversation.contactId}, ${channel.id}, ${`1650${randomInt(1e9)}`})`;
  const { messageId } = await callerFor(database.db, agent.id).message.send({
    conversationId: conversation.id,
    clientKey: randomUUID(),
    content: { kind: 'text', text },
  });
  return messageId;
}

async function hasAttempt(messageId: number) {
  const rows = await database.db
    .select({ id: deliveryAttempts.id })
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.messageId, messageId));
  return rows.length > 0;
}

describe('worker processes killed with SIGKILL mid-delivery', () => {
  it(`${ROUNDS} rounds at random points: every message ends sent, and none reached the provider twice`, async () => {
    const sent: number[] = [];
    const points: TKillPoint[] = [];
    let worker = startWorker();
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // Every kind of point comes up, in a random order.
        const point = round < KILL_POINTS.length ? KILL_POINTS[round]! : KILL_POINTS[randomInt(KILL_POINTS.length)]!;
        points.push(point);
        let reached = false;
        const arrived = () => (reached = true);
        let acceptLater!: (d: TFakeSendDecision) => void;
        const keyFor = (id: number) => String(id);
        const messageId = await queueMessage(`round ${round} (${point})`);
        sent.push(messageId);
        if (point === 'in-call-dropped') plans.set(keyFor(messageId), { decision: 'hold', arrived });
        if (point === 'accepted-unrecorded') plans.set(keyFor(messageId), { decision: 'accept-then-stall', arrived });
        if (point === 'in-call-accepted-later') {
          plans.set(keyFor(messageId), { decision: new Promise((resolve) => (acceptLater = resolve)), arrived });
        }

        if (point === 'attempt-recorded') await until('the attempt to be recorded', () => hasAttempt(messageId));
        else if (point === 'random-moment') await new Promise((resolve) => setTimeout(resolve, randomInt(0, 400)));
        else await until('the request to reach the provider', () => reached);
        if (point === 'accepted-unrecorded') await until('the provider to accept it', () => fake.accepted.has(keyFor(messageId)));
        await kill(worker);
        if (point === 'in-call-accepted-later') acceptLater('accept-then-stall');
        worker = startWorker();
      }

      await until(
        'every message to be sent',
        async () => {
          const rows = await database.db.select({ status: messages.status }).from(messages).where(inArray(messages.id, sent));
          return rows.length === sent.length && rows.every((r) => r.status === 'sent' || r.status === 'delivered' || r.status === 'read');
        },
        40_000,
      );
    } finally {
      await kill(worker);
    }

    const doubles = sent.filter((id) => (fake.accepted.get(String(id)) ?? 0) > 1);
    const missing = sent.filter((id) => !fake.accepted.has(String(id)));
    expect({ doubles, missing, unnamespaced }).toEqual({ doubles: [], missing: [], unnamespaced: [] });
    const rows = await database.db.select().from(messages).where(inArray(messages.id, sent));
    expect(rows.every((r) => r.providerMessageId?.startsWith('wamid.fake.'))).toBe(true);
    expect(new Set(points)).toEqual(new Set(KILL_POINTS));
  }, 120_000);
});
