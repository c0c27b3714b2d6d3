import { randomUUID } from 'node:crypto';
import type { Socket as ClientSocket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { memberships } from '@/db/schema';
import { mentionToken } from '@/server/domain/mentions';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { notify } from '@/server/realtime/notify';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { collectEvents, setUpRealtimeTestbed } from '@/server/testing/realtime-testbed';

const { database, listen } = setUpRealtimeTestbed();

const heardUntilSentinel = (socket: ClientSocket) =>
  collectEvents(socket, (event) => event.type === 'number.changed' && event.channelId === 'sentinel');

describe('a mention over realtime', () => {
  it('reaches the mentioned person’s sockets in that workspace, naming author and contact, and nobody else', async () => {
    const db = database().db;
    const elsewhere = await createWorkspace(db, 'Elsewhere');
    const ws = await createWorkspace(db, 'Mentions');
    // Lina belongs to both, Elsewhere first: her socket opens there and must not hear Mentions' notice.
    const linaElsewhere = await createUser(db, elsewhere.id, 'agent', 'Lina Elsewhere');
    await db.insert(memberships).values({ workspaceId: ws.id, userId: linaElsewhere.id, role: 'agent' });
    const sara = await createUser(db, ws.id, 'agent', 'Sara Ali');
    const omar = await createUser(db, ws.id, 'agent', 'Omar Nasser');
    const rana = await createUser(db, ws.id, 'supervisor', 'Rana');
    const channel = await createChannel(db, ws.id, 'whatsapp');
    const { conversation } = await createConversation(db, { workspaceId: ws.id, channel, assigneeId: sara.id, firstName: 'Emma', lastName: 'Walker' });

    const { open } = await listen();
    // Wrapped: an async function returning the promise itself would wait for it.
    const [toSara, toOmar, toRana, toLina] = (
      await Promise.all([sara.id, omar.id, rana.id, linaElsewhere.id].map(async (id) => ({ heard: heardUntilSentinel(await open(id)) })))
    ).map((socket) => socket.heard) as [Promise<TRealtimeEvent[]>, Promise<TRealtimeEvent[]>, Promise<TRealtimeEvent[]>, Promise<TRealtimeEvent[]>];
    const text = `${mentionToken(omar.id)} ${mentionToken(linaElsewhere.id)} can you call her?`;
    await callerFor(db, sara.id).message.send({ conversationId: conversation.id, clientKey: randomUUID(), content: { kind: 'note', text } });
    for (const workspaceId of [ws.id, elsewhere.id]) await notify(db, { type: 'number.changed', workspaceId, channelId: 'sentinel' });

    const mentions = async (heard: Promise<TRealtimeEvent[]>) => (await heard).filter((e) => e.type === 'mention.created');
    const [event] = await mentions(toOmar);
    expect(event).toMatchObject({
      workspaceId: ws.id,
      conversationId: conversation.id,
      authorName: 'Sara Ali',
      contactName: 'Emma Walker',
      userIds: [omar.id, linaElsewhere.id],
    });
    expect(await mentions(toSara)).toEqual([]);
    expect(await mentions(toRana)).toEqual([]);
    expect(await mentions(toLina)).toEqual([]);
  });
});
