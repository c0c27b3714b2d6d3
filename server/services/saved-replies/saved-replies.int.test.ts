import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, savedReplies } from '@/db/schema';
import { SAVED_REPLY_SHORTCUT_MAX } from '@/server/domain/saved-replies';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
let ws: { id: string };
let admin: { id: string };
let supervisor: { id: string };
let agent: { id: string };
let elsewhere: { id: string };
let outsider: { id: string };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  ws = await createWorkspace(db, 'Saved replies');
  admin = await createUser(db, ws.id, 'admin', 'Hala');
  supervisor = await createUser(db, ws.id, 'supervisor', 'Lina');
  agent = await createUser(db, ws.id, 'agent', 'Sara');
  elsewhere = await createWorkspace(db, 'Elsewhere');
  outsider = await createUser(db, elsewhere.id, 'admin', 'Stranger');
});
afterAll(() => database.drop());

const audit = async (id: string) =>
  (
    await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.subjectId, id)))
      .orderBy(auditEvents.id)
  ).map((row) => ({ action: row.action, actorId: row.actorId, subjectType: row.subjectType, data: row.data }));

const rowsOf = (workspaceId: string) =>
  database.db.select().from(savedReplies).where(eq(savedReplies.workspaceId, workspaceId)).orderBy(savedReplies.shortcut);

