import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '@/db/schema';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
let user: { id: string };
let otherUser: { id: string };
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const ws = await createWorkspace(db, 'Acme', { defaultCountry: 'SA' });
  user = await createUser(db, ws.id, 'supervisor');
  const wa = await createChannel(db, ws.id, 'whatsapp');
  const people = [
    { key: 'noura', firstName: 'نورة', lastName: 'الشمري', phone: '+966551234567' },
    { key: 'ahmad', firstName: 'أحمد', lastName: 'الزهراني', phone: '+966502223344' },
    { key: 'ismail', firstName: 'إسماعيل', lastName: 'مؤمن', phone: '+201001234567' },
    { key: 'chloe', firstName: 'Chloé', lastName: 'Müller', phone: '+447700900123', email: 'chloe.muller@example.com' },
    { key: 'emma', firstName: 'Emma', lastName: 'Walker', phone: '+971501112233', email: 'emma@example.com' },
  ];
  for (const p of people) {
    const { conversation } = await createConversation(db, { workspaceId: ws.id, channel: wa, status: 'closed', ...p });
    ids[p.key] = conversation.id;
  }
  await db.insert(messages).values({
    workspaceId: ws.id,
    conversationId: ids.emma!,
    channelId: wa.id,
    direction: 'in',
    kind: 'text',
    body: 'My parcel tracking number is ZX-99812, it never arrived',
  });
  await db.insert(messages).values({
    workspaceId: ws.id,
    conversationId: ids.noura!,
    channelId: wa.id,
    direction: 'note',
    kind: 'text',
    body: 'internal ZX-99812 note only',
  });

  // Another workspace with a lookalike contact must never appear.
  const other = await createWorkspace(db, 'Other');
  otherUser = await createUser(db, other.id, 'admin');
  await createConversation(db, {
    workspaceId: other.id,
    channel: await createChannel(db, other.id, 'whatsapp'),
    status: 'closed',
    firstName: 'نورة',
    lastName: 'الشمري',
    phone: '+966551234567',
  });
});
afterAll(() => database.drop());

async function search(q: string, userId = user.id) {
  const page = await callerFor(database.db, userId).conversation.list({ view: 'all', status: 'closed', q });
  return page.items;
}

describe('search', () => {
  it.each(['0551234567', '+966 55 123 4567', '966551234567', '55 123 4567', '٠٥٥١٢٣٤٥٦٧', '00966551234567', '(055) 123-4567'])(
    'finds +966 55 123 4567 from %j',
    async (q) => {
      const items = await search(q);
      expect(items.map((i) => i.id)).toEqual([ids.noura]);
      expect(items[0]!.match).toEqual({ field: 'phone' });
    },
  );

  it.each([
    ['احمد', 'ahmad'],
    ['أحمد', 'ahmad'],
    ['اسماعيل', 'ismail'],
    ['مومن', 'ismail'],
    ['نوره', 'noura'],
    ['نُورَة', 'noura'],
    ['نورة الشمري', 'noura'],
    ['نوره الشمري', 'noura'],
  ])('folds Arabic letter variants and diacritics: %j finds %s', async (q, key) => {
    const items = await search(q);
    expect(items.map((i) => i.id)).toEqual([ids[key]]);
    expect(items[0]!.match?.field).toBe('name');
  });

  it.each([
    ['chloe', 'chloe', 'name'],
    ['CHLOÉ MÜLLER', 'chloe', 'name'],
    ['muller', 'chloe', 'name'],
    ['emma walker', 'emma', 'name'],
    ['emma@example', 'emma', 'email'],
  ])('is case- and accent-insensitive in Latin: %j finds %s by %s', async (q, key, field) => {
    const items = await search(q);
    expect(items.map((i) => i.id)).toEqual([ids[key]]);
    expect(items[0]!.match?.field).toBe(field);
  });

  it('finds message text and shows the matching snippet, but not internal notes', async () => {
    const items = await search('zx-99812');
    expect(items.map((i) => i.id)).toEqual([ids.emma]);
    expect(items[0]!.match).toEqual({ field: 'message', snippet: 'My parcel tracking number is ZX-99812, it never arrived' });
  });

  it('combines with the view and status', async () => {
    expect(await callerFor(database.db, user.id).conversation.list({ view: 'all', status: 'open', q: 'Emma' })).toMatchObject({
      items: [],
    });
    expect(await callerFor(database.db, user.id).conversation.list({ view: 'mine', status: 'closed', q: 'Emma' })).toMatchObject({
      items: [],
    });
  });

  it('treats LIKE wildcards literally and finds nothing for nonsense', async () => {
    expect(await search('%%')).toEqual([]);
    expect(await search('_')).toEqual([]);
    expect(await search('zzzzqqq')).toEqual([]);
  });

  it('never crosses workspaces', async () => {
    const theirs = await search('نورة', otherUser.id);
    expect(theirs).toHaveLength(1);
    expect(theirs[0]!.id).not.toBe(ids.noura);
  });

  it('refuses a 5,000-character search with a validation error', async () => {
    await expect(search('x'.repeat(5000))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
