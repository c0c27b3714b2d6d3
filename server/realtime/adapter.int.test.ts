import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publishEnv } from '@/server/env';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createUser, createWorkspace } from '@/server/testing/factories';
import { sessionCookieFor } from '@/server/testing/session-cookie';
import { createRealtimeAdapter, redisKey, type TRealtimeAdapter } from './adapter';
import type { TRealtimeEvent } from './events';
import { notify } from './notify';
import { attachRealtime } from './socket';

/**
 * Two socket.io servers in one process stand for two app instances: they share nothing but the adapter, so
 * whatever a client of one receives from the other crossed through PostgreSQL (or Redis).
 */
const redisUrl = process.env.TEST_REDIS_URL || process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redisAvailable = await (async () => {
  const probe = createClient({ url: redisUrl, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.close();
    return true;
  } catch {
    return false;
  }
})();

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listening(): Promise<{ http: HttpServer; url: string }> {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

/** One "instance": a socket.io server with the adapter under test. */
async function instance(kind: 'postgres' | 'redis') {
  const adapter: TRealtimeAdapter = await createRealtimeAdapter({
    databaseUrl: database.url,
    redisUrl: kind === 'redis' ? redisUrl : undefined,
    heartbeatIntervalMs: 200,
  });
  const { http, url } = await listening();
  const io = new Server(http, { adapter: adapter.adapter });
  cleanups.push(async () => {
    await io.close();
    await adapter.close();
  });
  return { io, url, adapter };
}

async function client(url: string, cookie?: string): Promise<ClientSocket> {
  const socket = connectClient(url, { transports: ['websocket'], reconnection: false, extraHeaders: cookie ? { cookie } : {} });
  cleanups.push(() => void socket.disconnect());
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

function nextMessage<T>(socket: ClientSocket, event: string): Promise<T> {
  return new Promise((resolve) => socket.once(event, resolve));
}

describe.each([
  { kind: 'postgres' as const, skip: false },
  { kind: 'redis' as const, skip: !redisAvailable },
])('the $kind adapter', ({ kind, skip }) => {
  it.skipIf(skip)('carries broadcasts, room operations and fetchSockets from one instance to a client of another', async () => {
    const a = await instance(kind);
    const b = await instance(kind);
    expect(a.adapter.kind).toBe(kind);
    const onB = await client(b.url);
    // Each instance knows of the other once its subscription is live (heartbeats for Postgres, NUMSUB for Redis).
    await expect.poll(() => a.io.of('/').adapter.serverCount(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => b.io.of('/').adapter.serverCount(), { timeout: 10_000 }).toBe(2);

    const greeting = nextMessage<string>(onB, 'greeting');
    a.io.emit('greeting', 'from A');
    expect(await greeting).toBe('from A');

    // Over NOTIFY's 8000 bytes the Postgres adapter goes through its attachments table, created at start.
    const big = 'x'.repeat(20_000);
    const large = nextMessage<string>(onB, 'large');
    a.io.emit('large', big);
    expect((await large).length).toBe(big.length);

    const sockets = await a.io.fetchSockets();
    expect(sockets.map((s) => s.id)).toEqual([onB.id]);

    a.io.in(onB.id!).socketsJoin('desk');
    await expect.poll(async () => (await b.io.in('desk').fetchSockets()).length).toBe(1);
    const inRoom = nextMessage<string>(onB, 'room');
    a.io.to('desk').emit('room', 'desk only');
    expect(await inRoom).toBe('desk only');
  });
});

it('scopes the Redis channels to the database, so deployments sharing a Redis stay apart', () => {
  expect(redisKey('postgres://u:p@db.internal:5433/nafidha')).toBe('nafidha#db.internal:5433/nafidha');
  expect(redisKey('postgres://db/na*fi[d]ha')).toBe('nafidha#db:5432/na_fi_d_ha');
});

describe('attachRealtime on two instances of one database', () => {
  it('delivers a committed domain event once to each socket, on whichever instance it is connected', async () => {
    publishEnv('NEXTAUTH_SECRET', randomBytes(24).toString('base64url'));
    const workspace = await createWorkspace(database.db);
    const admin = await createUser(database.db, workspace.id, 'admin');
    const cookie = await sessionCookieFor(admin.id);

    const instances = [];
    for (let i = 0; i < 2; i++) {
      const { http, url } = await listening();
      const realtime = await attachRealtime(http, database, { databaseUrl: database.url, heartbeatIntervalMs: 200 });
      cleanups.push(() => realtime.close());
      instances.push({ realtime, url });
    }
    const [a, b] = instances as [(typeof instances)[number], (typeof instances)[number]];
    const sockets = [await client(a.url, cookie), await client(b.url, cookie)];
    const received = sockets.map(() => [] as TRealtimeEvent[]);
    sockets.forEach((socket, i) => socket.on('event', (event: TRealtimeEvent) => received[i]!.push(event)));
    await expect.poll(() => a.realtime.io.of('/').adapter.serverCount(), { timeout: 10_000 }).toBe(2);

    const base = { workspaceId: workspace.id, conversationId: crypto.randomUUID(), assigneeId: null };
    await database.db.transaction((tx) => notify(tx, { type: 'conversation.changed', ...base }));
    await database.db.transaction((tx) => notify(tx, { type: 'message.created', messageId: 7, ...base }));
    // Each socket's events arrive in commit order: once the second is in, a duplicate of the first would be too.
    for (const events of received) {
      await expect.poll(() => events.map((e) => e.type)).toEqual(['conversation.changed', 'message.created']);
    }

    // The adapter path still spans the instances when attached by attachRealtime.
    const everywhere = Promise.all(sockets.map((socket) => nextMessage(socket, 'ready')));
    a.realtime.io.emit('ready', { workspaceId: workspace.id });
    expect(await everywhere).toEqual([{ workspaceId: workspace.id }, { workspaceId: workspace.id }]);
    expect(received.map((events) => events.length)).toEqual([2, 2]);
  });
});
