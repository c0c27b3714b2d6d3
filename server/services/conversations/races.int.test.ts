import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { connect, type TDatabase } from '@/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationEvents, conversations, messages } from '@/db/schema';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { rowGate } from '@/server/testing/row-gate';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import type { TInboundMessage } from '@/server/channels/inbound';
import { ingestInbound } from '@/server/services/ingest/ingest';
import { resolveWorkspace } from '@/server/services/workspaces/context';
import { assignConversation } from './assign';

/**
 * Two writers on one conversation at the same moment, in both orders. The order is made deterministic instead of
 * hoped for: a gate transaction holds the conversation's row lock, the first writer is started and seen waiting on
 * it (pg_stat_activity), then the second; PostgreSQL queues row-lock waiters first come, first served, so releasing
 * the gate lets them run in exactly that order while both are already in flight. Each case then checks that the
 * conversation and its timeline agree with each other and with that order.
 */
let database: TTestDatabase;
/** The gate's and the observer's own connections, so they never wait for a pool slot the writers hold. */
let side: TDatabase;
let ws: { id: string };
let supervisor: { id: string };
let agentA: { id: string };
let agentB: { id: string };
let channel: { id: string; type: 'whatsapp' };

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  side = connect(database.url, { max: 3 });
  const db = database.db;
  ws = await createWorkspace(db, 'Acme');
  supervisor = await createUser(db, ws.id, 'supervisor', 'Lina');
  agentA = await createUser(db, ws.id, 'agent', 'Sara');
  agentB = await createUser(db, ws.id, 'agent', 'Omar');
  channel = (await createChannel(db, ws.id, 'whatsapp')) as typeof channel;
});
afterAll(async () => {
  await side.sql.end();
  await stopBoss();
  await database.drop();
});

const { gate, inOrder, lockWaiters } = rowGate(() => side);

