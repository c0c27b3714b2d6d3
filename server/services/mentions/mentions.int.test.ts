import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { mentionToken } from '@/server/domain/mentions';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
let acme: { id: string };
let sara: { id: string; name: string };
let lina: { id: string; name: string };
let omar: { id: string; name: string };
let gone: { id: string };
let outsider: { id: string };
let channel: { id: string; type: 'whatsapp' };
let otherConversationId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  acme = await createWorkspace(db, 'Acme');
  const other = await createWorkspace(db, 'Other');
  sara = await createUser(db, acme.id, 'agent', 'Sara Ali');
  lina = await createUser(db, acme.id, 'supervisor', 'Lina Haddad');
  omar = await createUser(db, acme.id, 'agent', 'Omar Nasser');
  gone = await createUser(db, acme.id, 'agent', 'Gone Member');
  await db.update(s.memberships).set({ deactivatedAt: new Date() }).where(eq(s.memberships.userId, gone.id));
  outsider = await createUser(db, other.id, 'admin', 'Outsider');
  channel = (await createChannel(db, acme.id, 'whatsapp')) as { id: string; type: 'whatsapp' };
  const otherChannel = await createChannel(db, other.id, 'whatsapp');
  otherConversationId = (await createConversation(db, { workspaceId: other.id, channel: otherChannel, assigneeId: outsider.id })).conversation.id;
});
afterAll(() => database.drop());

const conversationOf = async (assigneeId: string | null, firstName = 'Layla') =>
  (await createConversation(database.db, { workspaceId: acme.id, channel, assigneeId, firstName, lastName: 'Customer' })).conversation.id;

const note = (userId: string, conversationId: string, text: string) =>
  callerFor(database.db, userId).message.send({ conversationId, clientKey: randomUUID(), content: { kind: 'note', text } });

const mentionsOf = async (userId: string, limit = 50, cursor: string | null = null) =>
  callerFor(database.db, userId).conversation.list({ view: 'mentions', limit, cursor });

const mentionRows = (conversationId: string) =>
  database.db.select().from(s.conversationMentions).where(eq(s.conversationMentions.conversationId, conversationId));

