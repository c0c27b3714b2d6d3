import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
let acme: { id: string };
let other: { id: string };
let agent: { id: string };
let agent2: { id: string };
let supervisor: { id: string };
let outsider: { id: string };
let otherConversationId: string;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  acme = await createWorkspace(db, 'Acme');
  other = await createWorkspace(db, 'Other');
  agent = await createUser(db, acme.id, 'agent');
  agent2 = await createUser(db, acme.id, 'agent');
  supervisor = await createUser(db, acme.id, 'supervisor');
  outsider = await createUser(db, other.id, 'admin');
  const channel = await createChannel(db, acme.id, 'whatsapp');
  // 45 open conversations: 25 mine, 10 agent2's, 10 unassigned; plus 5 closed of mine.
  for (let i = 0; i < 45; i++) {
    const assigneeId = i < 25 ? agent.id : i < 35 ? agent2.id : null;
    // Several share a timestamp, so the id tie-breaker is exercised across page boundaries.
    await createConversation(db, { workspaceId: acme.id, channel, assigneeId, lastMessageAt: minutesAgo(Math.floor(i / 3)) });
  }
  for (let i = 0; i < 5; i++) await createConversation(db, { workspaceId: acme.id, channel, assigneeId: agent.id, status: 'closed' });
  const otherChannel = await createChannel(db, other.id, 'telegram');
  otherConversationId = (await createConversation(db, { workspaceId: other.id, channel: otherChannel, assigneeId: outsider.id }))
    .conversation.id;
});
afterAll(() => database.drop());

async function listAll(userId: string, view: 'mine' | 'unassigned' | 'all', status: 'open' | 'closed', limit: number) {
  const caller = callerFor(database.db, userId);
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: { id: string; lastMessageAt: Date }[]; nextCursor: string | null } = await caller.conversation.list({
      view,
      status,
      cursor,
      limit,
    });
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 100);
  return ids;
}

/** Counts carry the snapshot they were read in (for the browser's realtime bookkeeping). */
const SNAPSHOT = expect.stringMatching(/^\d+:\d+:[\d,]*$/);

