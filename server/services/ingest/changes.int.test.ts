import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  captionEditEntry,
  editEntry,
  reactionEntry,
  requestWelcomeEntry,
  systemEntry,
  revokeEntry,
  textEntry,
} from '@/server/channels/whatsapp/meaning-fixtures';
import { REALTIME_CHANNEL, type TRealtimeEvent } from '@/server/realtime/events';
import { callerFor } from '@/server/testing/factories';
import { listFacts, secondsAgo, setUpMeaningsTestbed } from './meanings-testbed';

const bed = setUpMeaningsTestbed();
const { A, B, post, byProvider, conversationRow, messageCount, customerWithMessage } = bed;

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
    const shown = await callerFor(bed.database.db, bed.agentId, A.workspaceId).message.list({ conversationId });
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
    await bed.database.sql`
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
    await post(A, from, {
      id: image,
      timestamp: String(Math.floor(Date.now() / 1000) - 60),
      type: 'image',
      image: { id: '77', caption: 'Red one' },
    });
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

    for (const userId of [bed.agentId, bed.supervisorId]) {
      const caller = callerFor(bed.database.db, userId, A.workspaceId);
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
    const admin = await callerFor(bed.database.db, bed.adminId, A.workspaceId).message.list({ conversationId });
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
  // Meta's Conversational Components page, "Welcome Messages"
  // (developers.facebook.com/docs/whatsapp/cloud-api/phone-numbers/conversational-components): "The request_welcome
  // webhook triggers a customer service window which allows your business to send free-form messages".
  it('is an "opened the chat" line that opens a first window (no unread, no preview); a known customer’s window is untouched', async () => {
    const welcome = `wamid.${randomUUID()}`;
    const openedAt = new Date(Math.floor(secondsAgo(5).getTime() / 1000) * 1000);
    await post(A, '966500000888', requestWelcomeEntry(welcome, openedAt));
    const line = (await byProvider(welcome))!;
    expect(line).toMatchObject({ direction: 'in', kind: 'event', body: null, payload: { meaning: 'chat_opened' } });
    expect(await conversationRow(line.conversationId)).toMatchObject({
      unreadCount: 0,
      lastInboundAt: openedAt,
      windowClosesAt: new Date(openedAt.getTime() + 24 * 3600_000),
      previewText: null,
      waitingSince: null,
    });
    // A second welcome (Meta resends it after the chat was deleted on the phone) moves nothing either.
    const opened = await conversationRow(line.conversationId);
    await post(A, '966500000888', requestWelcomeEntry(`wamid.${randomUUID()}`, secondsAgo(1)));
    expect(listFacts(await conversationRow(line.conversationId))).toEqual(listFacts(opened));

    // The customer with 20 h left (their message 4 h ago) keeps 20 h: the welcome never refreshes a window.

    const known = await customerWithMessage();
    const before = await conversationRow(known.conversationId);
    await post(A, known.from, requestWelcomeEntry(`wamid.${randomUUID()}`, secondsAgo(1)));
    const after = await conversationRow(known.conversationId);
    expect({ ...listFacts(after), previewText: after.previewText }).toEqual({ ...listFacts(before), previewText: before.previewText });
  });

  it('is announced as a timeline line (no "new customer message" toast), while a customer’s message is not', async () => {
    const heard: TRealtimeEvent[] = [];
    const listener = await bed.database.sql.listen(REALTIME_CHANNEL, (payload) => heard.push(JSON.parse(payload) as TRealtimeEvent));
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

  it("a system notice is a timeline line in Meta's words, with no unread, window or preview change either", async () => {
    const known = await customerWithMessage();
    const before = await conversationRow(known.conversationId);
    const notice = `wamid.${randomUUID()}`;
    await post(A, known.from, systemEntry(notice, 'User Sheena changed from 1 to 2', secondsAgo(1)));
    expect(await byProvider(notice)).toMatchObject({
      kind: 'event',
      body: 'User Sheena changed from 1 to 2',
      payload: { meaning: 'system' },
    });
    const after = await conversationRow(known.conversationId);
    expect({ ...listFacts(after), previewText: after.previewText }).toEqual({ ...listFacts(before), previewText: before.previewText });
  });
});