describe('a note that mentions teammates', () => {
  it('stores who it names, lists the conversation in their Mentions view unread, and opening it reads it', async () => {
    const id = await conversationOf(sara.id);
    const { messageId } = await note(sara.id, id, `${mentionToken(lina.id)} can you approve the refund?`);
    const [stored] = await database.db.select().from(s.messages).where(eq(s.messages.id, messageId));
    expect(stored).toMatchObject({ direction: 'note', body: `${mentionToken(lina.id)} can you approve the refund?` });
    expect(stored!.payload).toEqual({ mentions: [{ id: lina.id, name: 'Lina Haddad' }] });

    const listed = await mentionsOf(lina.id);
    expect(listed.items.map((row) => row.id)).toEqual([id]);
    expect(listed.items[0]!.mention).toMatchObject({ unread: true });
    expect(listed.items[0]!.displayName).toBe('Layla Customer');
    expect((await callerFor(database.db, lina.id).conversation.unreadSummary()).mentions).toEqual({ count: 1, capped: false });
    expect((await callerFor(database.db, lina.id).conversation.get({ id })).mentionUnread).toBe(true);
    // The author, and someone not named, have nothing in their Mentions view.
    expect((await mentionsOf(sara.id)).items).toEqual([]);
    expect((await mentionsOf(omar.id)).items).toEqual([]);

    // Opening it (the pane's markRead) reads the mention; Sara's unread customer messages are hers alone.
    expect(await callerFor(database.db, lina.id).conversation.markRead({ id })).toEqual({ changed: false, mentionRead: true });
    expect((await mentionsOf(lina.id)).items[0]!.mention).toMatchObject({ unread: false });
    expect((await callerFor(database.db, lina.id).conversation.unreadSummary()).mentions.count).toBe(0);
    expect(await callerFor(database.db, lina.id).conversation.markRead({ id })).toEqual({ changed: false, mentionRead: false });

    // A later note mentioning her again brings it back to the top, unread.
    const newer = await conversationOf(sara.id, 'Newer');
    await note(sara.id, newer, `${mentionToken(lina.id)} and this one`);
    await note(omar.id, id, `again ${mentionToken(lina.id)}`);
    const again = await mentionsOf(lina.id);
    expect(again.items.map((row) => [row.id, row.mention?.unread])).toEqual([
      [id, true],
      [newer, true],
    ]);
  });

  it('names each person once however often, and mentioning oneself notifies nobody', async () => {
    const id = await conversationOf(omar.id);
    await note(omar.id, id, `${mentionToken(omar.id)} note to self, ${mentionToken(sara.id)} ${mentionToken(sara.id)}`);
    expect((await mentionRows(id)).map((row) => row.userId)).toEqual([sara.id]);
  });

  it('refuses, whole, a note naming someone of another workspace, a deactivated member or an unknown id', async () => {
    const id = await conversationOf(sara.id);
    for (const who of [outsider.id, gone.id, randomUUID()]) {
      await expect(note(sara.id, id, `hi ${mentionToken(who)}`)).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: 'You can mention only active members of this workspace.',
      });
      // A valid mention beside it does not carry the note through.
      await expect(note(sara.id, id, `${mentionToken(lina.id)} and ${mentionToken(who)}`)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    const notes = await database.db.select().from(s.messages).where(and(eq(s.messages.conversationId, id), eq(s.messages.direction, 'note')));
    expect(notes).toEqual([]);
    expect(await mentionRows(id)).toEqual([]);
    expect((await mentionsOf(outsider.id)).items).toEqual([]);
  });

  it('refuses more than 20 people in one note', async () => {
    const id = await conversationOf(sara.id);
    const tokens = Array.from({ length: 21 }, () => mentionToken(randomUUID())).join(' ');
    await expect(note(sara.id, id, tokens)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: 'A note can mention at most 20 people.' });
  });

  it('refuses another workspace’s conversation (NOT_FOUND), and its id reads nothing here', async () => {
    await expect(note(sara.id, otherConversationId, `${mentionToken(lina.id)} look`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await mentionRows(otherConversationId)).toEqual([]);
    // The outsider mentioned in their own workspace gets nothing readable through Acme's ids, and vice versa.
    expect(await callerFor(database.db, lina.id).conversation.markRead({ id: otherConversationId })).toEqual({ changed: false, mentionRead: false });
  });

  it('leaves out of the view and the notice those who may not see the conversation', async () => {
    const db = database.db;
    const restricted = await createWorkspace(db, 'Restricted', { agentsSeeAll: false });
    const owner = await createUser(db, restricted.id, 'agent', 'Owner Agent');
    const colleague = await createUser(db, restricted.id, 'agent', 'Colleague Agent');
    const boss = await createUser(db, restricted.id, 'supervisor', 'Boss');
    const restrictedChannel = await createChannel(db, restricted.id, 'whatsapp');
    const id = (await createConversation(db, { workspaceId: restricted.id, channel: restrictedChannel, assigneeId: owner.id })).conversation.id;
    await callerFor(db, owner.id).message.send({
      conversationId: id,
      clientKey: randomUUID(),
      content: { kind: 'note', text: `${mentionToken(colleague.id)} ${mentionToken(boss.id)} please check` },
    });
    // The colleague may see only their own and unassigned conversations: a link they could not open is no notice.
    expect((await mentionRows(id)).map((row) => row.userId)).toEqual([boss.id]);
    expect((await callerFor(db, colleague.id).conversation.list({ view: 'mentions' })).items).toEqual([]);
    expect((await callerFor(db, boss.id).conversation.list({ view: 'mentions' })).items.map((row) => row.id)).toEqual([id]);
  });
});