describe('conversation.list', () => {
  it('refuses a call without a session', async () => {
    await expect(callerFor(database.db, null).conversation.list({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('returns each view completely across page boundaries, without duplicates, newest first', async () => {
    for (const limit of [1, 7, 10, 100]) {
      const mine = await listAll(agent.id, 'mine', 'open', limit);
      expect(mine).toHaveLength(25);
      expect(new Set(mine).size).toBe(25);
      expect(await listAll(agent.id, 'unassigned', 'open', limit)).toHaveLength(10);
      expect(await listAll(agent.id, 'all', 'open', limit)).toHaveLength(45);
      expect(await listAll(agent.id, 'mine', 'closed', limit)).toHaveLength(5);
    }
    const page = await callerFor(database.db, agent.id).conversation.list({ view: 'all', limit: 45 });
    const times = page.items.map((i) => i.lastMessageAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('counts open conversations per view', async () => {
    expect(await callerFor(database.db, agent.id).conversation.counts()).toEqual({ mine: 25, unassigned: 10, all: 45, teams: [], snapshot: SNAPSHOT });
    expect(await callerFor(database.db, supervisor.id).conversation.counts()).toEqual({ mine: 0, unassigned: 10, all: 45, teams: [], snapshot: SNAPSHOT });
  });

  it('never shows another workspace’s conversations, and refuses acting in a workspace one is not a member of', async () => {
    const all = await listAll(supervisor.id, 'all', 'open', 100);
    expect(all).not.toContain(otherConversationId);
    await expect(callerFor(database.db, agent.id, other.id).conversation.list({ view: 'all' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(callerFor(database.db, outsider.id, acme.id).conversation.counts()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await listAll(outsider.id, 'all', 'open', 100)).toEqual([otherConversationId]);
  });

  it('refuses the All view to agents when the workspace turns "agents see all" off, on the server', async () => {
    const db = database.db;
    const locked = await createWorkspace(db, 'Locked', { agentsSeeAll: false });
    const lockedAgent = await createUser(db, locked.id, 'agent');
    const lockedSupervisor = await createUser(db, locked.id, 'supervisor');
    await expect(callerFor(db, lockedAgent.id).conversation.list({ view: 'all' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await callerFor(db, lockedAgent.id).conversation.counts()).toEqual({ mine: 0, unassigned: 0, all: null, teams: [], snapshot: SNAPSHOT });
    await expect(callerFor(db, lockedSupervisor.id).conversation.list({ view: 'all' })).resolves.toMatchObject({ items: [] });
  });

  it.each([
    ['a malformed cursor', { cursor: 'definitely-not-a-cursor' }],
    ['an unknown view', { view: 'everything' }],
    ['an unknown status', { status: 'archived' }],
    ['a page size of 10,000', { limit: 10_000 }],
    ['a 5,000-character cursor', { cursor: 'x'.repeat(5_000) }],
    ['a NUL character in the search', { q: 'ab\u0000cd' }],
    [
      'a forged cursor in year 0000',
      { cursor: Buffer.from(JSON.stringify(['l', '0000-01-01T00:00:00Z', '0f8fad5b-d9cb-469f-a165-70867728950e'])).toString('base64url') },
    ],
  ])('answers %s with a validation error, not a 500', async (_label, input) => {
    const error = await callerFor(database.db, agent.id)
      .conversation.list(input as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });
});

describe('conversation.get, message.list and markRead: tenancy and visibility', () => {
  it('refuses another workspace’s conversation id on every procedure', async () => {
    const caller = callerFor(database.db, supervisor.id);
    await expect(caller.conversation.get({ id: otherConversationId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.conversation.row({ id: otherConversationId })).resolves.toBeNull();
    await expect(caller.message.list({ conversationId: otherConversationId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.conversation.markRead({ id: otherConversationId })).resolves.toEqual({ changed: false, mentionRead: false });
  });

  it('hides others’ conversations from agents when "agents see all" is off, even by id', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Restricted', { agentsSeeAll: false });
    const a = await createUser(db, ws.id, 'agent');
    const b = await createUser(db, ws.id, 'agent');
    const channel = await createChannel(db, ws.id, 'sms');
    const theirs = (await createConversation(db, { workspaceId: ws.id, channel, assigneeId: b.id })).conversation.id;
    const unassigned = (await createConversation(db, { workspaceId: ws.id, channel })).conversation.id;
    const caller = callerFor(db, a.id);
    await expect(caller.conversation.get({ id: theirs })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.message.list({ conversationId: theirs })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.conversation.get({ id: unassigned })).resolves.toMatchObject({ id: unassigned });
    await expect(callerFor(db, b.id).conversation.get({ id: theirs })).resolves.toMatchObject({ id: theirs });
  });

  it('marks a conversation read only for its assignee', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Reading');
    const owner = await createUser(db, ws.id, 'agent');
    const lead = await createUser(db, ws.id, 'supervisor');
    const channel = await createChannel(db, ws.id, 'telegram');
    const { conversation } = await createConversation(db, { workspaceId: ws.id, channel, assigneeId: owner.id });
    await database.sql`update conversations set unread_count = 3 where id = ${conversation.id}`;
    expect(await callerFor(db, lead.id).conversation.markRead({ id: conversation.id })).toEqual({ changed: false, mentionRead: false });
    expect(await callerFor(db, owner.id).conversation.markRead({ id: conversation.id })).toEqual({ changed: true, mentionRead: false });
    expect((await callerFor(db, owner.id).conversation.get({ id: conversation.id })).unreadCount).toBe(0);
  });

  it('pages the message history from newest to oldest by cursor, and catches up after an id', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'History');
    const owner = await createUser(db, ws.id, 'agent');
    const channel = await createChannel(db, ws.id, 'telegram');
    const { conversation } = await createConversation(db, { workspaceId: ws.id, channel, assigneeId: owner.id });
    for (let i = 0; i < 7; i++) {
      await database.sql`insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body)
        values (${ws.id}, ${conversation.id}, ${channel.id}, 'in', 'text', ${`m${i}`})`;
    }
    const caller = callerFor(db, owner.id);
    const newest = await caller.message.list({ conversationId: conversation.id, limit: 3 });
    expect(newest.items.map((m) => m.body)).toEqual(['m4', 'm5', 'm6']);
    const older = await caller.message.list({ conversationId: conversation.id, limit: 3, cursor: newest.olderCursor });
    expect(older.items.map((m) => m.body)).toEqual(['m1', 'm2', 'm3']);
    const oldest = await caller.message.list({ conversationId: conversation.id, limit: 3, cursor: older.olderCursor });
    expect(oldest).toMatchObject({ olderCursor: null });
    expect(oldest.items.map((m) => m.body)).toEqual(['m0']);
    const after = await caller.message.list({ conversationId: conversation.id, after: older.items[2]!.id });
    expect(after.items.map((m) => m.body)).toEqual(['m4', 'm5', 'm6']);
  });
});

describe('simulator.inbound', () => {
  it('is for admins only, and ingests into their own workspace only', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Sim');
    const admin = await createUser(db, ws.id, 'admin');
    const agentHere = await createUser(db, ws.id, 'agent');
    const channel = await createChannel(db, ws.id, 'whatsapp');
    const input = { channelId: channel.id, from: '+966 55 000 1111', name: 'Test Customer', text: 'Hi there' };
    await expect(callerFor(db, agentHere.id).simulator.inbound(input)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const otherChannel = (await db.query.channels.findFirst({ where: (c, { eq }) => eq(c.workspaceId, other.id) }))!;
    await expect(callerFor(db, admin.id).simulator.inbound({ ...input, channelId: otherChannel.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const result = await callerFor(db, admin.id).simulator.inbound(input);
    const conversation = await callerFor(db, admin.id).conversation.get({ id: result.conversationId });
    expect(conversation).toMatchObject({ displayName: 'Test Customer', contact: { phone: '+966550001111' } });
  });

  it.each(['whatsapp', 'sms'] as const)(
    'refuses a lone surrogate typed into the simulator (%s) as malformed text, not a 500',
    async (type) => {
      const db = database.db;
      const ws = await createWorkspace(db, `Sim ${type}`);
      const admin = await createUser(db, ws.id, 'admin');
      const channel = await createChannel(db, ws.id, type);
      const error = await callerFor(db, admin.id)
        .simulator.inbound({ channelId: channel.id, from: '+966 55 000 2222', name: 'Half \udc00', text: 'a\ud800b' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'BAD_REQUEST', cause: { code: 'MALFORMED_TEXT' } });
      const [{ n }] = (await database.sql`select count(*)::int as n from messages where channel_id = ${channel.id}`) as unknown as [
        { n: number },
      ];
      expect(n).toBe(0);
    },
  );
});
