import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, workspaceSettings } from '@/db/schema';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
let acme: { id: string };
let agent: { id: string };
let agent2: { id: string };
let supervisor: { id: string };
let outsider: { id: string };
let channel: { id: string; type: 'whatsapp' };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  acme = await createWorkspace(db, 'Acme');
  const other = await createWorkspace(db, 'Other');
  agent = await createUser(db, acme.id, 'agent');
  agent2 = await createUser(db, acme.id, 'agent');
  supervisor = await createUser(db, acme.id, 'supervisor');
  outsider = await createUser(db, other.id, 'admin');
  channel = (await createChannel(db, acme.id, 'whatsapp')) as { id: string; type: 'whatsapp' };
});
afterAll(() => database.drop());

const form = {
  firstName: 'Layla',
  lastName: 'Hassan',
  email: '',
  phone: '',
  notes: '',
  fields: [] as { key: string; value: string }[],
};

async function conversation(assigneeId: string | null = null, tags: string[] = []) {
  const { conversation: c, contact } = await createConversation(database.db, { workspaceId: acme.id, channel, assigneeId, tags });
  return { id: c.id, contactId: contact.id };
}

async function stored(contactId: string) {
  const [row] = await database.db.select().from(contacts).where(eq(contacts.id, contactId));
  return row!;
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const e = error as TRPCError & { cause?: { code?: string; detail?: string } };
  return { http: e.code, code: e.cause?.code, detail: e.cause?.detail };
}

describe('contact.update', () => {
  it('saves every field, reads a national phone in the workspace country (SA) and bumps the version', async () => {
    const c = await conversation(agent.id);
    const saved = await callerFor(database.db, agent.id).contact.update({
      conversationId: c.id,
      version: 1,
      firstName: '  Layla ',
      lastName: '',
      email: ' Layla@Example.COM ',
      phone: '٠٥٥ ١٢٣ ٤٥٦٧',
      notes: 'Prefers Arabic',
      fields: [
        { key: 'Company', value: 'Acme Trading' },
        { key: 'Order', value: '1042' },
      ],
    });
    expect(saved).toEqual({ version: 2, phone: '+966551234567' });
    const row = await stored(c.contactId);
    expect(row).toMatchObject({
      firstName: 'Layla',
      lastName: null,
      email: 'layla@example.com',
      phone: '+966551234567',
      notes: 'Prefers Arabic',
      fields: { Company: 'Acme Trading', Order: '1042' },
      version: 2,
    });
    const got = await callerFor(database.db, agent.id).conversation.get({ id: c.id });
    expect(got.contact).toMatchObject({ notes: 'Prefers Arabic', version: 2, phoneDisplay: '+966 55 123 4567' });
    expect(got.displayName).toBe('Layla');
  });

  it('reads national numbers in the country the workspace is set to, and international ones anywhere', async () => {
    const c = await conversation(agent.id);
    await database.db.update(workspaceSettings).set({ defaultCountry: 'AE' }).where(eq(workspaceSettings.workspaceId, acme.id));
    try {
      const caller = callerFor(database.db, agent.id);
      expect((await caller.contact.update({ ...form, conversationId: c.id, version: 1, phone: '050 123 4567' })).phone).toBe(
        '+971501234567',
      );
      expect((await caller.contact.update({ ...form, conversationId: c.id, version: 2, phone: '00966551234567' })).phone).toBe(
        '+966551234567',
      );
      // Empty: no phone.
      expect((await caller.contact.update({ ...form, conversationId: c.id, version: 3, phone: '' })).phone).toBeNull();
    } finally {
      await database.db.update(workspaceSettings).set({ defaultCountry: 'SA' }).where(eq(workspaceSettings.workspaceId, acme.id));
    }
  });

  it('refuses bad input with its reason and changes nothing', async () => {
    const c = await conversation(agent.id);
    const caller = callerFor(database.db, agent.id);
    const before = await stored(c.contactId);
    expect(await refusal(caller.contact.update({ ...form, conversationId: c.id, version: 1, phone: '12' }))).toMatchObject({
      http: 'BAD_REQUEST',
      code: 'INVALID_INPUT',
      detail: 'contactPhoneInvalid',
    });
    for (const bad of [
      { email: 'not-an-email' },
      { firstName: 'x'.repeat(121) },
      { notes: 'x'.repeat(2001) },
      { fields: [{ key: ' ', value: 'v' }] },
      {
        fields: [
          { key: 'Size', value: 'M' },
          { key: 'size', value: 'L' },
        ],
      },
      { fields: Array.from({ length: 31 }, (_, i) => ({ key: `k${i}`, value: 'v' })) },
    ]) {
      const error = await refusal(caller.contact.update({ ...form, conversationId: c.id, version: 1, ...bad }));
      expect(error.http).toBe('BAD_REQUEST');
    }
    expect(await stored(c.contactId)).toEqual(before);
  });

  it('is optimistic: a save over a stale version is a CONFLICT and keeps the other agent’s edit', async () => {
    const c = await conversation(null);
    await callerFor(database.db, agent.id).contact.update({ ...form, conversationId: c.id, version: 1, firstName: 'First' });
    const late = await refusal(
      callerFor(database.db, agent2.id).contact.update({ ...form, conversationId: c.id, version: 1, firstName: 'Second' }),
    );
    expect(late).toMatchObject({ http: 'CONFLICT', code: 'CONFLICT', detail: 'contactChanged' });
    expect((await stored(c.contactId)).firstName).toBe('First');
  });

  it('lets agents edit only contacts of conversations they can see; another workspace’s id is NOT_FOUND', async () => {
    const othersConversation = await conversation(agent2.id);
    await database.db.update(workspaceSettings).set({ agentsSeeAll: false }).where(eq(workspaceSettings.workspaceId, acme.id));
    try {
      const hidden = await refusal(
        callerFor(database.db, agent.id).contact.update({ ...form, conversationId: othersConversation.id, version: 1 }),
      );
      expect(hidden).toMatchObject({ http: 'NOT_FOUND', detail: 'conversationNotVisible' });
      expect(
        await refusal(callerFor(database.db, agent.id).contact.addTag({ conversationId: othersConversation.id, tag: 'vip' })),
      ).toMatchObject({
        http: 'NOT_FOUND',
      });
      // A supervisor sees every conversation, so edits it.
      await callerFor(database.db, supervisor.id).contact.update({ ...form, conversationId: othersConversation.id, version: 1 });
    } finally {
      await database.db.update(workspaceSettings).set({ agentsSeeAll: true }).where(eq(workspaceSettings.workspaceId, acme.id));
    }
    const fromOutside = await refusal(
      callerFor(database.db, outsider.id).contact.update({ ...form, conversationId: othersConversation.id, version: 2 }),
    );
    expect(fromOutside).toMatchObject({ http: 'NOT_FOUND' });
    expect(
      await refusal(callerFor(database.db, outsider.id).contact.removeTag({ conversationId: othersConversation.id, tag: 'x' })),
    ).toMatchObject({
      http: 'NOT_FOUND',
    });
    expect((await stored(othersConversation.contactId)).firstName).toBe('Layla');
    expect(
      await refusal(callerFor(database.db, null).contact.update({ ...form, conversationId: othersConversation.id, version: 2 })),
    ).toMatchObject({
      http: 'UNAUTHORIZED',
    });
  });
});

