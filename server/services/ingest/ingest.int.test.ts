import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversations, messages } from '@/db/schema';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createChannel, createWorkspace } from '@/server/testing/factories';
import type { TInboundMessage } from '@/server/channels/inbound';
import { ingestInbound, ingestInboundBatch, type TIngestResult } from './ingest';
import { createIngestBatcher } from './batcher';

let database: TTestDatabase;
let channelId: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  database = await createTestDatabase();
  const ws = await createWorkspace(database.db, 'Acme');
  channelId = (await createChannel(database.db, ws.id, 'whatsapp')).id;
});
afterAll(() => database.drop());

const message = (patch: Partial<TInboundMessage> = {}): TInboundMessage => ({
  channelId,
  externalId: '966551112222',
  profileName: 'Huda Saleh',
  phone: '+966551112222',
  providerMessageId: `wamid.${Math.random()}`,
  sentAt: new Date(),
  kind: 'text',
  body: 'Hello',
  ...patch,
});

async function conversationOf(id: string) {
  const [row] = await database.db.select().from(conversations).where(eq(conversations.id, id));
  return row!;
}

describe('ingestInbound', () => {
  it('creates the contact and an open conversation with its window, preview and unread count', async () => {
    const sentAt = new Date(Date.now() - 60_000);
    const result = await ingestInbound(database.db, message({ sentAt, externalId: '966500000001', phone: '+966500000001' }));
    const c = await conversationOf(result.conversationId);
    expect(c).toMatchObject({ status: 'open', previewText: 'Hello', previewDirection: 'in', unreadCount: 1 });
    expect(c.lastInboundAt).toEqual(sentAt);
    expect(c.windowClosesAt).toEqual(new Date(sentAt.getTime() + 24 * HOUR));
    expect(c.waitingSince).toEqual(sentAt);
    const [contact] = await database.db.select().from(contacts).where(eq(contacts.id, c.contactId));
    expect(contact).toMatchObject({ firstName: 'Huda', lastName: 'Saleh', phone: '+966500000001' });
  });

  it('treats a replayed provider message id as a no-op', async () => {
    const first = await ingestInbound(database.db, message({ providerMessageId: 'wamid.replay', externalId: '966500000002' }));
    const again = await ingestInbound(
      database.db,
      message({ providerMessageId: 'wamid.replay', externalId: '966500000002', body: 'changed' }),
    );
    expect(again).toEqual({ ...first, duplicate: true });
    const stored = await database.db.select().from(messages).where(eq(messages.conversationId, first.conversationId));
    expect(stored).toHaveLength(1);
    expect((await conversationOf(first.conversationId)).unreadCount).toBe(1);
  });

  it('does not let a late delivery of an older message move the window', async () => {
    const newer = new Date(Date.now() - HOUR);
    const first = await ingestInbound(database.db, message({ externalId: '966500000003', sentAt: newer }));
    await ingestInbound(database.db, message({ externalId: '966500000003', sentAt: new Date(Date.now() - 30 * HOUR) }));
    const c = await conversationOf(first.conversationId);
    expect(c.lastInboundAt).toEqual(newer);
    expect(c.windowClosesAt).toEqual(new Date(newer.getTime() + 24 * HOUR));
  });

  it('reopens a closed conversation and records it in the timeline', async () => {
    const first = await ingestInbound(database.db, message({ externalId: '966500000004' }));
    await database.db.update(conversations).set({ status: 'closed' }).where(eq(conversations.id, first.conversationId));
    await ingestInbound(database.db, message({ externalId: '966500000004', body: 'Me again' }));
    expect((await conversationOf(first.conversationId)).status).toBe('open');
    const timeline = await database.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, first.conversationId))
      .orderBy(messages.id);
    // The reopening is shown before the message that caused it.
    expect(timeline.map((m) => m.direction)).toEqual(['in', 'system', 'in']);
  });

  it('keeps every message and one contact when a new customer writes many messages at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        ingestInbound(database.db, message({ externalId: '966500000005', phone: '+966500000005', body: `m${i}` })),
      ),
    );
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(1);
    const c = await conversationOf(results[0]!.conversationId);
    expect(c.unreadCount).toBe(8);
    const count = await database.sql`select count(*)::int as n from contacts where phone = '+966500000005'`;
    expect(count[0]!.n).toBe(1);
  });

  it('finds a customer first seen by phone id when later messages carry a BSUID too, and learns it', async () => {
    const a = await ingestInbound(database.db, message({ externalId: '966500000077', bsuid: null, phone: '+966500000077' }));
    const b = await ingestInbound(database.db, message({ externalId: '966500000077', bsuid: 'US.7777', phone: '+966500000077' }));
    const c = await ingestInbound(database.db, message({ externalId: null, bsuid: 'US.7777', phone: null }));
    expect(new Set([a.conversationId, b.conversationId, c.conversationId]).size).toBe(1);
    const identities =
      await database.sql`select external_id, bsuid from contact_identities where external_id = '966500000077' or bsuid = 'US.7777'`;
    expect(identities).toEqual([{ external_id: '966500000077', bsuid: 'US.7777' }]);
  });

  it('keys a WhatsApp user by BSUID when the phone id is empty', async () => {
    const a = await ingestInbound(database.db, message({ externalId: null, bsuid: 'US.1349', phone: null }));
    const b = await ingestInbound(database.db, message({ externalId: null, bsuid: 'US.1349', phone: null }));
    expect(b.conversationId).toBe(a.conversationId);
  });
});

