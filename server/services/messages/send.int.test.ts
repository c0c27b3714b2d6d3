import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages, templates } from '@/db/schema';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
let ws: { id: string };
let agentA: { id: string; name: string };
let agentB: { id: string; name: string };
let whatsapp: { id: string; type: 'whatsapp' };
let otherNumber: { id: string; type: 'whatsapp' };
let approvedId: string;
let pendingId: string;
let otherNumbersTemplateId: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  const db = database.db;
  ws = await createWorkspace(db, 'Acme');
  agentA = await createUser(db, ws.id, 'agent', 'Agent A');
  agentB = await createUser(db, ws.id, 'agent', 'Agent B');
  whatsapp = (await createChannel(db, ws.id, 'whatsapp')) as typeof whatsapp;
  otherNumber = (await createChannel(db, ws.id, 'whatsapp')) as typeof otherNumber;
  const template = (channelId: string, name: string, status: string) => ({
    workspaceId: ws.id,
    channelId,
    name,
    language: 'en',
    category: 'UTILITY' as const,
    status,
    parameterFormat: 'NAMED' as const,
    components: [{ type: 'BODY', text: 'Hello {{customer_name}}, about {{topic}}.' }],
  });
  const created = await db
    .insert(templates)
    .values([template(whatsapp.id, 'follow_up', 'APPROVED'), template(whatsapp.id, 'pending_one', 'PENDING')])
    .returning();
  approvedId = created[0]!.id;
  pendingId = created[1]!.id;
  const [other] = await db
    .insert(templates)
    .values(template(otherNumber.id, 'follow_up', 'APPROVED'))
    .returning();
  otherNumbersTemplateId = other!.id;
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

