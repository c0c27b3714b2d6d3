import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { expect, request as newRequestContext, test, type APIRequestContext } from '@playwright/test';
import postgres from 'postgres';
import { io, type Socket } from 'socket.io-client';
import { DEMO_CHANNELS } from '../db/seed/demo-channels';
import { textMessageEnvelope } from '../server/channels/whatsapp/envelopes';
import { signatureOf } from '../server/channels/whatsapp/signature';
import type { TRealtimeEvent } from '../server/realtime/events';
import { trpcMutation, trpcQuery } from './api';
import { startProcess, waitForHealthy, type TProcess } from './scale/processes';
import { signInOverHttp } from './session';

/**
 * Scale-out: two app instances on one fresh database (separate ports, RUN_WORKERS=false, one shared session secret)
 * and one job worker process. A webhook posted to A reaches a socket connected to B, and a send made on B is
 * delivered by the worker, its status reaching B in realtime. The instances run the production build.
 */
const e2ePort = Number(process.env.E2E_PORT || 3200);
// Offsets from the run's own port, so two runs on one machine (a developer's and CI's) never share ports or a database.
const ports = { a: e2ePort + 210, b: e2ePort + 211 };
const urls = { a: `http://localhost:${ports.a}`, b: `http://localhost:${ports.b}` };
const databaseName = `nafidha_scale_${ports.a}`;
const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();
const riyadh = DEMO_CHANNELS.find((channel) => channel.key === 'wa-riyadh')!;

// Starting three processes on a busy two-core machine takes a while; the checks themselves take seconds.
test.describe.configure({ timeout: 90_000 });

const processes: TProcess[] = [];
let worker: TProcess | undefined;
let admin: postgres.Sql;
let scaleDb: postgres.Sql | undefined;
let onB: APIRequestContext | undefined;
let socket: Socket | undefined;
const events: TRealtimeEvent[] = [];

function baseEnv(): NodeJS.ProcessEnv {
  // The runner's own database and port settings must not leak into the instances.
  const inherited = { ...process.env };
  for (const name of ['DATABASE_URL', 'TEST_DATABASE_URL', 'PORT', 'E2E_PORT', 'REDIS_URL', 'GRAPH_API_BASE_URL', 'NEXTAUTH_URL']) {
    delete inherited[name];
  }
  return {
    ...inherited,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'production',
    NEXTAUTH_SECRET: 'scale-out-e2e-secret-not-for-production-use',
    // One key for every instance and the worker: what one seals (the demo numbers' secrets), the others open.
    SECRETS_KEY: Buffer.from('scale-out-e2e-secrets-key-32byte').toString('base64'),
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: 'warn',
  };
}

function appInstance(name: string, port: number): TProcess {
  return startProcess(name, 'node_modules/.bin/tsx', ['server/index.ts'], {
    ...baseEnv(),
    PORT: String(port),
    RUN_WORKERS: 'false',
    CUSTOMER_SIMULATOR: 'on',
    // Both start with the same settings, as a cluster's instances do; the boot lock lets one of them seed.
    SEED_DEMO: 'true',
  });
}

/** Resolves with the first event (already received or still to come) that matches. */
async function eventOnB(predicate: (event: TRealtimeEvent) => boolean, what: string, timeoutMs = 20_000): Promise<TRealtimeEvent> {
  const found = events.find(predicate);
  if (found) return found;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket?.off('event', listener);
      reject(new Error(`no ${what} reached instance B within ${timeoutMs} ms; it received: ${JSON.stringify(events)}`));
    }, timeoutMs);
    const listener = (event: TRealtimeEvent) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      socket?.off('event', listener);
      resolve(event);
    };
    socket!.on('event', listener);
  });
}

