import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEnv } from '@/server/env';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { attachRealtime } from '@/server/realtime/socket';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { sessionCookieFor } from '@/server/testing/session-cookie';

let database: TTestDatabase;
const cleanups: (() => Promise<unknown> | void)[] = [];
beforeAll(async () => {
  publishEnv('NEXTAUTH_SECRET', randomBytes(24).toString('base64url'));
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await database.drop();
});

/** Resolves with every event the socket heard, once `until` says the last one was the one waited for. */
function collect(socket: ClientSocket, until: (event: TRealtimeEvent) => boolean): Promise<TRealtimeEvent[]> {
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

describe('a settings change reaches open sockets', () => {
  it('a restricted agent’s socket starts hearing others’ conversations the moment agents see all is turned on', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Live settings', { agentsSeeAll: false });
    const admin = await createUser(db, ws.id, 'admin', 'Hala');
    const sara = await createUser(db, ws.id, 'agent', 'Sara');
    const omar = await createUser(db, ws.id, 'agent', 'Omar');
    const channel = await createChannel(db, ws.id, 'sms');
    const id = (await createConversation(db, { workspaceId: ws.id, channel, assigneeId: omar.id })).conversation.id;

    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => http.close(resolve)));
    const realtime = await attachRealtime(http, database, { databaseUrl: database.url, heartbeatIntervalMs: 200 });
    cleanups.push(() => realtime.close());
    const socket = connectClient(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: await sessionCookieFor(sara.id) },
    });
    cleanups.push(() => void socket.disconnect());
    await new Promise<void>((resolve, reject) => {
      socket.once('ready', () => resolve());
      socket.once('connect_error', reject);
    });

    const hala = callerFor(db, admin.id);
    const untilSettings = collect(socket, (e) => e.type === 'workspace.settingsChanged');
    // Omar's conversation moves to Hala: nothing Sara may see, so she hears nothing of it...
    await hala.conversation.assign({ id, assigneeId: admin.id });
    await hala.workspaceSettings.update({ ...(await hala.workspaceSettings.get()), agentsSeeAll: true });
    const before = await untilSettings;
    expect(before.filter((e) => 'conversationId' in e && e.conversationId === id)).toEqual([]);
    expect(before.at(-1)).toEqual({ type: 'workspace.settingsChanged', workspaceId: ws.id, agentsSeeAll: true });

    // ...and once the setting is on, the same kind of change reaches her socket without a reconnect.
    const untilChange = collect(socket, (e) => e.type === 'conversation.changed' && e.conversationId === id);
    await hala.conversation.assign({ id, assigneeId: omar.id });
    expect((await untilChange).at(-1)).toMatchObject({ type: 'conversation.changed', conversationId: id, assigneeId: omar.id });
  });
});