const conversationRow = async (id: string) => (await database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;

/** The timeline as agents read it: lifecycle lines by their event, messages by direction and text. */
async function timeline(id: string) {
  const rows = await database.db.select().from(messages).where(eq(messages.conversationId, id)).orderBy(asc(messages.id));
  return rows.map((m) => {
    if (m.direction !== 'system') return `${m.direction}: ${m.body}`;
    const payload = m.payload as { event: string; assigneeId: string | null };
    return payload.assigneeId ? `${payload.event} → ${nameOf(payload.assigneeId)}` : payload.event;
  });
}

/** The audit trail, which must tell the same story in the same order. */
async function audit(id: string) {
  const rows = await database.db
    .select()
    .from(conversationEvents)
    .where(eq(conversationEvents.conversationId, id))
    .orderBy(asc(conversationEvents.id));
  return rows.map((e) => (e.assigneeId ? `${e.type} → ${nameOf(e.assigneeId)}` : e.type));
}

const nameOf = (userId: string) =>
  ({ [supervisor.id]: 'supervisor', [agentA.id]: 'A', [agentB.id]: 'B' })[userId] ?? `someone else (${userId})`;
const lifecycle = (lines: string[]) => lines.filter((line) => !line.includes(': '));

/** What the timeline says the state is: the last open/close line, the last assignment line. */
function stateFromTimeline(lines: string[], initial: { status: string; assignee: string | null }) {
  let { status, assignee } = initial;
  for (const line of lines) {
    if (line === 'opened') status = 'open';
    else if (line === 'closed') status = 'closed';
    else if (line.startsWith('assigned → ')) assignee = line.slice('assigned → '.length);
    else if (line === 'unassigned') assignee = null;
  }
  return { status, assignee };
}

let phoneSeq = 0;
function customer() {
  phoneSeq += 1;
  const waId = `96655${String(4_000_000 + phoneSeq)}`;
  return (body: string): TInboundMessage => ({
    channelId: channel.id,
    externalId: waId,
    phone: `+${waId}`,
    profileName: 'Huda Saleh',
    providerMessageId: `wamid.race.${randomUUID()}`,
    sentAt: new Date(),
    kind: 'text',
    body,
  });
}

describe('a customer message racing an agent’s close', () => {
  async function openConversation() {
    const says = customer();
    const { conversationId } = await ingestInbound(database.db, says('Hello'));
    return { id: conversationId, says };
  }

  it('close first: the message that arrives after it reopens the conversation, and the timeline says so', async () => {
    const { id, says } = await openConversation();
    const [closed, inbound] = await inOrder(
      [id],
      [() => callerFor(database.db, supervisor.id).conversation.close({ id }), () => ingestInbound(database.db, says('Are you there?'))],
    );
    expect(closed).toEqual({ status: 'fulfilled', value: { changed: true } });
    expect(inbound).toMatchObject({ status: 'fulfilled', value: { conversationId: id, duplicate: false } });

    const lines = await timeline(id);
    expect(lines).toEqual(['in: Hello', 'closed', 'opened', 'in: Are you there?']);
    expect(await audit(id)).toEqual(lifecycle(lines));
    const after = await conversationRow(id);
    expect(after).toMatchObject({ status: 'open', closedAt: null, previewText: 'Are you there?', previewDirection: 'in' });
    expect(stateFromTimeline(lines, { status: 'open', assignee: null })).toEqual({ status: after.status, assignee: null });
    expect(after.unreadCount).toBeGreaterThan(0);
    expect(after.waitingSince).not.toBeNull();
  });

  it('message first: the close that follows it closes the conversation with the message in it, and nothing reopens', async () => {
    const { id, says } = await openConversation();
    const [inbound, closed] = await inOrder(
      [id],
      [() => ingestInbound(database.db, says('Are you there?')), () => callerFor(database.db, supervisor.id).conversation.close({ id })],
    );
    expect(inbound).toMatchObject({ status: 'fulfilled', value: { conversationId: id, duplicate: false } });
    expect(closed).toEqual({ status: 'fulfilled', value: { changed: true } });

    const lines = await timeline(id);
    expect(lines).toEqual(['in: Hello', 'in: Are you there?', 'closed']);
    expect(await audit(id)).toEqual(lifecycle(lines));
    const after = await conversationRow(id);
    expect(after.status).toBe('closed');
    expect(after.closedAt).not.toBeNull();
    expect(after.previewText).toBe('Are you there?');
    expect(stateFromTimeline(lines, { status: 'open', assignee: null })).toEqual({ status: after.status, assignee: null });
  });
});

describe('bulk’s "changed since listed" guard', () => {
  it('leaves a row someone changed between the listing and the action alone, and counts it unchanged', async () => {
    // A view of its own: three unassigned conversations of one tag nobody else uses.
    const tag = `race-${randomUUID().slice(0, 8)}`;
    const rows = await Promise.all(
      [0, 1, 2].map(async (i) => (await createConversation(database.db, { workspaceId: ws.id, channel, tags: [tag], firstName: `Bulk${i}` })).conversation),
    );
    const taken = rows[1]!.id;

    // The gate holds the row agent A is about to take; bulk lists all three (reads are not blocked), then waits for
    // that row's lock to act. While it waits, A's take commits with the gate, so bulk finds the row changed.
    const held = await gate([taken], async (tx) => {
      await assignConversation(tx, (await resolveWorkspace(database.db, agentA.id, ws.id))!, agentA.id, {
        id: taken,
        assigneeId: agentA.id,
      });
    });
    const bulk = callerFor(database.db, supervisor.id).conversation.bulk({
      target: { query: { view: 'unassigned', tag } },
      action: { kind: 'assign', assigneeId: agentB.id },
    });
    await expect.poll(lockWaiters, { timeout: 10_000 }).toBe(1);
    await held.release();
    expect(await bulk).toEqual({ requested: 3, changed: 2, unchanged: 1, notFound: 0 });

    expect((await conversationRow(taken)).assigneeId).toBe(agentA.id);
    expect(await timeline(taken)).toEqual(['assigned → A']);
    expect(await audit(taken)).toEqual(['assigned → A']);
    for (const other of rows.filter((r) => r.id !== taken)) {
      expect((await conversationRow(other.id)).assigneeId).toBe(agentB.id);
      expect(await timeline(other.id)).toEqual(['assigned → B']);
      expect(await audit(other.id)).toEqual(['assigned → B']);
    }
  });

  it('the same listing with nothing changed in between acts on every row', async () => {
    const tag = `race-${randomUUID().slice(0, 8)}`;
    const rows = await Promise.all(
      [0, 1].map(async () => (await createConversation(database.db, { workspaceId: ws.id, channel, tags: [tag] })).conversation),
    );
    const held = await gate([rows[0]!.id]);
    const bulk = callerFor(database.db, supervisor.id).conversation.bulk({
      target: { query: { view: 'unassigned', tag } },
      action: { kind: 'close' },
    });
    await expect.poll(lockWaiters, { timeout: 10_000 }).toBe(1);
    await held.release();
    expect(await bulk).toEqual({ requested: 2, changed: 2, unchanged: 0, notFound: 0 });
    for (const row of rows) {
      expect((await conversationRow(row.id)).status).toBe('closed');
      expect(await timeline(row.id)).toEqual(['closed']);
    }
  });
});

describe('a supervisor’s assign racing a sender’s takeover', () => {
  const send = (userId: string, conversationId: string, text: string) =>
    callerFor(database.db, userId).message.send({ conversationId, clientKey: randomUUID(), content: { kind: 'text', text } });
  const assign = (conversationId: string, assigneeId: string) =>
    callerFor(database.db, supervisor.id).conversation.assign({ id: conversationId, assigneeId });
  const closedUnassigned = async () =>
    (await createConversation(database.db, { workspaceId: ws.id, channel, status: 'closed', assigneeId: null })).conversation.id;

  it('send first: the sender reopens and takes it, then the supervisor’s assign moves it on', async () => {
    const id = await closedUnassigned();
    const [sent, assigned] = await inOrder([id], [() => send(agentA.id, id, 'Hi, following up'), () => assign(id, agentB.id)]);
    expect(sent).toMatchObject({ status: 'fulfilled', value: { duplicate: false } });
    expect(assigned).toEqual({ status: 'fulfilled', value: { changed: true } });

    const lines = await timeline(id);
    expect(lines).toEqual(['opened', 'assigned → A', 'out: Hi, following up', 'assigned → B']);
    expect(await audit(id)).toEqual(lifecycle(lines));
    const after = await conversationRow(id);
    expect(after).toMatchObject({ status: 'open', assigneeId: agentB.id });
    expect(stateFromTimeline(lines, { status: 'closed', assignee: null })).toEqual({ status: 'open', assignee: 'B' });
  });

  it('assign first: the conversation is still closed, so the send reopens it and assigns the sender', async () => {
    const id = await closedUnassigned();
    const [assigned, sent] = await inOrder([id], [() => assign(id, agentB.id), () => send(agentA.id, id, 'Hi, following up')]);
    expect(assigned).toEqual({ status: 'fulfilled', value: { changed: true } });
    expect(sent).toMatchObject({ status: 'fulfilled', value: { duplicate: false } });

    const lines = await timeline(id);
    expect(lines).toEqual(['assigned → B', 'opened', 'assigned → A', 'out: Hi, following up']);
    expect(await audit(id)).toEqual(lifecycle(lines));
    const after = await conversationRow(id);
    expect(after).toMatchObject({ status: 'open', assigneeId: agentA.id });
    expect(stateFromTimeline(lines, { status: 'closed', assignee: null })).toEqual({ status: 'open', assignee: 'A' });
  });

  it('on an open unassigned one, assign first: the send goes out but does not take it from the new assignee', async () => {
    const id = (await createConversation(database.db, { workspaceId: ws.id, channel, assigneeId: null })).conversation.id;
    const [assigned, sent] = await inOrder([id], [() => assign(id, agentB.id), () => send(agentA.id, id, 'I can help')]);
    expect(assigned).toEqual({ status: 'fulfilled', value: { changed: true } });
    expect(sent).toMatchObject({ status: 'fulfilled', value: { duplicate: false } });
    const lines = await timeline(id);
    expect(lines).toEqual(['assigned → B', 'out: I can help']);
    expect(await audit(id)).toEqual(lifecycle(lines));
    expect(await conversationRow(id)).toMatchObject({ status: 'open', assigneeId: agentB.id });
  });

  it('when agents see only their own and unassigned ones, a sender who lost the race is refused and nothing is stored', async () => {
    const restricted = await createWorkspace(database.db, 'Restricted', { agentsSeeAll: false });
    const lead = await createUser(database.db, restricted.id, 'supervisor', 'Lead');
    const sender = await createUser(database.db, restricted.id, 'agent', 'Sender');
    const other = await createUser(database.db, restricted.id, 'agent', 'Other');
    const number = await createChannel(database.db, restricted.id, 'whatsapp');
    const id = (await createConversation(database.db, { workspaceId: restricted.id, channel: number, status: 'closed' })).conversation.id;

    const [assigned, sent] = await inOrder(
      [id],
      [
        () => callerFor(database.db, lead.id).conversation.assign({ id, assigneeId: other.id }),
        () => send(sender.id, id, 'Too late'),
      ],
    );
    expect(assigned).toEqual({ status: 'fulfilled', value: { changed: true } });
    expect(sent?.status).toBe('rejected');
    expect(String((sent as PromiseRejectedResult).reason)).toMatch(/not visible|NOT_FOUND|does not exist/);
    const after = await conversationRow(id);
    expect(after).toMatchObject({ status: 'closed', assigneeId: other.id });
    const rows = await database.db.select().from(messages).where(eq(messages.conversationId, id));
    expect(rows.filter((m) => m.direction === 'out')).toEqual([]);
    expect(rows.map((m) => (m.payload as { event: string }).event)).toEqual(['assigned']);
  });
});