test.beforeAll(async () => {
  // The instances serve the production build; npm test builds before Playwright runs.
  if (!existsSync('.next/BUILD_ID')) throw new Error('the scale-out test needs the production build: run `npx next build` first');
  test.setTimeout(180_000);
  admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin.unsafe(`create database "${databaseName}"`);

  const a = appInstance('instance A', ports.a);
  const b = appInstance('instance B', ports.b);
  // The worker's WhatsApp sends go to instance A's local Graph API fake, whose status webhooks come back to A.
  worker = startProcess('worker', 'npm', ['run', '--silent', 'worker'], {
    ...baseEnv(),
    LOG_LEVEL: 'info',
    GRAPH_API_BASE_URL: `http://127.0.0.1:${ports.a}/dev/graph`,
  });
  processes.push(a, b, worker);
  await Promise.all([waitForHealthy(a, urls.a, 150_000), waitForHealthy(b, urls.b, 150_000), worker.waitForLine(/worker is up/, 150_000)]);
  scaleDb = postgres(databaseUrl, { max: 1, onnotice: () => {} });

  onB = await newRequestContext.newContext({ baseURL: urls.b });
  const cookie = await signInOverHttp(onB, 'admin@nafidha.test');
  socket = io(urls.b, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  socket.on('event', (event: TRealtimeEvent) => events.push(event));
  await new Promise<void>((resolve, reject) => {
    socket!.once('ready', () => resolve());
    socket!.once('connect_error', reject);
  });
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  socket?.disconnect();
  await onB?.dispose();
  await scaleDb?.end();
  // The worker stops gracefully on SIGTERM (jobs in flight finish, the rest stay queued for another worker), first
  // and with time to spare: a loaded CI machine can take seconds to wind pg-boss down.
  // (npm, at the head of the group, dies of the signal itself; the worker's own last line says how it ended.)
  await worker?.stop(30_000);
  await Promise.all(processes.filter((proc) => proc !== worker).map((proc) => proc.stop()));
  expect(worker?.output()).toContain('worker stopped');
  await admin?.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin?.end();
});

test('a webhook posted to instance A reaches a socket on instance B; a send on B is delivered by the worker', async () => {
  const providerId = `wamid.scale.${randomUUID()}`;
  const body = JSON.stringify(
    textMessageEnvelope({
      phoneNumberId: riyadh.externalId,
      from: `9665${String(Date.now()).slice(-8)}`,
      name: 'Scale Out',
      id: providerId,
      body: 'Hello, posted to instance A',
    }),
  );
  const webhook = await fetch(`${urls.a}/api/webhooks/whatsapp/${riyadh.externalId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, String(riyadh.config.appSecret)) },
    body,
  });
  expect(webhook.status).toBe(200);

  const [inbound] = await scaleDb!<{ id: string; conversationId: string }[]>`
    select id::text, conversation_id as "conversationId" from messages where provider_message_id = ${providerId}`;
  expect(inbound).toBeDefined();
  const messageId = Number(inbound!.id);
  const { conversationId } = inbound!;
  await eventOnB((e) => e.type === 'message.created' && e.messageId === messageId, 'message.created for the webhook');

  const sent = await trpcMutation<{ messageId: number }>(onB!, 'message.send', {
    conversationId,
    clientKey: randomUUID(),
    content: { kind: 'text', text: 'Reply sent through instance B' },
  });
  // Neither instance runs workers: only the worker process can move the message past `queued`.
  await eventOnB((e) => e.type === 'message.status' && e.messageId === sent.messageId && e.status === 'sent', '"sent" status');
  // Then Meta's (the fake's) status webhook, posted back to instance A, reaches B too.
  await eventOnB(
    (e) => e.type === 'message.status' && e.messageId === sent.messageId && (e.status === 'delivered' || e.status === 'read'),
    '"delivered" status',
  );
  const page = await trpcQuery<{ items: { id: number; status: string | null }[] }>(onB!, 'message.list', { conversationId });
  expect(['delivered', 'read']).toContain(page.items.find((m) => m.id === sent.messageId)?.status);

  // One event per change: the inbound message was announced to B exactly once, although two instances and the
  // socket.io adapter share the database.
  expect(events.filter((e) => e.type === 'message.created' && e.messageId === messageId)).toHaveLength(1);
});