describe('ingestInboundBatch (many messages, one transaction)', () => {
  it('stores a mixed batch exactly as one-by-one ingest would', async () => {
    const now = Date.now();
    const base = { externalId: '966500000101', phone: '+966500000101', profileName: 'Batch One' };
    const repeated = `wamid.repeat.${now}`;
    const batch = [
      message({ ...base, providerMessageId: repeated, body: 'first', sentAt: new Date(now - 3000) }),
      message({ externalId: '966500000102', phone: '+966500000102', profileName: 'Batch Two', body: 'other customer' }),
      message({ ...base, providerMessageId: repeated, body: 'first (again)' }),
      message({ ...base, body: 'second', sentAt: new Date(now - 1000) }),
      message({ ...base, body: 'late', sentAt: new Date(now - 60_000) }),
    ];
    const results = await ingestInboundBatch(database.db, batch);
    expect(results.map((r) => r.duplicate)).toEqual([false, false, true, false, false]);
    expect(results[2]!.messageId).toBe(results[0]!.messageId);
    expect(results[0]!.conversationId).toBe(results[3]!.conversationId);
    expect(results[1]!.conversationId).not.toBe(results[0]!.conversationId);

    const one = await conversationOf(results[0]!.conversationId);
    expect(one).toMatchObject({ unreadCount: 3, previewText: 'late', status: 'open' });
    // The window runs from the newest customer message, however the batch was ordered.
    expect(one.lastInboundAt).toEqual(new Date(now - 1000));
    expect(one.waitingSince).toEqual(new Date(now - 3000));
    const stored = await database.db.select().from(messages).where(eq(messages.conversationId, one.id)).orderBy(messages.id);
    expect(stored.map((m) => m.body)).toEqual(['first', 'second', 'late']);
    const people = await database.sql`select count(*)::int as n from contacts where phone in ('+966500000101', '+966500000102')`;
    expect(people[0]!.n).toBe(2);

    // The whole batch replayed is a no-op.
    const again = await ingestInboundBatch(database.db, batch);
    expect(again.every((r) => r.duplicate)).toBe(true);
    expect((await conversationOf(one.id)).unreadCount).toBe(3);
  });

  it('stores a batch spanning channels and workspaces as one-by-one ingest would', async () => {
    const other = await createWorkspace(database.db, 'Other');
    const otherChannel = (await createChannel(database.db, other.id, 'whatsapp')).id;
    const secondChannel = (await createChannel(database.db, (await createWorkspace(database.db, 'Third')).id, 'messenger')).id;
    // The same phone id on two numbers of different workspaces: two customers, two conversations.
    const batch = [
      message({ externalId: '966500000201', body: 'here' }),
      message({ channelId: otherChannel, externalId: '966500000201', body: 'there' }),
      message({ channelId: secondChannel, externalId: 'psid-7', body: 'messenger' }),
      message({ channelId: otherChannel, externalId: '966500000201', body: 'there again' }),
    ];
    const results = await ingestInboundBatch(database.db, batch);
    expect(new Set(results.map((r) => r.conversationId)).size).toBe(3);
    expect(results[3]!.conversationId).toBe(results[1]!.conversationId);
    const rows = await database.sql<{ channel_id: string; workspace_id: string; unread_count: number; preview_text: string }[]>`
      select channel_id, workspace_id, unread_count, preview_text from conversations where id = any(${results.map((r) => r.conversationId)})`;
    expect(rows.find((r) => r.channel_id === otherChannel)).toMatchObject({
      workspace_id: other.id,
      unread_count: 2,
      preview_text: 'there again',
    });
    expect(rows.find((r) => r.channel_id === channelId)).toMatchObject({ unread_count: 1, preview_text: 'here' });
    const owners = await database.sql<{ workspace_id: string }[]>`
      select distinct m.workspace_id from messages m where m.id = any(${results.map((r) => r.messageId)})`;
    expect(owners).toHaveLength(3);
    // Replayed across channels: every one a no-op.
    expect((await ingestInboundBatch(database.db, batch)).every((r) => r.duplicate)).toBe(true);
  });

  it('stores nothing of a batch whose last statements fail, and leaves its connection clean', async () => {
    // An invalid kind fails the messages INSERT, which is pipelined with the COMMIT: PostgreSQL rolls it all back.
    const doomed = [
      message({ externalId: '966500000301', phone: '+966500000301', body: 'new customer' }),
      message({ externalId: '966500000302', body: 'bad kind', kind: 'no-such-kind' as never }),
    ];
    await expect(ingestInboundBatch(database.db, doomed)).rejects.toThrow();
    const people =
      await database.sql`select count(*)::int as n from contact_identities where external_id in ('966500000301', '966500000302')`;
    expect(people[0]!.n).toBe(0);
    // Every connection of the pool is usable afterwards (none was left inside the failed transaction).
    const after = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        ingestInbound(database.db, message({ externalId: `96650000031${i % 10}${i}`, body: `after ${i}` })),
      ),
    );
    expect(after.every((r) => !r.duplicate)).toBe(true);
    const [{ state }] =
      (await database.sql`select count(*)::int as state from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'`) as unknown as [
        { state: number },
      ];
    expect(state).toBe(0);
  });

  it('reopens a closed conversation once, before its new messages', async () => {
    const first = await ingestInbound(database.db, message({ externalId: '966500000103', phone: '+966500000103' }));
    await database.db
      .update(conversations)
      .set({ status: 'closed', closedAt: new Date() })
      .where(eq(conversations.id, first.conversationId));
    await ingestInboundBatch(database.db, [
      message({ externalId: '966500000103', body: 'back again' }),
      message({ externalId: '966500000103', body: 'and again' }),
    ]);
    const timeline = await database.db
      .select()
      .from(messages)
      .where(eq(messages.conversationId, first.conversationId))
      .orderBy(messages.id);
    expect(timeline.map((m) => m.direction)).toEqual(['in', 'system', 'in', 'in']);
    expect((await conversationOf(first.conversationId)).status).toBe('open');
  });

  it('lets concurrent batches share new customers without deadlocks or duplicate contacts', async () => {
    const customers = Array.from({ length: 20 }, (_, i) => `96650100${String(i).padStart(4, '0')}`);
    const batchFor = (order: string[], tag: string) =>
      order.map((from) => message({ externalId: from, phone: `+${from}`, body: `${tag} ${from}` }));
    const results = await Promise.all([
      ingestInboundBatch(database.db, batchFor(customers, 'a')),
      ingestInboundBatch(database.db, batchFor([...customers].reverse(), 'b')),
      ingestInboundBatch(
        database.db,
        batchFor(
          customers.filter((_, i) => i % 2 === 0),
          'c',
        ),
      ),
    ]);
    expect(results.flat()).toHaveLength(50);
    const people = await database.sql`select count(*)::int as n from contacts where phone like '+96650100%'`;
    expect(people[0]!.n).toBe(20);
    const stored = await database.sql`select count(*)::int as n from messages where body ~ '^[abc] 96650100'`;
    expect(stored[0]!.n).toBe(50);
  });
});