describe('contact tags', () => {
  it('adds once (in any letter case), removes, and the inbox Tag filter follows', async () => {
    const c = await conversation(agent.id, ['returning']);
    const caller = callerFor(database.db, agent.id);
    expect(await caller.contact.addTag({ conversationId: c.id, tag: ' VIP ' })).toEqual({ tags: ['returning', 'VIP'], changed: true });
    expect(await caller.contact.addTag({ conversationId: c.id, tag: 'vip' })).toEqual({ tags: ['returning', 'VIP'], changed: false });
    const listed = await caller.conversation.list({ view: 'all', status: 'open', tag: 'VIP' });
    expect(listed.items.map((i) => i.id)).toEqual([c.id]);
    expect(await caller.contact.removeTag({ conversationId: c.id, tag: 'returning' })).toEqual({ tags: ['VIP'], changed: true });
    expect(await caller.contact.removeTag({ conversationId: c.id, tag: 'returning' })).toEqual({ tags: ['VIP'], changed: false });
    expect((await stored(c.contactId)).tags).toEqual(['VIP']);
    // Tags do not move the form's version: they never conflict with a save.
    expect((await stored(c.contactId)).version).toBe(1);
  });

  it('refuses an empty or long tag, and a 31st', async () => {
    const c = await conversation(
      agent.id,
      Array.from({ length: 30 }, (_, i) => `t${i}`),
    );
    const caller = callerFor(database.db, agent.id);
    expect((await refusal(caller.contact.addTag({ conversationId: c.id, tag: '  ' }))).http).toBe('BAD_REQUEST');
    expect((await refusal(caller.contact.addTag({ conversationId: c.id, tag: 'x'.repeat(65) }))).http).toBe('BAD_REQUEST');
    expect(await refusal(caller.contact.addTag({ conversationId: c.id, tag: 'one-more' }))).toMatchObject({ detail: 'tooManyTags' });
    expect((await stored(c.contactId)).tags).toHaveLength(30);
  });

  it('keeps both of two tags added at once (the contact row lock)', async () => {
    const c = await conversation(null);
    await Promise.all([
      callerFor(database.db, agent.id).contact.addTag({ conversationId: c.id, tag: 'a' }),
      callerFor(database.db, agent2.id).contact.addTag({ conversationId: c.id, tag: 'b' }),
    ]);
    expect([...(await stored(c.contactId)).tags].sort()).toEqual(['a', 'b']);
  });
});