describe('the Mentions view', () => {
  it('pages newest mention first, every conversation once, with a cursor that survives forgery checks', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Paging');
    const author = await createUser(db, ws.id, 'admin', 'Author');
    const reader = await createUser(db, ws.id, 'agent', 'Reader');
    const wsChannel = await createChannel(db, ws.id, 'whatsapp');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const id = (await createConversation(db, { workspaceId: ws.id, channel: wsChannel, assigneeId: reader.id })).conversation.id;
      await callerFor(db, author.id).message.send({ conversationId: id, clientKey: randomUUID(), content: { kind: 'note', text: `${mentionToken(reader.id)} #${i}` } });
      ids.push(id);
    }
    // Two mentions at the very same instant: the id breaks the tie, so no page skips or repeats one.
    await db.update(s.conversationMentions).set({ mentionedAt: new Date('2026-12-01T10:00:00.123456Z') }).where(eq(s.conversationMentions.conversationId, ids[2]!));
    await db.update(s.conversationMentions).set({ mentionedAt: new Date('2026-12-01T10:00:00.123456Z') }).where(eq(s.conversationMentions.conversationId, ids[3]!));
    const expected = (await db.select().from(s.conversationMentions).where(eq(s.conversationMentions.userId, reader.id)))
      .sort((a, b) => b.mentionedAt.getTime() - a.mentionedAt.getTime() || (a.conversationId < b.conversationId ? 1 : -1))
      .map((row) => row.conversationId);
    for (const limit of [1, 2, 3, 100]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const page: { items: { id: string }[]; nextCursor: string | null } = await callerFor(db, reader.id).conversation.list({ view: 'mentions', limit, cursor });
        seen.push(...page.items.map((row) => row.id));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(expected);
    }
    await expect(callerFor(db, reader.id).conversation.list({ view: 'mentions', cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // The status tab and the unread filter apply to it as to any view.
    await db.update(s.conversations).set({ status: 'closed' }).where(eq(s.conversations.id, ids[0]!));
    expect((await callerFor(db, reader.id).conversation.list({ view: 'mentions', status: 'closed' })).items.map((row) => row.id)).toEqual([ids[0]]);
    await db.update(s.conversations).set({ unreadCount: 2 }).where(eq(s.conversations.id, ids[5]!));
    expect((await callerFor(db, reader.id).conversation.list({ view: 'mentions', unread: '1' })).items.map((row) => row.id)).toEqual([ids[5]]);
  });
});

describe('the unread summary (tab title) and the unread filter', () => {
  it('counts my open conversations with unread customer messages and my unread mentions, each conversation once', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Unread');
    const me = await createUser(db, ws.id, 'agent', 'Me');
    const teammate = await createUser(db, ws.id, 'agent', 'Teammate');
    const wsChannel = await createChannel(db, ws.id, 'whatsapp');
    const make = (assigneeId: string | null, unreadCount: number, status: 'open' | 'closed' = 'open') =>
      createConversation(db, { workspaceId: ws.id, channel: wsChannel, assigneeId, unreadCount, status }).then((r) => r.conversation.id);
    const unreadMine = await make(me.id, 3);
    await make(me.id, 0);
    await make(me.id, 4, 'closed');
    await make(teammate.id, 5);
    const mentionedAndUnread = await make(me.id, 1);
    const mentionedElsewhere = await make(teammate.id, 2);
    for (const id of [mentionedAndUnread, mentionedElsewhere])
      await callerFor(db, teammate.id).message.send({ conversationId: id, clientKey: randomUUID(), content: { kind: 'note', text: `${mentionToken(me.id)} fyi` } });

    const summary = await callerFor(db, me.id).conversation.unreadSummary();
    expect(summary).toEqual({ mentions: { count: 2, capped: false }, total: { count: 3, capped: false } });
    const unreadList = await callerFor(db, me.id).conversation.list({ view: 'mine', unread: '1' });
    expect(unreadList.items.map((row) => row.id).sort()).toEqual([unreadMine, mentionedAndUnread].sort());
    // Reading one of mine clears both its unread messages and its mention.
    await callerFor(db, me.id).conversation.markRead({ id: mentionedAndUnread });
    expect(await callerFor(db, me.id).conversation.unreadSummary()).toEqual({ mentions: { count: 1, capped: false }, total: { count: 2, capped: false } });
    // Bad input for the filter is refused in words, not run.
    await expect(callerFor(db, me.id).conversation.list({ unread: 'yes' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
