import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationEvents, conversations, messages } from '@/db/schema';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { addToTeam, callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { deliverMessage } from '@/server/services/messages/delivery';

let database: TTestDatabase;
let ws: { id: string };
let agent: { id: string };
let agent2: { id: string };
let supervisor: { id: string };
let admin: { id: string };
let outsider: { id: string };
let channel: { id: string; type: 'telegram' };

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  const db = database.db;
  ws = await createWorkspace(db, 'Acme', { closingCategories: ['Resolved'] });
  agent = await createUser(db, ws.id, 'agent', 'Sara');
  agent2 = await createUser(db, ws.id, 'agent', 'Omar');
  supervisor = await createUser(db, ws.id, 'supervisor', 'Lina');
  admin = await createUser(db, ws.id, 'admin', 'Admin');
  const other = await createWorkspace(db, 'Other');
  outsider = await createUser(db, other.id, 'admin');
  channel = (await createChannel(db, ws.id, 'telegram')) as typeof channel;
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

const make = async (patch: { assigneeId?: string | null; status?: 'open' | 'closed' } = {}) =>
  (await createConversation(database.db, { workspaceId: ws.id, channel, ...patch })).conversation.id;
const get = async (id: string) => (await database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
const timeline = async (id: string) =>
  (await database.db.select().from(messages).where(eq(messages.conversationId, id)).orderBy(messages.id)).map((m) => m.body);

describe('assign: the role matrix', () => {
  const cases: [string, () => { id: string }, () => string | null, () => string | null, boolean][] = [
    ['agent takes an unassigned one', () => agent, () => null, () => agent.id, true],
    ['agent gives an unassigned one away', () => agent, () => null, () => agent2.id, false],
    ['agent hands over their own', () => agent, () => agent.id, () => agent2.id, true],
    ['agent unassigns their own', () => agent, () => agent.id, () => null, false],
    ['agent takes someone else’s', () => agent, () => agent2.id, () => agent.id, false],
    ['supervisor reassigns anything', () => supervisor, () => agent.id, () => agent2.id, true],
    ['supervisor unassigns', () => supervisor, () => agent.id, () => null, true],
    ['admin assigns an unassigned one', () => admin, () => null, () => agent2.id, true],
  ];
  it.each(cases)('%s → allowed: %s', async (_label, actor, from, to, allowed) => {
    const id = await make({ assigneeId: from() });
    const call = callerFor(database.db, actor().id).conversation.assign({ id, assigneeId: to() });
    if (allowed) {
      await expect(call).resolves.toEqual({ changed: true });
      expect((await get(id)).assigneeId).toBe(to());
    } else {
      await expect(call).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect((await get(id)).assigneeId).toBe(from());
    }
  });

  it('writes who did it and when, shown in the timeline', async () => {
    const id = await make({ assigneeId: agent.id });
    await callerFor(database.db, supervisor.id).conversation.assign({ id, assigneeId: agent2.id });
    expect(await timeline(id)).toEqual(['Assigned to Omar by Lina']);
    const [event] = await database.db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, id));
    expect(event).toMatchObject({ type: 'assigned', actorId: supervisor.id, assigneeId: agent2.id });
  });

  it('refuses assigning to someone outside the workspace, and another workspace’s conversation', async () => {
    const id = await make({ assigneeId: null });
    await expect(callerFor(database.db, supervisor.id).conversation.assign({ id, assigneeId: outsider.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(callerFor(database.db, outsider.id).conversation.assign({ id, assigneeId: outsider.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(callerFor(database.db, outsider.id).conversation.close({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await get(id)).assigneeId).toBeNull();
  });

  it('moves conversations between teams (supervisors only)', async () => {
    const teamId = await addToTeam(database.db, ws.id, agent.id, 'Support');
    const id = await make({ assigneeId: null });
    await expect(callerFor(database.db, agent.id).conversation.setTeam({ id, teamId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await callerFor(database.db, supervisor.id).conversation.setTeam({ id, teamId });
    expect((await get(id)).teamId).toBe(teamId);
  });
});

describe('close and reopen', () => {
  it('closes with a closing note, keeps the assignee when "unassign on close" is off, and reopens', async () => {
    const id = await make({ assigneeId: agent.id });
    await callerFor(database.db, agent.id).conversation.close({ id, note: { category: 'Resolved', text: 'Refund sent' } });
    expect(await get(id)).toMatchObject({ status: 'closed', assigneeId: agent.id });
    await callerFor(database.db, agent.id).conversation.reopen({ id });
    expect((await get(id)).status).toBe('open');
    expect(await timeline(id)).toEqual(['Closed by Sara (Resolved: Refund sent)', 'Reopened by Sara']);
  });

  it('unassigns on close when the workspace says so', async () => {
    const db = database.db;
    const strict = await createWorkspace(db, 'Strict', { unassignOnClose: true });
    const a = await createUser(db, strict.id, 'agent', 'Ali');
    const c = (
      await createConversation(db, { workspaceId: strict.id, channel: await createChannel(db, strict.id, 'sms'), assigneeId: a.id })
    ).conversation.id;
    await callerFor(db, a.id).conversation.close({ id: c });
    expect(await get(c)).toMatchObject({ status: 'closed', assigneeId: null });
    expect(await timeline(c)).toEqual(['Closed by Ali', 'Unassigned on close by Ali']);
  });

  it('does not let an agent close someone else’s conversation', async () => {
    const id = await make({ assigneeId: agent2.id });
    await expect(callerFor(database.db, agent.id).conversation.close({ id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('bulk', () => {
  it('assigns many in one call and reports what happened', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => make({ assigneeId: null })));
    const already = await make({ assigneeId: agent.id });
    const result = await callerFor(database.db, supervisor.id).conversation.bulk({
      target: { ids: [...ids, already, randomUUID()] },
      action: { kind: 'assign', assigneeId: agent.id },
    });
    expect(result).toEqual({ requested: 22, changed: 20, unchanged: 1, notFound: 1 });
    for (const id of ids) expect((await get(id)).assigneeId).toBe(agent.id);
    expect(await timeline(ids[0]!)).toEqual(['Assigned to Sara by Lina']);
  });

  it('closes everything matching a list query', async () => {
    const db = database.db;
    const w = await createWorkspace(db, 'Bulk');
    const boss = await createUser(db, w.id, 'supervisor');
    const ch = await createChannel(db, w.id, 'webchat');
    for (let i = 0; i < 7; i++) await createConversation(db, { workspaceId: w.id, channel: ch });
    const result = await callerFor(db, boss.id).conversation.bulk({
      target: { query: { view: 'unassigned', status: 'open' } },
      action: { kind: 'close' },
    });
    expect(result).toMatchObject({ requested: 7, changed: 7 });
    expect((await callerFor(db, boss.id).conversation.counts()).unassigned).toBe(0);
  });

  it('records the unassignment when a bulk close unassigns', async () => {
    const db = database.db;
    const w = await createWorkspace(db, 'Tidy', { unassignOnClose: true });
    const lead = await createUser(db, w.id, 'supervisor', 'Lead');
    const owner = await createUser(db, w.id, 'agent');
    const ch = await createChannel(db, w.id, 'webchat');
    const id = (await createConversation(db, { workspaceId: w.id, channel: ch, assigneeId: owner.id })).conversation.id;
    await callerFor(db, lead.id).conversation.bulk({ target: { ids: [id] }, action: { kind: 'close' } });
    expect(await get(id)).toMatchObject({ status: 'closed', assigneeId: null });
    expect(await timeline(id)).toEqual(['Closed by Lead', 'Unassigned on close by Lead']);
  });

  it('is refused to agents and cannot touch another workspace', async () => {
    const id = await make({ assigneeId: null });
    await expect(
      callerFor(database.db, agent.id).conversation.bulk({ target: { ids: [id] }, action: { kind: 'close' } }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const result = await callerFor(database.db, outsider.id).conversation.bulk({ target: { ids: [id] }, action: { kind: 'close' } });
    expect(result).toMatchObject({ changed: 0, notFound: 1 });
    expect((await get(id)).status).toBe('open');
  });
});

describe('retry and the window', () => {
  it('refuses to retry free text once the WhatsApp window has lapsed', async () => {
    const wa = await createChannel(database.db, ws.id, 'whatsapp');
    const c = (
      await createConversation(database.db, {
        workspaceId: ws.id,
        channel: wa,
        assigneeId: agent.id,
        lastInboundAt: new Date(Date.now() - 3_600_000),
      })
    ).conversation.id;
    const { messageId } = await callerFor(database.db, agent.id).message.send({
      conversationId: c,
      clientKey: randomUUID(),
      content: { kind: 'text', text: 'x #fail-transient' },
    });
    await deliverMessage(database.db, messageId, { retryCount: 5, retryLimit: 5 });
    await database.sql`update conversations set last_inbound_at = now() - interval '25 hours' where id = ${c}`;
    await expect(callerFor(database.db, agent.id).message.retry({ messageId })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    const [row] = await database.db.select().from(messages).where(eq(messages.id, messageId));
    expect(row!.status).toBe('failed');
  });
});

describe('retry', () => {
  it('re-queues a message whose failure a retry can fix, and refuses the others', async () => {
    const id = await make({ assigneeId: agent.id });
    const send = (text: string) =>
      callerFor(database.db, agent.id).message.send({ conversationId: id, clientKey: randomUUID(), content: { kind: 'text', text } });
    const { messageId: transient } = await send('x #fail-transient');
    await deliverMessage(database.db, transient, { retryCount: 5, retryLimit: 5 });
    const { messageId: permanent } = await send('y #fail-permanent');
    await deliverMessage(database.db, permanent, { retryCount: 0, retryLimit: 5 });
    await expect(callerFor(database.db, agent.id).message.retry({ messageId: permanent })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await callerFor(database.db, agent.id).message.retry({ messageId: transient });
    const [row] = await database.db.select().from(messages).where(eq(messages.id, transient));
    expect(row).toMatchObject({ status: 'queued', errorCode: null });
    await expect(callerFor(database.db, outsider.id).message.retry({ messageId: transient })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
