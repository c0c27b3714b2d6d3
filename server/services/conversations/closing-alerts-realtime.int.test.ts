import type { Socket as ClientSocket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { memberships } from '@/db/schema';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { notify } from '@/server/realtime/notify';
import { createChannel, createUser, createWaitingConversation, createWorkspace } from '@/server/testing/factories';
import { collectEvents, setUpRealtimeTestbed } from '@/server/testing/realtime-testbed';
import { sweepClosingAlerts } from './closing-alerts';

const { database, listen } = setUpRealtimeTestbed();
const MINUTE = 60_000;

/** Every event a socket hears until the sentinel (a number change in its workspace), which everyone there hears. */
const heardUntilSentinel = (socket: ClientSocket) =>
  collectEvents(socket, (event) => event.type === 'number.changed' && event.channelId === 'sentinel');

describe('closing-soon alerts over realtime', () => {
  it('reach the sockets of the people they name, in that workspace only', async () => {
    const db = database().db;
    const elsewhere = await createWorkspace(db, 'Elsewhere');
    const ws = await createWorkspace(db, 'Alerts');
    // Rana belongs to both, Elsewhere first: her socket opens there, and an alert of Alerts must not reach it.
    const rana = await createUser(db, elsewhere.id, 'agent', 'Rana');
    await db.insert(memberships).values({ workspaceId: ws.id, userId: rana.id, role: 'supervisor' });
    const sara = await createUser(db, ws.id, 'agent', 'Sara');
    const omar = await createUser(db, ws.id, 'agent', 'Omar');
    const lina = await createUser(db, ws.id, 'supervisor', 'Lina');
    const channel = await createChannel(db, ws.id, 'whatsapp');
    const conversation = async (assigneeId: string | null) =>
      (await createWaitingConversation(db, { workspaceId: ws.id, channel, assigneeId, closesInMs: 10 * MINUTE, firstName: 'Emma', lastName: 'Walker' })).conversation.id;
    const saras = await conversation(sara.id);
    const nobodys = await conversation(null);

    const { open: openSocket } = await listen();
    // Wrapped: an async function returning the promise itself would wait for it.
    const open = async (userId: string) => ({ heard: heardUntilSentinel(await openSocket(userId)) });
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
