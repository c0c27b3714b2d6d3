import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect, database as appDatabase, type TDatabase } from '@/db/client';
import { trpcHttp } from '@/server/api/http';
import { publishEnv } from '@/server/env';
import { attachRealtime } from '@/server/realtime/socket';
import { createTestDatabase, testServerUrl, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createUser, createWorkspace } from '@/server/testing/factories';
import { sessionCookieFor } from '@/server/testing/session-cookie';
import { isSessionCurrent, revokeSessions } from './sessions';

let database: TTestDatabase;
/** Another process's pool (a worker, Next's bundle), revoking while the realtime instances listen. */
let elsewhere: TDatabase;

beforeAll(async () => {
  publishEnv('NEXTAUTH_SECRET', randomBytes(24).toString('base64url'));
  database = await createTestDatabase();
  // The real tRPC handler uses the process's pool on DATABASE_URL: point it at this file's database (the harness
  // keeps its admin connection where it was).
  process.env.TEST_DATABASE_URL = testServerUrl();
  publishEnv('DATABASE_URL', database.url);
  elsewhere = connect(database.url, { max: 2 });
});
afterAll(async () => {
  await elsewhere.sql.end();
  await appDatabase().sql.end();
  await database.drop();
});

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function listening(handler?: Parameters<typeof createServer>[1]): Promise<{ http: HttpServer; url: string }> {
  const http = handler ? createServer(handler) : createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => http.close(resolve)));
  return { http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

async function member(role: 'agent' | 'admin' = 'agent') {
  const workspace = await createWorkspace(database.db);
  return { workspace, user: await createUser(database.db, workspace.id, role) };
}

describe('revokeSessions', () => {
  it('moves the user to a new session version: tokens of the old one are refused by every procedure layer', async () => {
    const { workspace, user } = await member();
    expect((await callerFor(database.db, user.id, workspace.id).me.get()).user.id).toBe(user.id);

    expect(await revokeSessions(database.db, user.id)).toBe(2);
    await expect(callerFor(database.db, user.id, workspace.id).me.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(callerFor(database.db, user.id).me.setLocale({ locale: 'ar' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await isSessionCurrent(database.db, { userId: user.id, sessionVersion: 1 })).toBe(false);

    // A session issued after the revocation works.
    expect((await callerFor(database.db, user.id, workspace.id, 2).me.get()).user.id).toBe(user.id);
    expect(await callerFor(database.db, user.id, null, 2).me.setLocale({ locale: 'ar' })).toEqual({ locale: 'ar' });
  });

  it('leaves other users alone, and tells a revoked session from a missing membership', async () => {
    const { workspace, user } = await member();
    const other = await createUser(database.db, workspace.id, 'agent');
    await revokeSessions(database.db, user.id);
    expect((await callerFor(database.db, other.id, workspace.id).me.get()).user.id).toBe(other.id);
    const stranger = await createWorkspace(database.db, 'Elsewhere');
    await expect(callerFor(database.db, other.id, stranger.id).me.get()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await revokeSessions(database.db, crypto.randomUUID())).toBeNull();
  });

  it('rolls back with the transaction it is part of', async () => {
    const { user } = await member();
    await expect(
      database.db.transaction(async (tx) => {
        await revokeSessions(tx, user.id);
        throw new Error('the change that needed a revocation failed');
      }),
    ).rejects.toThrow();
    expect(await isSessionCurrent(database.db, { userId: user.id, sessionVersion: 1 })).toBe(true);
  });
});

describe('over HTTP', () => {
  it('refuses the same cookie on tRPC once the sessions are revoked', async () => {
    const { workspace, user } = await member();
    const { url } = await listening(trpcHttp);
    const cookie = `${await sessionCookieFor(user.id)}; nafidha-workspace=${workspace.id}`;
    const meGet = () => fetch(`${url}/api/trpc/me.get`, { headers: { cookie } });
    expect((await meGet()).status).toBe(200);
    await revokeSessions(elsewhere.db, user.id);
    const refused = await meGet();
    expect(refused.status).toBe(401);
    expect(await refused.text()).toContain('UNAUTHENTICATED');
  });

  it('refuses a token that carries no session version (issued before versions existed)', async () => {
    const { workspace, user } = await member();
    const { url } = await listening(trpcHttp);
    const { encode } = await import('next-auth/jwt');
    const legacy = await encode({ token: { sub: user.id }, secret: process.env.NEXTAUTH_SECRET! });
    const response = await fetch(`${url}/api/trpc/me.get`, { headers: { cookie: `next-auth.session-token=${legacy}; nafidha-workspace=${workspace.id}` } });
    expect(response.status).toBe(401);
  });
});

describe('session renewal', () => {
  it('gives a request made with a token older than a quarter hour a fresh cookie, and a fresh token none', async () => {
    const { workspace, user } = await member();
    const { url } = await listening(trpcHttp);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 20 * 60_000);
    const old = await sessionCookieFor(user.id);
    vi.useRealTimers();
    const renewed = await fetch(`${url}/api/trpc/me.get`, { headers: { cookie: `${old}; nafidha-workspace=${workspace.id}` } });
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('set-cookie')).toMatch(/^next-auth\.session-token=[^;]+; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);

    const fresh = await fetch(`${url}/api/trpc/me.get`, { headers: { cookie: `${await sessionCookieFor(user.id)}; nafidha-workspace=${workspace.id}` } });
    expect([fresh.status, fresh.headers.get('set-cookie')]).toEqual([200, null]);
  });
});

describe('open sockets', () => {
  async function socketOn(url: string, cookie: string): Promise<ClientSocket> {
    const socket = connectClient(url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    cleanups.push(() => void socket.disconnect());
    await new Promise<void>((resolve, reject) => {
      socket.once('ready', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }

  const disconnected = (socket: ClientSocket) =>
    new Promise<string>((resolve) => {
      if (socket.disconnected) resolve('already');
      socket.once('disconnect', (reason) => resolve(reason));
    });

  it('are dropped within a second on every instance, and the cookie no longer opens one', async () => {
    const { user } = await member();
    const other = await member();
    const instances = [];
    for (let i = 0; i < 2; i++) {
      const { http, url } = await listening();
      const realtime = await attachRealtime(http, database, { databaseUrl: database.url, heartbeatIntervalMs: 200 });
      cleanups.push(() => realtime.close());
      instances.push(url);
    }
    const cookie = await sessionCookieFor(user.id);
    const sockets = [await socketOn(instances[0]!, cookie), await socketOn(instances[1]!, cookie), await socketOn(instances[1]!, cookie)];
    const bystander = await socketOn(instances[0]!, await sessionCookieFor(other.user.id));

    // Listening before revoking: the disconnect can arrive before revokeSessions' own commit answer does.
    expect(sockets.every((socket) => socket.connected)).toBe(true);
    const dropped = Promise.all(sockets.map(disconnected));
    const started = performance.now();
    await revokeSessions(elsewhere.db, user.id);
    const reasons = await Promise.race([
      dropped,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000).unref()),
    ]);
    expect(reasons).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(bystander.connected).toBe(true);

    await expect(socketOn(instances[0]!, cookie)).rejects.toThrow('UNAUTHENTICATED');
    await socketOn(instances[0]!, await sessionCookieFor(user.id, 2));
  });

  // The revocation notice is lost when it is sent while the LISTEN connection is down: simulated here by moving the
  // version on without it, as a revocation during a listener outage looks to this instance.
  const revokeWithoutNotice = (userId: string) => elsewhere.sql`update users set session_version = session_version + 1 where id = ${userId}`;

  async function oneInstance() {
    const { http, url } = await listening();
    const realtime = await attachRealtime(http, database, { databaseUrl: database.url, heartbeatIntervalMs: 200 });
    cleanups.push(() => realtime.close());
    return { realtime, url };
  }

  it('are dropped by the periodic re-check when the revocation notice was lost, in one query for every socket', async () => {
    const { user } = await member();
    const other = await member();
    const { realtime, url } = await oneInstance();
    const cookie = await sessionCookieFor(user.id);
    const sockets = [await socketOn(url, cookie), await socketOn(url, cookie)];
    const bystander = await socketOn(url, await sessionCookieFor(other.user.id));
    expect(await realtime.recheckSessions()).toBe(0);

    await revokeWithoutNotice(user.id);
    expect(sockets.every((socket) => socket.connected)).toBe(true);
    // The same user signed in again after the revocation: that session is current and stays.
    const signedInAgain = await socketOn(url, await sessionCookieFor(user.id, 2));
    expect(await realtime.recheckSessions()).toBe(2);
    expect(await Promise.all(sockets.map(disconnected))).toEqual(['io server disconnect', 'io server disconnect']);
    expect([bystander.connected, signedInAgain.connected]).toEqual([true, true]);
  });

  it('are re-checked as soon as the session listener reconnects', async () => {
    const { user } = await member();
    const { url } = await oneInstance();
    const socket = await socketOn(url, await sessionCookieFor(user.id));
    await revokeWithoutNotice(user.id);
    const [killed] = await elsewhere.sql<{ count: number }[]>`
      select count(pg_terminate_backend(pid))::int as count from pg_stat_activity
      where datname = current_database() and query ilike 'listen "nafidha_sessions"%'`;
    expect(killed!.count).toBe(1);
    const reason = await Promise.race([disconnected(socket), new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000).unref())]);
    expect(reason).toBe('io server disconnect');
  });
});

