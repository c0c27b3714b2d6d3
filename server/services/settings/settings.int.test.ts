import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, conversations, messages, workspaceSettings } from '@/db/schema';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function workspace(settings: Parameters<typeof createWorkspace>[2] = {}) {
  const db = database.db;
  const ws = await createWorkspace(db, 'Settings', settings);
  const admin = await createUser(db, ws.id, 'admin', 'Hala');
  const agent = await createUser(db, ws.id, 'agent', 'Sara');
  const channel = await createChannel(db, ws.id, 'sms');
  return { ws, admin, agent, channel, caller: callerFor(db, admin.id) };
}

describe('workspaceSettings.get and update', () => {
  it('reads every field with its version, saves a change over it, and audits each field as [before, after]', async () => {
    const { ws, admin, caller } = await workspace();
    const read = await caller.workspaceSettings.get();
    expect(read).toEqual({
      name: 'Settings',
      defaultCountry: 'SA',
      timeZone: null,
      arabicIndicDigits: false,
      unassignOnClose: false,
      closingNote: 'optional',
      closingCategories: [],
      agentsSeeAll: true,
      autoCloseHours: null,
      closingAlertMinutes: [60, 15],
      version: 1,
    });
    const saved = await caller.workspaceSettings.update({
      ...read,
      name: '  Acme support ',
      timeZone: 'Asia/Riyadh',
      closingCategories: ['Resolved', 'Spam'],
      autoCloseHours: 24,
    });
    expect(saved).toMatchObject({ name: 'Acme support', version: 2 });
    expect(await caller.workspaceSettings.get()).toEqual(saved);
    const [row] = await database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, ws.id));
    expect(row).toMatchObject({ action: 'workspace.settingsChanged', actorId: admin.id, subjectType: 'workspace', subjectId: ws.id });
    expect(row!.data).toEqual({
      name: ['Settings', 'Acme support'],
      timeZone: [null, 'Asia/Riyadh'],
      closingCategories: [[], ['Resolved', 'Spam']],
      autoCloseHours: [null, 24],
    });
    // Saving what is already there changes nothing: no new version, no audit line.
    expect((await caller.workspaceSettings.update(saved)).version).toBe(2);
    expect(await database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, ws.id))).toHaveLength(1);
  });

  it('gives the second of two admins who read the same version a conflict, and keeps the first one’s change', async () => {
    const { ws, caller } = await workspace();
    const second = callerFor(database.db, (await createUser(database.db, ws.id, 'admin', 'Omar')).id);
    const read = await caller.workspaceSettings.get();
    await caller.workspaceSettings.update({ ...read, unassignOnClose: true });
    await expect(second.workspaceSettings.update({ ...read, defaultCountry: 'AE' })).rejects.toMatchObject({
      code: 'CONFLICT',
      cause: { code: 'CONFLICT', detail: 'settingsChanged' },
    });
    expect(await second.workspaceSettings.get()).toMatchObject({ unassignOnClose: true, defaultCountry: 'SA', version: 2 });
    // Two saves racing on one version: exactly one wins.
    const fresh = await second.workspaceSettings.get();
    const results = await Promise.allSettled([
      caller.workspaceSettings.update({ ...fresh, name: 'One' }),
      second.workspaceSettings.update({ ...fresh, name: 'Two' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await caller.workspaceSettings.get()).version).toBe(3);
  });

  it.each([
    ['an empty name', { name: '  ' }, 'WORKSPACE_NAME_REQUIRED'],
    ['an unknown country', { defaultCountry: 'XX' }, 'countryUnknown'],
    ['a made-up time zone', { timeZone: 'Mars/Olympus' }, 'timeZoneUnknown'],
    ['0 hours', { autoCloseHours: 0 }, 'autoCloseHoursRange'],
    ['721 hours', { autoCloseHours: 721 }, 'autoCloseHoursRange'],
    ['1.5 hours', { autoCloseHours: 1.5 }, 'autoCloseHoursRange'],
    ['an unknown closing-note mode', { closingNote: 'sometimes' }, 'closingNoteMode'],
    ['a duplicate category', { closingCategories: ['Spam', 'spam'] }, 'categoryDuplicate'],
    ['an empty category', { closingCategories: ['Spam', ' '] }, 'categoryEmpty'],
  ])('refuses %s with its translated key and changes nothing', async (_label, patch, message) => {
    const { caller } = await workspace();
    const read = await caller.workspaceSettings.get();
    await expect(caller.workspaceSettings.update({ ...read, ...(patch as object) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: [expect.objectContaining({ message })] },
    });
    expect(await caller.workspaceSettings.get()).toEqual(read);
  });

  it('is for admins only', async () => {
    const { ws, agent } = await workspace();
    const supervisor = callerFor(database.db, (await createUser(database.db, ws.id, 'supervisor')).id);
    await expect(supervisor.workspaceSettings.get()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(database.db, agent.id).workspaceSettings.get()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('settings take effect on the next request', () => {
  it('agents see all: off takes the All view away from agents at once, and me.get says so', async () => {
    const { agent, caller } = await workspace();
    const sara = callerFor(database.db, agent.id);
    await sara.conversation.list({ view: 'all' });
    await caller.workspaceSettings.update({ ...(await caller.workspaceSettings.get()), agentsSeeAll: false, timeZone: 'Africa/Cairo' });
    await expect(sara.conversation.list({ view: 'all' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await sara.me.get()).workspace).toMatchObject({ agentsSeeAll: false, timeZone: 'Africa/Cairo' });
  });

  it('closing note required: a close without one is refused in words, with one it closes; bulk close is refused', async () => {
    const { ws, agent, channel, caller } = await workspace({ closingCategories: ['Resolved'] });
    await caller.workspaceSettings.update({ ...(await caller.workspaceSettings.get()), closingNote: 'required' });
    const id = (await createConversation(database.db, { workspaceId: ws.id, channel, assigneeId: agent.id })).conversation.id;
    const sara = callerFor(database.db, agent.id);
    const required = { code: 'BAD_REQUEST', cause: { detail: 'closingNoteRequired' } };
    await expect(sara.conversation.close({ id })).rejects.toMatchObject(required);
    await expect(sara.conversation.close({ id, note: { text: '   ' } })).rejects.toMatchObject(required);
    await expect(sara.conversation.close({ id, note: { category: 'Unknown' } })).rejects.toMatchObject({ cause: { detail: 'closingCategoryUnknown' } });
    const status = async () => (await database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!.status;
    expect(await status()).toBe('open');
    await expect(caller.conversation.bulk({ target: { ids: [id] }, action: { kind: 'close' } })).rejects.toMatchObject({
      cause: { detail: 'bulkCloseNeedsNote' },
    });
    await sara.conversation.close({ id, note: { category: 'Resolved' } });
    expect(await status()).toBe('closed');
  });

  it('closing note off: a note sent anyway is not recorded', async () => {
    const { ws, agent, channel, caller } = await workspace({ closingCategories: ['Resolved'] });
    await caller.workspaceSettings.update({ ...(await caller.workspaceSettings.get()), closingNote: 'off' });
    const id = (await createConversation(database.db, { workspaceId: ws.id, channel, assigneeId: agent.id })).conversation.id;
    await callerFor(database.db, agent.id).conversation.close({ id, note: { category: 'Resolved', text: 'Done' } });
    const lines = await database.db.select({ body: messages.body }).from(messages).where(eq(messages.conversationId, id));
    expect(lines.map((l) => l.body)).toEqual(['Closed by Sara']);
    expect((await callerFor(database.db, agent.id).conversation.filterOptions()).closingNote).toBe('off');
  });

  it('closing alerts: saved over the version like the rest, refused out of bounds in translated keys, and another workspace untouched', async () => {
    const { caller } = await workspace();
    const other = await workspace();
    const read = await caller.workspaceSettings.get();
    for (const [closingAlertMinutes, key] of [
      [[], 'closingAlertRequired'],
      [[0], 'closingAlertRange'],
      [[721], 'closingAlertRange'],
      [[15, 60], 'closingAlertOrder'],
      [[90, 60, 15], 'closingAlertTooMany'],
    ] as const) {
      await expect(caller.workspaceSettings.update({ ...read, closingAlertMinutes: [...closingAlertMinutes] })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining(key),
      });
    }
    const saved = await caller.workspaceSettings.update({ ...read, closingAlertMinutes: [30] });
    expect(saved).toMatchObject({ closingAlertMinutes: [30], version: 2 });
    // A form read before that save is stale, whatever field it changes.
    await expect(caller.workspaceSettings.update({ ...read, closingAlertMinutes: [45, 10] })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await caller.workspaceSettings.get()).closingAlertMinutes).toEqual([30]);
    expect((await other.caller.workspaceSettings.get()).closingAlertMinutes).toEqual([60, 15]);
  });

  it('refuses another workspace: an admin acting where they are no member changes nothing there', async () => {
    const mine = await workspace();
    const theirs = await workspace();
    await expect(callerFor(database.db, mine.admin.id, theirs.ws.id).workspaceSettings.get()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const read = await theirs.caller.workspaceSettings.get();
    await expect(callerFor(database.db, mine.admin.id, theirs.ws.id).workspaceSettings.update({ ...read, name: 'Taken' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await database.db.select().from(workspaceSettings).where(eq(workspaceSettings.workspaceId, theirs.ws.id)))[0]!.version).toBe(1);
  });
});
