import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationEvents, conversations, messages, workspaceSettings } from '@/db/schema';
import { AUTO_CLOSE_CRON, boss, QUEUES, startBoss, stopBoss } from '@/server/jobs/boss';
import { registerWorkers } from '@/server/jobs/workers';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { autoCloseIdleConversations } from './auto-close';

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

async function seeded(settings: Parameters<typeof createWorkspace>[2]) {
  const db = database.db;
  const ws = await createWorkspace(db, 'Idle', settings);
  const agent = await createUser(db, ws.id, 'agent', 'Sara');
  const channel = await createChannel(db, ws.id, 'sms');
  const make = async (lastMessageAt: Date, patch: { status?: 'open' | 'closed'; assigneeId?: string | null } = {}) =>
    (await createConversation(db, { workspaceId: ws.id, channel, lastMessageAt, ...patch })).conversation.id;
  return { ws, agent, make };
}

const statuses = async (ids: string[]) =>
  Object.fromEntries(
    (await database.db.select({ id: conversations.id, status: conversations.status }).from(conversations).where(inArray(conversations.id, ids))).map(
      (r) => [r.id, r.status],
    ),
  );

describe('the idle sweeper', () => {
  it('closes exactly the open conversations idle past the workspace’s hours, once, however many sweep at once', async () => {
    const db = database.db;
    const { agent, make } = await seeded({ autoCloseHours: 24 });
    const idle = [await make(ago(24 * HOUR + 60_000)), await make(ago(30 * 24 * HOUR), { assigneeId: agent.id }), await make(ago(25 * HOUR))];
    const recent = await make(ago(24 * HOUR - 60_000));
    const alreadyClosed = await make(ago(48 * HOUR), { status: 'closed' });
    // A workspace with auto-close off keeps even a year-old conversation open.
    const off = await seeded({});
    const ancient = await off.make(ago(365 * 24 * HOUR));

    // Several instances at once, in batches smaller than the work: each conversation is closed by exactly one.
    const counts = await Promise.all([autoCloseIdleConversations(db, 2), autoCloseIdleConversations(db, 2), autoCloseIdleConversations(db, 2)]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(await autoCloseIdleConversations(db)).toBe(0);

    expect(await statuses([...idle, recent, alreadyClosed, ancient])).toEqual({
      ...Object.fromEntries(idle.map((id) => [id, 'closed'])),
      [recent]: 'open',
      [alreadyClosed]: 'closed',
      [ancient]: 'open',
    });
    const events = await db.select().from(conversationEvents).where(inArray(conversationEvents.conversationId, [...idle, recent, alreadyClosed]));
    expect(events.map((e) => [e.conversationId, e.type, e.actorId, e.details])).toEqual(
      expect.arrayContaining(idle.map((id) => [id, 'closed', null, { auto: true, idleHours: 24 }])),
    );
    expect(events).toHaveLength(3);
    const [line] = await db.select().from(messages).where(eq(messages.conversationId, idle[0]!));
    expect(line).toMatchObject({ direction: 'system', kind: 'event', body: 'Closed automatically after 24 hours without activity', authorId: null });
    expect(line!.payload).toMatchObject({ event: 'closed', params: { by: 'auto', hours: '24' } });
    // The assignee stays (unassign on close is off here), and closed_at is set as for any close.
    const [assigned] = await db.select().from(conversations).where(eq(conversations.id, idle[1]!));
    expect(assigned).toMatchObject({ assigneeId: agent.id, status: 'closed' });
    expect(assigned!.closedAt).not.toBeNull();
  });

  it('unassigns when the workspace says so, and follows a change of its hours on the next sweep', async () => {
    const db = database.db;
    const { ws, agent, make } = await seeded({ autoCloseHours: 48, unassignOnClose: true });
    const id = await make(ago(30 * HOUR), { assigneeId: agent.id });
    expect(await autoCloseIdleConversations(db)).toBe(0);
    const admin = callerFor(db, (await createUser(db, ws.id, 'admin')).id);
    await admin.workspaceSettings.update({ ...(await admin.workspaceSettings.get()), autoCloseHours: 12 });
    expect(await autoCloseIdleConversations(db)).toBe(1);
    expect((await db.select().from(conversations).where(eq(conversations.id, id)))[0]).toMatchObject({ status: 'closed', assigneeId: null });
    const lines = await db.select({ body: messages.body }).from(messages).where(eq(messages.conversationId, id)).orderBy(messages.id);
    expect(lines.map((l) => l.body)).toEqual(['Closed automatically after 12 hours without activity', 'Unassigned when closed automatically']);
    // A customer writing again reopens it as usual; it closes again only after another idle period.
    await db.update(conversations).set({ status: 'open', lastMessageAt: new Date() }).where(eq(conversations.id, id));
    expect(await autoCloseIdleConversations(db)).toBe(0);
    await db.update(workspaceSettings).set({ autoCloseHours: null }).where(eq(workspaceSettings.workspaceId, ws.id));
  });
});

describe('the durable schedule', () => {
  it('is declared in pg-boss by every worker process, and its job runs the sweep', async () => {
    const db = database.db;
    await startBoss(database.url);
    await registerWorkers(boss(), db);
    expect((await boss().getSchedules()).find((s) => s.name === QUEUES.autoClose)).toMatchObject({ cron: AUTO_CLOSE_CRON });
    const { make } = await seeded({ autoCloseHours: 1 });
    const id = await make(ago(2 * HOUR));
    // The minute's job, sent now rather than waited for.
    await boss().send(QUEUES.autoClose, {});
    await expect.poll(async () => (await statuses([id]))[id], { timeout: 20_000, interval: 200 }).toBe('closed');
  });
});