const text = (conversationId: string, body = 'Hi there', clientKey = randomUUID()) => ({
  conversationId,
  clientKey,
  content: { kind: 'text' as const, text: body },
});
const tpl = (conversationId: string, templateId: string, params: Record<string, string>) => ({
  conversationId,
  clientKey: randomUUID(),
  content: { kind: 'template' as const, templateId, params },
});
const conv = async (id: string) => (await database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
const msgs = (conversationId: string) =>
  database.db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(messages.id);
const jobsFor = async (messageId: number) =>
  (
    await database.sql`select count(*)::int as n from pgboss.job where name = 'message-send' and data->>'messageId' = ${String(messageId)}`
  )[0]!.n as number;

async function conversation(patch: Parameters<typeof createConversation>[1] extends infer T ? Partial<T> : never = {}) {
  return (
    await createConversation(database.db, { workspaceId: ws.id, channel: whatsapp, lastInboundAt: new Date(Date.now() - HOUR), ...patch })
  ).conversation;
}

describe('message.send: the window', () => {
  it('sends free-form text inside the window: queued, with its delivery job in the same transaction', async () => {
    const c = await conversation({ assigneeId: agentA.id });
    const { messageId } = await callerFor(database.db, agentA.id).message.send(text(c.id));
    const [m] = (await msgs(c.id)).filter((x) => x.direction === 'out');
    expect(m).toMatchObject({ id: messageId, status: 'queued', body: 'Hi there', authorId: agentA.id });
    expect(await jobsFor(messageId)).toBe(1);
    expect(await conv(c.id)).toMatchObject({ previewText: 'Hi there', previewDirection: 'out', waitingSince: null });
  });

  it('refuses free-form text after the window lapsed, stores nothing, and enqueues nothing', async () => {
    const c = await conversation({ assigneeId: agentA.id, lastInboundAt: new Date(Date.now() - 24 * HOUR - 1000) });
    await expect(callerFor(database.db, agentA.id).message.send(text(c.id))).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
      message: expect.stringContaining('template'),
    });
    expect(await msgs(c.id)).toEqual([]);
  });

  it('judges the window by the database clock at the moment of sending, whatever the browser believed', async () => {
    // The window closes exactly when this statement runs: by the database's clock inside the send it has lapsed,
    // even though the list row (and any browser reading it a moment ago) still showed it open.
    const c = await conversation({ assigneeId: agentA.id });
    await database.sql`update conversations set last_inbound_at = clock_timestamp() - interval '24 hours', window_closes_at = clock_timestamp() where id = ${c.id}`;
    await expect(callerFor(database.db, agentA.id).message.send(text(c.id))).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('records the human-agent tag in the Messenger tag period, and refuses Instagram after 7 days', async () => {
    const messenger = await createChannel(database.db, ws.id, 'messenger');
    const instagram = await createChannel(database.db, ws.id, 'instagram');
    const m = (
      await createConversation(database.db, {
        workspaceId: ws.id,
        channel: messenger,
        assigneeId: agentA.id,
        lastInboundAt: new Date(Date.now() - 3 * 24 * HOUR),
      })
    ).conversation;
    await callerFor(database.db, agentA.id).message.send(text(m.id));
    expect((await msgs(m.id)).find((x) => x.direction === 'out')?.messagingTag).toBe('HUMAN_AGENT');
    const i = (
      await createConversation(database.db, {
        workspaceId: ws.id,
        channel: instagram,
        assigneeId: agentA.id,
        lastInboundAt: new Date(Date.now() - 8 * 24 * HOUR),
      })
    ).conversation;
    await expect(callerFor(database.db, agentA.id).message.send(text(i.id))).rejects.toMatchObject({
      message: expect.stringContaining('until the customer writes'),
    });
  });

  it('always allows internal notes, which never reopen, reassign or enqueue', async () => {
    const c = await conversation({ status: 'closed', assigneeId: null, lastInboundAt: new Date(Date.now() - 48 * HOUR) });
    const { messageId } = await callerFor(database.db, agentA.id).message.send({
      conversationId: c.id,
      clientKey: randomUUID(),
      content: { kind: 'note', text: 'Called them' },
    });
    expect(await conv(c.id)).toMatchObject({ status: 'closed', assigneeId: null });
    expect(await jobsFor(messageId)).toBe(0);
  });
});

describe('message.send: bad input', () => {
  it('refuses text with a NUL character as invalid input, storing nothing', async () => {
    const c = await conversation({ assigneeId: agentA.id });
    await expect(callerFor(database.db, agentA.id).message.send(text(c.id, 'bad\u0000text'))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await msgs(c.id)).toEqual([]);
  });

  it.each([
    ['a note', 'note'],
    ['a reply', 'text'],
  ] as const)('refuses %s with a lone surrogate (half an emoji) as malformed text, instead of storing U+FFFD', async (_label, kind) => {
    const c = await conversation({ assigneeId: agentA.id });
    const error = await callerFor(database.db, agentA.id)
      .message.send({ conversationId: c.id, clientKey: randomUUID(), content: { kind, text: 'a\ud800b' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'BAD_REQUEST', cause: { code: 'MALFORMED_TEXT' } });
    expect(await msgs(c.id)).toEqual([]);
  });
});

describe('message.send: templates', () => {
  it('sends an approved template of the conversation’s number after the lapse, rendered', async () => {
    const c = await conversation({ assigneeId: agentA.id, lastInboundAt: new Date(Date.now() - 30 * HOUR) });
    await callerFor(database.db, agentA.id).message.send(
      tpl(c.id, approvedId, { 'body.customer_name': 'Sara', 'body.topic': 'your refund' }),
    );
    const [m] = (await msgs(c.id)).filter((x) => x.direction === 'out');
    expect(m).toMatchObject({ kind: 'template', templateName: 'follow_up', body: 'Hello Sara, about your refund.', status: 'queued' });
    const counted = await database.sql`select count(*)::int as n from business_initiated_sends where message_id = ${m!.id}`;
    expect(counted[0]!.n).toBe(1);
  });

  it.each([
    ['a pending template', () => pendingId, { 'body.customer_name': 'a', 'body.topic': 'b' }, 'Only approved'],
    ['another number’s template', () => otherNumbersTemplateId, { 'body.customer_name': 'a', 'body.topic': 'b' }, 'does not exist'],
    ['a missing variable', () => approvedId, { 'body.customer_name': 'a' }, 'every template variable'],
    ['an extra variable', () => approvedId, { 'body.customer_name': 'a', 'body.topic': 'b', 'body.x': 'c' }, 'every template variable'],
    ['an unknown template id', () => randomUUID(), {}, 'does not exist'],
  ])('refuses %s with a clear error and stores nothing', async (_label, id, params, message) => {
    const c = await conversation({ assigneeId: agentA.id, lastInboundAt: new Date(Date.now() - 30 * HOUR) });
    await expect(callerFor(database.db, agentA.id).message.send(tpl(c.id, id(), params))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining(message),
    });
    expect(await msgs(c.id)).toEqual([]);
  });
});

describe('message.send: reopen and assign (seed 001)', () => {
  it('reopens a closed conversation and assigns it to the sender, with both events in the timeline', async () => {
    const c = await conversation({ status: 'closed', assigneeId: agentB.id, lastInboundAt: new Date(Date.now() - 30 * HOUR) });
    await callerFor(database.db, agentA.id).message.send(tpl(c.id, approvedId, { 'body.customer_name': 'x', 'body.topic': 'y' }));
    expect(await conv(c.id)).toMatchObject({ status: 'open', assigneeId: agentA.id, closedAt: null });
    const timeline = await msgs(c.id);
    expect(timeline.map((m) => [m.direction, m.body?.split(' ').slice(0, 2).join(' ')])).toEqual([
      ['system', 'Reopened by'],
      ['system', 'Assigned to'],
      ['out', 'Hello x,'],
    ]);
  });

  it('assigns an unassigned conversation to the sender', async () => {
    const c = await conversation({ assigneeId: null });
    await callerFor(database.db, agentA.id).message.send(text(c.id));
    expect((await conv(c.id)).assigneeId).toBe(agentA.id);
  });

  it('does not take over an open conversation that belongs to someone else', async () => {
    const c = await conversation({ assigneeId: agentB.id });
    await callerFor(database.db, agentA.id).message.send(text(c.id));
    expect((await conv(c.id)).assigneeId).toBe(agentB.id);
  });

  it('returns the same message for a double-clicked send (same client key) and enqueues once', async () => {
    const c = await conversation({ assigneeId: agentA.id });
    const key = randomUUID();
    const [first, second] = await Promise.all([
      callerFor(database.db, agentA.id).message.send(text(c.id, 'once', key)),
      callerFor(database.db, agentA.id).message.send(text(c.id, 'once', key)),
    ]);
    expect(second!.messageId).toBe(first!.messageId);
    expect((await msgs(c.id)).filter((m) => m.direction === 'out')).toHaveLength(1);
    expect(await jobsFor(first!.messageId)).toBe(1);
  });

  it('lets exactly one of two agents racing on an unassigned conversation become its assignee, keeping both messages in order', async () => {
    for (let round = 0; round < 10; round++) {
      const c = await conversation({ assigneeId: null, status: round % 2 ? 'closed' : 'open' });
      await Promise.all([
        callerFor(database.db, agentA.id).message.send(text(c.id, 'from A')),
        callerFor(database.db, agentB.id).message.send(text(c.id, 'from B')),
      ]);
      const after = await conv(c.id);
      const timeline = await msgs(c.id);
      const out = timeline.filter((m) => m.direction === 'out');
      expect(out).toHaveLength(2);
      // The winner is whoever sent first; the other did not take it over.
      expect(after.assigneeId).toBe(out[0]!.authorId);
      expect(after.status).toBe('open');
      expect(timeline.filter((m) => m.payload && (m.payload as { event?: string }).event === 'assigned')).toHaveLength(1);
      expect(timeline.filter((m) => m.payload && (m.payload as { event?: string }).event === 'opened')).toHaveLength(round % 2 ? 1 : 0);
    }
  });
});

describe('tenancy', () => {
  it('refuses to send into another workspace’s conversation', async () => {
    const other = await createWorkspace(database.db, 'Other');
    const outsider = await createUser(database.db, other.id, 'admin');
    const c = await conversation({ assigneeId: agentA.id });
    await expect(callerFor(database.db, outsider.id).message.send(text(c.id))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(database.db, outsider.id).template.forConversation({ conversationId: c.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await msgs(c.id)).toEqual([]);
  });
});
