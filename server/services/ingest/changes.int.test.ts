import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { conversations, messages } from '@/db/schema';
import {
  captionEditEntry,
  editEntry,
  meaningEnvelope,
  meaningValue,
  reactionEntry,
  requestWelcomeEntry,
  systemEntry,
  revokeEntry,
  textEntry,
} from '@/server/channels/whatsapp/meaning-fixtures';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { REALTIME_CHANNEL, type TRealtimeEvent } from '@/server/realtime/events';
import { stopBoss } from '@/server/jobs/boss';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createUser, createWorkspace } from '@/server/testing/factories';

// Payload shapes from Meta's webhook reference pages (reaction, edit, revoke, request_welcome), as cited in
// server/channels/whatsapp/meaning-fixtures.ts; posted signed through the real webhook handler and ingest.
const SECRET = 'meanings-secret';
let database: TTestDatabase;
const A = { phoneNumberId: '106540352242001', channelId: '', workspaceId: '' };
const B = { phoneNumberId: '106540352242002', channelId: '', workspaceId: '' };
let agentId: string;
let supervisorId: string;
let adminId: string;

async function addChannel(ws: { phoneNumberId: string; channelId: string; workspaceId: string }, name: string) {
  const workspace = await createWorkspace(database.db, name);
  ws.workspaceId = workspace.id;
  const config = { phoneNumberId: ws.phoneNumberId, accessToken: 't', appSecret: SECRET, verifyToken: 'v', graphBaseUrl: 'http://127.0.0.1:9' };
  const [channel] = await database.sql`
    insert into channels (workspace_id, type, name, external_id, config)
    values (${workspace.id}, 'whatsapp', 'WA', ${ws.phoneNumberId}, ${JSON.stringify(config)}::jsonb) returning id`;
  ws.channelId = channel!.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await addChannel(A, 'Acme');
  await addChannel(B, 'Other');
  agentId = (await createUser(database.db, A.workspaceId, 'agent')).id;
  supervisorId = (await createUser(database.db, A.workspaceId, 'supervisor')).id;
  adminId = (await createUser(database.db, A.workspaceId, 'admin')).id;
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

async function post(ws: typeof A, from: string, entry: Record<string, unknown>) {
  const raw = Buffer.from(JSON.stringify(meaningEnvelope(meaningValue(ws.phoneNumberId, { from }, entry))));
  const response = await handleWhatsAppWebhook(database.db, ws.channelId, raw, signatureOf(raw, SECRET));
  expect(response.status).toBe(200);
}

const secondsAgo = (s: number) => new Date(Date.now() - s * 1000);
const byProvider = async (id: string) => (await database.db.select().from(messages).where(eq(messages.providerMessageId, id)))[0];
const conversationRow = async (id: string) => (await database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
/** What a reaction, an edit or a revoke must never move. */
const listFacts = (c: typeof conversations.$inferSelect) => ({
  unreadCount: c.unreadCount,
  lastInboundAt: c.lastInboundAt,
  windowClosesAt: c.windowClosesAt,
  lastMessageAt: c.lastMessageAt,
  waitingSince: c.waitingSince,
  status: c.status,
});
const messageCount = async (conversationId: string) =>
  (await database.db.select({ id: messages.id }).from(messages).where(eq(messages.conversationId, conversationId))).length;

/** A customer with one text message of theirs, four hours ago (the window has 20 hours left). */
async function customerWithMessage(ws = A, body = 'Does it come in another color?') {
  const from = `9665${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`;
  const id = `wamid.${randomUUID()}`;
  await post(ws, from, textEntry(id, body, secondsAgo(4 * 3600)));
  const stored = (await byProvider(id))!;
  return { from, id, message: stored, conversationId: stored.conversationId };
}

describe('reactions', () => {
  it('attach to the message they react to, replaced and removed by later ones, never as a message of their own', async () => {
    const { from, id, conversationId } = await customerWithMessage();
    const before = listFacts(await conversationRow(conversationId));
    const count = await messageCount(conversationId);

    const first = `wamid.${randomUUID()}`;
    await post(A, from, reactionEntry(first, id, '👍', secondsAgo(300)));
    expect((await byProvider(id))!.customerReaction).toBe('👍');
    await post(A, from, reactionEntry(`wamid.${randomUUID()}`, id, '❤️', secondsAgo(200)));
    expect((await byProvider(id))!.customerReaction).toBe('❤️');
    const shown = await callerFor(database.db, agentId, A.workspaceId).message.list({ conversationId });
    expect(shown.items.find((m) => m.body === 'Does it come in another color?')).toMatchObject({
      customerReaction: '❤️',
    });
    // Meta retries for days: an older reaction arriving late does not replace a newer one, nor does a replay.
    await post(A, from, reactionEntry(first, id, '👍', secondsAgo(300)));
    expect((await byProvider(id))!.customerReaction).toBe('❤️');
    await post(A, from, reactionEntry(`wamid.${randomUUID()}`, id, undefined, secondsAgo(100)));
    expect((await byProvider(id))!.customerReaction).toBeNull();

    expect(await byProvider(first)).toBeUndefined();
    expect(await messageCount(conversationId)).toBe(count);
    expect(listFacts(await conversationRow(conversationId))).toEqual(before);
  });

  it('attach to our own messages too (the usual case), by the id Meta gave our send', async () => {
    const { from, conversationId } = await customerWithMessage();
    const sentId = `wamid.${randomUUID()}`;
    await database.sql`
      insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body, status, provider_message_id)
      values (${A.workspaceId}, ${conversationId}, ${A.channelId}, 'out', 'text', 'It comes in blue', 'delivered', ${sentId})`;
    await post(A, from, reactionEntry(`wamid.${randomUUID()}`, sentId, '🙏', secondsAgo(10)));
    expect((await byProvider(sentId))!.customerReaction).toBe('🙏');
  });

  it('to a message we do not have are acknowledged and change nothing', async () => {
    const { from, conversationId } = await customerWithMessage();
    const before = await conversationRow(conversationId);
    const reaction = `wamid.${randomUUID()}`;
    await post(A, from, reactionEntry(reaction, 'wamid.never-seen', '👍', secondsAgo(10)));
    expect(await byProvider(reaction)).toBeUndefined();
    expect(await conversationRow(conversationId)).toEqual(before);
  });
});

describe('edits', () => {
  it('replace the text, mark it edited and keep the earlier version, once however often replayed', async () => {
    const { from, id, conversationId } = await customerWithMessage(A, 'In red');
    const before = listFacts(await conversationRow(conversationId));
    const count = await messageCount(conversationId);
    const edit = `wamid.${randomUUID()}`;
    const at = secondsAgo(60);
    await post(A, from, editEntry(edit, id, 'In blue, please', at));
    await post(A, from, editEntry(edit, id, 'In blue, please', at));
    const edited = (await byProvider(id))!;
    expect(edited).toMatchObject({ body: 'In blue, please', editHistory: [{ body: 'In red', by: edit }] });
    expect(edited.editedAt?.getTime()).toBe(Math.floor(at.getTime() / 1000) * 1000);
    await post(A, from, editEntry(`wamid.${randomUUID()}`, id, 'In green', secondsAgo(30)));
    expect((await byProvider(id))!).toMatchObject({ body: 'In green', editHistory: [{ body: 'In red' }, { body: 'In blue, please' }] });
    // An older edit arriving after a newer one does not put the older text back.
    await post(A, from, editEntry(`wamid.${randomUUID()}`, id, 'In yellow', secondsAgo(45)));
    expect((await byProvider(id))!.body).toBe('In green');

    expect(await byProvider(edit)).toBeUndefined();
    expect(await messageCount(conversationId)).toBe(count);
    expect(listFacts(await conversationRow(conversationId))).toEqual(before);
  });

  it('replace a media caption', async () => {
    const from = '966500000777';
    const image = `wamid.${randomUUID()}`;
    await post(A, from, { id: image, timestamp: String(Math.floor(Date.now() / 1000) - 60), type: 'image', image: { id: '77', caption: 'Red one' } });
    await post(A, from, captionEditEntry(`wamid.${randomUUID()}`, image, 'Blue one', secondsAgo(5)));
    expect((await byProvider(image))!).toMatchObject({ kind: 'image', body: 'Blue one', editHistory: [{ body: 'Red one' }] });
  });
});

describe('revokes', () => {
  it('mark the message deleted and keep its text from agents and supervisors, for admins only', async () => {
    const secret = `My card number is ${randomUUID()}`;
    const { from, id, conversationId } = await customerWithMessage(A, secret);
    await post(A, from, editEntry(`wamid.${randomUUID()}`, id, `${secret} (edited)`, secondsAgo(120)));
    const before = listFacts(await conversationRow(conversationId));
    const count = await messageCount(conversationId);
    const revoke = `wamid.${randomUUID()}`;
    await post(A, from, revokeEntry(revoke, id, secondsAgo(60)));
    await post(A, from, revokeEntry(revoke, id, secondsAgo(60)));

    const stored = (await byProvider(id))!;
    expect(stored).toMatchObject({ body: null, deletedBody: `${secret} (edited)` });
    expect(stored.deletedAt).not.toBeNull();
    expect(await byProvider(revoke)).toBeUndefined();
    expect(await messageCount(conversationId)).toBe(count);
    expect(listFacts(await conversationRow(conversationId))).toEqual(before);

    for (const userId of [agentId, supervisorId]) {
      const caller = callerFor(database.db, userId, A.workspaceId);
      const page = await caller.message.list({ conversationId });
      const shown = page.items.find((m) => m.id === stored.id)!;
      expect(shown).toMatchObject({ body: null, deletedBody: null, payload: null, editHistory: null });
      expect(shown.deletedAt).not.toBeNull();
      // Not in any answer: the timeline, the list's preview, the row, a search for it.
      const answers = [
        page,
        await caller.conversation.list({ view: 'all' }),
        await caller.conversation.get({ id: conversationId }),
        await caller.conversation.list({ view: 'all', q: secret.slice(0, 30) }),
      ];
      expect(JSON.stringify(answers)).not.toContain(secret.slice(19));
    }
    const admin = await callerFor(database.db, adminId, A.workspaceId).message.list({ conversationId });
    expect(admin.items.find((m) => m.id === stored.id)).toMatchObject({
      body: null,
      deletedBody: `${secret} (edited)`,
      editHistory: [{ body: secret }],
    });
  });
});

describe('isolation', () => {
  it("never touch another workspace's message with the same id, nor another customer's", async () => {
    const theirs = await customerWithMessage(B, 'Workspace B text');
    // The same Meta id on workspace A's number, from a customer of A: nothing of B's changes.
    const ours = await customerWithMessage(A, 'Workspace A text');
    for (const entry of [
      reactionEntry(`wamid.${randomUUID()}`, theirs.id, '👎', secondsAgo(5)),
      editEntry(`wamid.${randomUUID()}`, theirs.id, 'hijacked', secondsAgo(5)),
      revokeEntry(`wamid.${randomUUID()}`, theirs.id, secondsAgo(5)),
    ])
      await post(A, ours.from, entry);
    expect(await byProvider(theirs.id)).toEqual(theirs.message);

    // Another customer of the same number cannot change this customer's message either.
    const other = await customerWithMessage(A, 'Mine');
    await post(A, ours.from, editEntry(`wamid.${randomUUID()}`, other.id, 'not yours', secondsAgo(5)));
    await post(A, ours.from, revokeEntry(`wamid.${randomUUID()}`, other.id, secondsAgo(5)));
    await post(A, ours.from, reactionEntry(`wamid.${randomUUID()}`, other.id, '👎', secondsAgo(5)));
    expect(await byProvider(other.id)).toEqual(other.message);
  });
});

describe('request_welcome', () => {
  it('is an "opened the chat" line: no unread, no window, no preview, for a new customer and a known one', async () => {
    const welcome = `wamid.${randomUUID()}`;
    await post(A, '966500000888', requestWelcomeEntry(welcome, secondsAgo(5)));
    const line = (await byProvider(welcome))!;
    expect(line).toMatchObject({ direction: 'in', kind: 'event', body: null, payload: { meaning: 'chat_opened' } });
    expect(await conversationRow(line.conversationId)).toMatchObject({ unreadCount: 0, lastInboundAt: null, windowClosesAt: null, previewText: null });

    const known = await customerWithMessage();
    const before = await conversationRow(known.conversationId);
    await post(A, known.from, requestWelcomeEntry(`wamid.${randomUUID()}`, secondsAgo(1)));
    const after = await conversationRow(known.conversationId);
    expect({ ...listFacts(after), previewText: after.previewText }).toEqual({ ...listFacts(before), previewText: before.previewText });
  });

  it('is announced as a timeline line (no "new customer message" toast), while a customer’s message is not', async () => {
    const heard: TRealtimeEvent[] = [];
    const listener = await database.sql.listen(REALTIME_CHANNEL, (payload) => heard.push(JSON.parse(payload) as TRealtimeEvent));
    try {
      const announced = async (providerId: string) => {
        const id = Number((await byProvider(providerId))!.id);
        return vi.waitFor(() => {
          const event = heard.find((e) => e.type === 'message.created' && e.messageId === id);
          expect(event).toBeDefined();
          return event!;
        });
      };
      const known = await customerWithMessage();
      const welcome = `wamid.${randomUUID()}`;
      await post(A, known.from, requestWelcomeEntry(welcome, secondsAgo(1)));
      expect(await announced(welcome)).toMatchObject({ line: true });
      const text = `wamid.${randomUUID()}`;
      await post(A, known.from, textEntry(text, 'Still there?', secondsAgo(0)));
      expect(await announced(text)).not.toHaveProperty('line');
    } finally {
      await listener.unlisten();
    }
  });

  it('a system notice is a timeline line in Meta\'s words, with no unread, window or preview change either', async () => {
    const known = await customerWithMessage();
    const before = await conversationRow(known.conversationId);
    const notice = `wamid.${randomUUID()}`;
    await post(A, known.from, systemEntry(notice, 'User Sheena changed from 1 to 2', secondsAgo(1)));
    expect(await byProvider(notice)).toMatchObject({ kind: 'event', body: 'User Sheena changed from 1 to 2', payload: { meaning: 'system' } });
    const after = await conversationRow(known.conversationId);
    expect({ ...listFacts(after), previewText: after.previewText }).toEqual({ ...listFacts(before), previewText: before.previewText });
  });
});