describe('saved replies', () => {
  it('supervisors create, agents read, the act is audited', async () => {
    const body = 'Hi {{contact.first_name | there}}, {{agent.first_name}} here.';
    const { id } = await callerFor(database.db, supervisor.id).savedReply.create({ shortcut: '  greeting ', body: ` ${body} `, language: 'en' });
    const list = await callerFor(database.db, agent.id).savedReply.list();
    expect(list.map(({ updatedAt: _, ...r }) => r)).toEqual([{ id, shortcut: 'greeting', body, language: 'en' }]);
    expect(await audit(id)).toEqual([
      {
        action: 'savedReply.created',
        actorId: supervisor.id,
        subjectType: 'savedReply',
        data: { shortcut: [null, 'greeting'], language: [null, 'en'], body: [null, body] },
      },
    ]);
  });

  it('shows in Settings → Audit log under its shortcut, in its own group', async () => {
    const page = await callerFor(database.db, admin.id).audit.list({ group: 'savedReply' });
    expect(page.items.map((e) => [e.action, e.subjectName])).toEqual([['savedReply.created', '/greeting']]);
  });

  it('admins edit (only what changed is logged) and an unchanged form changes nothing', async () => {
    const caller = callerFor(database.db, admin.id);
    const { id } = await caller.savedReply.create({ shortcut: 'hours', body: 'We open at 9.', language: null });
    expect(await caller.savedReply.update({ id, shortcut: 'hours', body: 'We open at 9.', language: null })).toEqual({ changed: false });
    expect(await caller.savedReply.update({ id, shortcut: 'ساعات', body: 'نفتح الساعة ٩.', language: 'ar' })).toEqual({ changed: true });
    const [row] = await database.db.select().from(savedReplies).where(eq(savedReplies.id, id));
    expect(row).toMatchObject({ shortcut: 'ساعات', body: 'نفتح الساعة ٩.', language: 'ar', createdBy: admin.id });
    expect((await audit(id)).map((a) => [a.action, a.data])).toEqual([
      ['savedReply.created', { shortcut: [null, 'hours'], language: [null, null], body: [null, 'We open at 9.'] }],
      ['savedReply.updated', { shortcut: ['hours', 'ساعات'], body: ['We open at 9.', 'نفتح الساعة ٩.'], language: [null, 'ar'] }],
    ]);
  });

  it('deletes, audited with what it was', async () => {
    const caller = callerFor(database.db, supervisor.id);
    const { id } = await caller.savedReply.create({ shortcut: 'bye', body: 'Goodbye!', language: null });
    expect(await caller.savedReply.delete({ id })).toEqual({ deleted: true });
    expect((await caller.savedReply.list()).some((r) => r.id === id)).toBe(false);
    expect((await audit(id)).at(-1)).toMatchObject({ action: 'savedReply.deleted', data: { shortcut: 'bye', language: null } });
    await expect(caller.savedReply.delete({ id })).rejects.toMatchObject({ code: 'NOT_FOUND', cause: { detail: 'savedReplyNotFound' } });
  });

  it('refuses a shortcut already taken, whatever the case, on create and on rename, changing nothing', async () => {
    const caller = callerFor(database.db, admin.id);
    await caller.savedReply.create({ shortcut: 'Refund', body: 'Your refund is on its way.', language: 'en' });
    const other = await caller.savedReply.create({ shortcut: 'refund2', body: 'Another.', language: 'en' });
    const before = await rowsOf(ws.id);
    await expect(caller.savedReply.create({ shortcut: 'refund', body: 'x', language: null })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { detail: 'savedReplyShortcutTaken' },
    });
    await expect(caller.savedReply.update({ id: other.id, shortcut: 'REFUND', body: 'x', language: null })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { detail: 'savedReplyShortcutTaken' },
    });
    expect(await rowsOf(ws.id)).toEqual(before);
    // The same shortcut in another workspace is theirs to use.
    await expect(callerFor(database.db, outsider.id).savedReply.create({ shortcut: 'refund', body: 'x', language: null })).resolves.toMatchObject({
      id: expect.any(String),
    });
  });

  it('refuses bad input with the rule’s key, changing nothing (unknown variables, malformed ones, lengths, languages)', async () => {
    const caller = callerFor(database.db, admin.id);
    const before = await rowsOf(ws.id);
    const issue = async (input: Record<string, unknown>) => {
      try {
        await caller.savedReply.create(input as never);
      } catch (error) {
        expect(error).toMatchObject({ code: 'BAD_REQUEST' });
        return (error as { cause?: { issues?: { message: string }[] } }).cause?.issues?.[0]?.message;
      }
      throw new Error('accepted');
    };
    expect(await issue({ shortcut: 'ok', body: 'Hi {{contact.age}}', language: null })).toBe('unknownVariable');
    expect(await issue({ shortcut: 'ok', body: 'Hi {{contact.first_name', language: null })).toBe('malformedVariable');
    expect(await issue({ shortcut: 'ok', body: 'Hi {{1}}', language: null })).toBe('malformedVariable');
    expect(await issue({ shortcut: 'ok', body: '   ', language: null })).toBe('bodyRequired');
    expect(await issue({ shortcut: 'two words', body: 'x', language: null })).toBe('shortcutInvalid');
    expect(await issue({ shortcut: 'x'.repeat(SAVED_REPLY_SHORTCUT_MAX + 1), body: 'x', language: null })).toBe('shortcutTooLong');
    expect(await issue({ shortcut: 'ok', body: 'x'.repeat(4097), language: null })).toBe('bodyTooLong');
    await expect(caller.savedReply.create({ shortcut: 'ok', body: 'x', language: 'fr' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // Half an emoji is refused like every text of the API.
    await expect(caller.savedReply.create({ shortcut: 'ok', body: 'x\uD83D', language: null })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await rowsOf(ws.id)).toEqual(before);
  });

  it('refuses agents every write, and lets them read', async () => {
    const caller = callerFor(database.db, agent.id);
    const [some] = await rowsOf(ws.id);
    await expect(caller.savedReply.create({ shortcut: 'mine', body: 'x', language: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.savedReply.update({ id: some!.id, shortcut: 'mine', body: 'x', language: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(caller.savedReply.delete({ id: some!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await caller.savedReply.list()).length).toBe((await rowsOf(ws.id)).length);
  });

  it('keeps workspaces apart: another workspace’s reply is not found, not listed, not changed', async () => {
    const theirs = await callerFor(database.db, outsider.id).savedReply.create({ shortcut: 'secret', body: 'Their text', language: null });
    const ours = callerFor(database.db, admin.id);
    await expect(ours.savedReply.update({ id: theirs.id, shortcut: 'stolen', body: 'x', language: null })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(ours.savedReply.delete({ id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await ours.savedReply.list()).some((r) => r.id === theirs.id || r.shortcut === 'secret')).toBe(false);
    const [row] = await database.db.select().from(savedReplies).where(eq(savedReplies.id, theirs.id));
    expect(row).toMatchObject({ shortcut: 'secret', body: 'Their text', workspaceId: elsewhere.id });
    // Asking in their workspace without being a member of it is refused before anything is read.
    await expect(callerFor(database.db, admin.id, elsewhere.id).savedReply.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ours.savedReply.delete({ id: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
