import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '@/db/schema';
import { publishEnv } from '@/server/env';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { notify } from '@/server/realtime/notify';
import { attachRealtime } from '@/server/realtime/socket';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { sessionCookieFor } from '@/server/testing/session-cookie';
import { sweepClosingAlerts } from './closing-alerts';

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

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Every event a socket hears until the sentinel (a number change in its workspace), which everyone there hears. */
function heardUntilSentinel(socket: ClientSocket): Promise<TRealtimeEvent[]> {
  const heard: TRealtimeEvent[] = [];
  return new Promise((resolve) => {
    const listener = (event: TRealtimeEvent) => {
      if (event.type === 'number.changed' && event.channelId === 'sentinel') {
        socket.off('event', listener);
        resolve(heard);
      } else heard.push(event);
    };
    socket.on('event', listener);
  });
}

describe('closing-soon alerts over realtime', () => {
  it('reach the sockets of the people they name, in that workspace only', async () => {
    const db = database.db;
    const elsewhere = await createWorkspace(db, 'Elsewhere');
    const ws = await createWorkspace(db, 'Alerts');
    // Rana belongs to both, Elsewhere first: her socket opens there, and an alert of Alerts must not reach it.
    const rana = await createUser(db, elsewhere.id, 'agent', 'Rana');
    await db.insert(memberships).values({ workspaceId: ws.id, userId: rana.id, role: 'supervisor' });
    const sara = await createUser(db, ws.id, 'agent', 'Sara');
    const omar = await createUser(db, ws.id, 'agent', 'Omar');
    const lina = await createUser(db, ws.id, 'supervisor', 'Lina');
    const channel = await createChannel(db, ws.id, 'whatsapp');
    const at = new Date(Date.now() - DAY + 10 * MINUTE);
    const conversation = async (assigneeId: string | null) =>
      (await createConversation(db, { workspaceId: ws.id, channel, assigneeId, lastMessageAt: at, lastInboundAt: at, waitingSince: at, firstName: 'Emma', lastName: 'Walker' }))
        .conversation.id;
    const saras = await conversation(sara.id);
    const nobodys = await conversation(null);

    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => http.close(resolve)));
    const realtime = await attachRealtime(http, database, { databaseUrl: database.url, heartbeatIntervalMs: 200 });
    cleanups.push(() => realtime.close());
    const open = async (userId: string) => {
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
      // Wrapped: an async function returning the promise itself would wait for it.
      return { heard: heardUntilSentinel(socket) };
    };
    const [toSara, toOmar, toLina, toRana] = (await Promise.all([open(sara.id), open(omar.id), open(lina.id), open(rana.id)])).map(
      (s) => s.heard,
    ) as [Promise<TRealtimeEvent[]>, Promise<TRealtimeEvent[]>, Promise<TRealtimeEvent[]>, Promise<TRealtimeEvent[]>];

    await sweepClosingAlerts(db);
    for (const workspaceId of [ws.id, elsewhere.id]) await notify(db, { type: 'number.changed', workspaceId, channelId: 'sentinel' });

    const alerts = async (heard: Promise<TRealtimeEvent[]>) =>
      (await heard).flatMap((e) => (e.type === 'window.closingSoon' ? [e.conversationId] : []));
    expect(await alerts(toSara)).toEqual([saras]);
    expect(await alerts(toLina)).toEqual([nobodys]);
    expect(await alerts(toOmar)).toEqual([]);
    expect(await alerts(toRana)).toEqual([]);
    const [event] = (await toSara).filter((e) => e.type === 'window.closingSoon');
    expect(event).toMatchObject({ workspaceId: ws.id, contactName: 'Emma Walker', minutesLeft: 10, lead: 15, userIds: [sara.id] });
  });
});