describe('the ingest batcher (group commit for webhooks)', () => {
  it('answers every caller with its own message, and fails only the bad one', async () => {
    const ingest = createIngestBatcher(database.db);
    const good = Array.from({ length: 30 }, (_, i) => message({ externalId: `96650200${String(i).padStart(4, '0')}`, body: `g${i}` }));
    const bad = message({ channelId: '00000000-0000-4000-8000-000000000000', body: 'unknown channel' });
    const settled = await Promise.allSettled([...good.slice(0, 15), bad, ...good.slice(15)].map((m) => ingest(m)));
    expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(1);
    expect(settled[15]).toMatchObject({ status: 'rejected', reason: { code: 'NOT_FOUND' } });
    const ids = settled.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<TIngestResult>).value.messageId);
    expect(new Set(ids).size).toBe(30);
  });

  it('stores a message that still fails on its own as unsupported, with its raw payload and the reason', async () => {
    const ingest = createIngestBatcher(database.db);
    const good = [0, 1, 2].map((i) => message({ externalId: `96650300000${i}`, body: `fine ${i}` }));
    // An adapter's mistake PostgreSQL refuses (not a message kind): stored anyway, so it is not redelivered forever.
    const bad = message({ externalId: '966503000009', kind: 'no-such-kind' as never, body: 'odd', payload: { raw: { x: 1 } } });
    const settled = (await Promise.all([good[0]!, bad, ...good.slice(1)].map((m) => ingest(m)))) as TIngestResult[];
    const [stored] = await database.db.select().from(messages).where(eq(messages.id, settled[1]!.messageId));
    expect(stored).toMatchObject({
      kind: 'unsupported',
      body: null,
      providerMessageId: bad.providerMessageId,
      payload: { raw: { x: 1 }, unsupported: { reason: expect.stringContaining('no-such-kind') } },
    });
    expect((await conversationOf(stored!.conversationId)).previewText).toBe('[unsupported]');
    const bodies = await database.db
      .select({ body: messages.body })
      .from(messages)
      .where(eq(messages.conversationId, settled[0]!.conversationId));
    expect(bodies.map((b) => b.body)).toContain('fine 0');
    // A replay of it is a duplicate of what was stored, not a second try.
    expect(await ingest(bad)).toMatchObject({ messageId: settled[1]!.messageId, duplicate: true });
  });

  it('keeps the reason even when the raw payload itself cannot be stored', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 20_000; i += 1) deep = [deep];
    const bad = message({ externalId: '966503000010', payload: { deep } });
    const result = (await createIngestBatcher(database.db)(bad)) as TIngestResult;
    const [stored] = await database.db.select().from(messages).where(eq(messages.id, result.messageId));
    expect(stored).toMatchObject({ kind: 'unsupported', payload: { unsupported: { reason: expect.any(String) } } });
  });

  it('fails (so the provider delivers it again) only when not even the unsupported copy can be stored', async () => {
    // A provider id far beyond what its unique index can hold: the copy carries the same id.
    const id = Array.from({ length: 2_000 }, () => Math.random().toString(36).slice(2, 8)).join('');
    await expect(createIngestBatcher(database.db)(message({ externalId: '966503000011', providerMessageId: id }))).rejects.toThrow(
      /index row/,
    );
  });
});
