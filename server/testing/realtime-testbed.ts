import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import { publishEnv } from '@/server/env';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { attachRealtime } from '@/server/realtime/socket';
import { createTestDatabase, type TTestDatabase } from './database';
import { sessionCookieFor } from './session-cookie';

/**
 * Integration tests of what reaches real sockets: a database of the file's own, and `listen()` for the realtime
 * server on a local port with `open(userId)` for a signed-in socket, ready. Everything is closed after the file.
 */
export function setUpRealtimeTestbed() {
  let database: TTestDatabase | undefined;
  const cleanups: (() => Promise<unknown> | void)[] = [];
  beforeAll(async () => {
    publishEnv('NEXTAUTH_SECRET', randomBytes(24).toString('base64url'));
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await database?.drop();
  });
  const db = () => database!;

  async function listen() {
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => http.close(resolve)));
    const realtime = await attachRealtime(http, db(), { databaseUrl: db().url, heartbeatIntervalMs: 200 });
    cleanups.push(() => realtime.close());
    /** A socket signed in as `userId` (in their first workspace), once the server said it is ready. */
    async function open(userId: string): Promise<ClientSocket> {
      const socket = connectClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: { cookie: await sessionCookieFor(userId) },
      });
      cleanups.push(() => void socket.disconnect());
      await new Promise<void>((resolve, reject) => {
        socket.once('ready', () => resolve());
        socket.once('connect_error', reject);
      });
      return socket;
    }
    return { open };
  }

  return { database: db, listen };
}

/** Resolves with every event the socket heard, once `until` says the last one was the one waited for. */
export function collectEvents(socket: ClientSocket, until: (event: TRealtimeEvent) => boolean): Promise<TRealtimeEvent[]> {
  const heard: TRealtimeEvent[] = [];
  return new Promise((resolve) => {
    const listener = (event: TRealtimeEvent) => {
      heard.push(event);
      if (until(event)) {
        socket.off('event', listener);
        resolve(heard);
      }
    };
    socket.on('event', listener);
  });
}
