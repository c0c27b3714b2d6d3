import { describe, expect, it } from 'vitest';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { collectEvents, setUpRealtimeTestbed } from '@/server/testing/realtime-testbed';

const { database, listen } = setUpRealtimeTestbed();

describe('a settings change reaches open sockets', () => {
  it('a restricted agent’s socket starts hearing others’ conversations the moment agents see all is turned on', async () => {
    const db = database().db;
    const ws = await createWorkspace(db, 'Live settings', { agentsSeeAll: false });
    const admin = await createUser(db, ws.id, 'admin', 'Hala');
    const sara = await createUser(db, ws.id, 'agent', 'Sara');
    const omar = await createUser(db, ws.id, 'agent', 'Omar');
    const channel = await createChannel(db, ws.id, 'sms');
    const id = (await createConversation(db, { workspaceId: ws.id, channel, assigneeId: omar.id })).conversation.id;

    const socket = await (await listen()).open(sara.id);

    const hala = callerFor(db, admin.id);
    const untilSettings = collectEvents(socket, (e) => e.type === 'workspace.settingsChanged');
    // Omar's conversation moves to Hala: nothing Sara may see, so she hears nothing of it...
    await hala.conversation.assign({ id, assigneeId: admin.id });
    await hala.workspaceSettings.update({ ...(await hala.workspaceSettings.get()), agentsSeeAll: true });
    const before = await untilSettings;
    expect(before.filter((e) => 'conversationId' in e && e.conversationId === id)).toEqual([]);
    expect(before.at(-1)).toEqual({ type: 'workspace.settingsChanged', workspaceId: ws.id, agentsSeeAll: true });

    // ...and once the setting is on, the same kind of change reaches her socket without a reconnect.
    const untilChange = collectEvents(socket, (e) => e.type === 'conversation.changed' && e.conversationId === id);
    await hala.conversation.assign({ id, assigneeId: omar.id });
    expect((await untilChange).at(-1)).toMatchObject({ type: 'conversation.changed', conversationId: id, assigneeId: omar.id });
  });
});
