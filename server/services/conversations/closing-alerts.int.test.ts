import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TDatabase } from '@/db/client';
import { conversations, memberships, workspaceSettings } from '@/db/schema';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { ingestInbound } from '@/server/services/ingest/ingest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { rowGate } from '@/server/testing/row-gate';
import { addToTeam, callerFor, createChannel, createWaitingConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { claimStatement, sweepClosingAlerts } from './closing-alerts';

let database: TTestDatabase;
let side: TDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  side = connect(database.url, { max: 3 });
  await startBoss(database.url);
});
afterAll(async () => {
  await stopBoss();
  await side.sql.end();
  await database.drop();
});
const { inOrder } = rowGate(() => side);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function seeded(settings: Parameters<typeof createWorkspace>[2] = {}) {
  const db = database.db;
  const ws = await createWorkspace(db, 'Closing', settings);
  const admin = await createUser(db, ws.id, 'admin', 'Lina');
  const supervisor = await createUser(db, ws.id, 'supervisor', 'Omar');
  const agent = await createUser(db, ws.id, 'agent', 'Sara');
  const teammate = await createUser(db, ws.id, 'agent', 'Yousef');
  const outsider = await createUser(db, ws.id, 'agent', 'Emily');
  const teamId = await addToTeam(db, ws.id, teammate.id, 'Sales');
  const whatsapp = await createChannel(db, ws.id, 'whatsapp');
  /** A waiting customer whose window closes `closesIn` from now. */
  const waiting = async (closesIn: number, patch: Partial<Parameters<typeof createWaitingConversation>[1]> = {}) => {
    const externalId = `9665${Math.floor(Math.random() * 1e8)}`;
    const { conversation } = await createWaitingConversation(db, {
      workspaceId: ws.id,
      channel: whatsapp,
      closesInMs: closesIn,
      firstName: 'Emma',
      lastName: 'Walker',
      externalId,
      ...patch,
    });
    return { id: conversation.id, externalId };
  };
  return { ws, admin, supervisor, agent, teammate, outsider, teamId, whatsapp, waiting };
}

const sweep = () => sweepClosingAlerts(database.db);
const byConversation = (events: Awaited<ReturnType<typeof sweep>>, id: string) => events.filter((e) => e.conversationId === id);

describe('closing-soon alerts', () => {
  it('fire once per lead time per window, however many sweeps run at once', async () => {
    const w = await seeded();
    const in50 = await w.waiting(50 * MINUTE, { assigneeId: w.agent.id });
    const in10 = await w.waiting(10 * MINUTE, { assigneeId: w.agent.id });
    const in90 = await w.waiting(90 * MINUTE, { assigneeId: w.agent.id });
    const lapsed = await w.waiting(-MINUTE, { assigneeId: w.agent.id });
    const closed = await w.waiting(10 * MINUTE, { assigneeId: w.agent.id, status: 'closed' });
    const answered = await w.waiting(10 * MINUTE, { assigneeId: w.agent.id, waitingSince: null });

    // Two instances sweeping at the same moment, in batches smaller than the work.
    const [a, b] = await Promise.all([sweepClosingAlerts(database.db, 1), sweepClosingAlerts(database.db, 1)]);
    const events = [...a, ...b].filter((e) => e.workspaceId === w.ws.id);
    expect(events.map((e) => e.conversationId).sort()).toEqual([in50.id, in10.id].sort());
    expect(byConversation(events, in50.id)[0]).toMatchObject({ lead: 60, minutesLeft: 50, userIds: [w.agent.id], contactName: 'Emma Walker' });
    // Already inside both lead times: one alert, at the smaller one, with the minutes actually left.
    expect(byConversation(events, in10.id)[0]).toMatchObject({ lead: 15, minutesLeft: 10 });
    for (const quiet of [in90, lapsed, closed, answered]) expect(byConversation(events, quiet.id)).toEqual([]);

    // Nothing more until the next lead time is reached.
    expect(byConversation(await sweep(), in50.id)).toEqual([]);
    await database.db
      .update(conversations)
      .set({ windowClosesAt: new Date(Date.now() + 15 * MINUTE) })
      .where(eq(conversations.id, in50.id));
    const [second] = byConversation(await sweep(), in50.id);
    expect(second).toMatchObject({ lead: 15, minutesLeft: 15 });
    expect(byConversation(await sweep(), in10.id)).toEqual([]);
  });

  it('two sweeps waiting on the same row: the second re-checks it after the first commits and claims nothing', async () => {
    const w = await seeded();
    const id = (await w.waiting(10 * MINUTE, { assigneeId: w.agent.id })).id;
    // Both read the row as due before either commits (the gate holds its lock), then run one after the other.
    const outcomes = await inOrder([id], [() => sweepClosingAlerts(database.db), () => sweepClosingAlerts(database.db)]);
    const alerts = outcomes.map((r) => (r.status === 'fulfilled' ? byConversation(r.value as Awaited<ReturnType<typeof sweep>>, id) : r.reason));
    expect(alerts[0]).toHaveLength(1);
    expect(alerts[1]).toEqual([]);
  });

  it('an agent reply cancels; a new customer message re-arms the next window', async () => {
    const w = await seeded();
    const replied = await w.waiting(50 * MINUTE, { assigneeId: w.agent.id });
    await callerFor(database.db, w.agent.id).message.send({
      conversationId: replied.id,
      clientKey: randomUUID(),
      content: { kind: 'text', text: 'On it' },
    });
    const rearmed = await w.waiting(10 * MINUTE, { assigneeId: w.agent.id });
    expect(byConversation(await sweep(), replied.id)).toEqual([]);
    expect(byConversation(await sweep(), rearmed.id)).toEqual([]);
    const first = await database.db.select().from(conversations).where(eq(conversations.id, rearmed.id));
    expect(first[0]!.closingAlertMinutes).toBe(15);

    // The customer writes again: a new deadline (here 12 minutes away, as a late-delivered message would give).
    await ingestInbound(database.db, {
      channelId: w.whatsapp.id,
      externalId: rearmed.externalId,
      providerMessageId: `wamid.${randomUUID()}`,
      sentAt: new Date(Date.now() - DAY + 12 * MINUTE),
      kind: 'text',
      body: 'Still there?',
    });
    const again = byConversation(await sweep(), rearmed.id);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ lead: 15, minutesLeft: 12 });
    expect(byConversation(await sweep(), rearmed.id)).toEqual([]);
  });

  it('an unassigned conversation alerts its team and the supervisors and admins, never another workspace', async () => {
    const w = await seeded();
    const other = await seeded();
    const teamConversation = await w.waiting(30 * MINUTE, { teamId: w.teamId });
    const noTeam = await w.waiting(30 * MINUTE);
    const elsewhere = await other.waiting(30 * MINUTE);
    // A deactivated supervisor is nobody's recipient.
    const gone = await createUser(database.db, w.ws.id, 'supervisor', 'Gone');
    await database.db.update(memberships).set({ deactivatedAt: new Date() }).where(eq(memberships.userId, gone.id));

    const events = await sweep();
    expect(byConversation(events, teamConversation.id)[0]!.userIds.sort()).toEqual([w.admin.id, w.supervisor.id, w.teammate.id].sort());
    expect(byConversation(events, noTeam.id)[0]!.userIds.sort()).toEqual([w.admin.id, w.supervisor.id].sort());
    const theirs = byConversation(events, elsewhere.id)[0]!;
    expect(theirs.workspaceId).toBe(other.ws.id);
    expect(theirs.userIds.sort()).toEqual([other.admin.id, other.supervisor.id].sort());
  });

  it('follows each workspace’s own lead times', async () => {
    const early = await seeded({ closingAlertMinutes: [120] });
    const late = await seeded({ closingAlertMinutes: [5] });
    const a = await early.waiting(100 * MINUTE, { assigneeId: early.agent.id });
    const b = await late.waiting(10 * MINUTE, { assigneeId: late.agent.id });
    const events = await sweep();
    expect(byConversation(events, a.id)[0]).toMatchObject({ lead: 120 });
    expect(byConversation(events, b.id)).toEqual([]);
    await database.db.update(workspaceSettings).set({ closingAlertMinutes: [15] }).where(eq(workspaceSettings.workspaceId, late.ws.id));
    expect(byConversation(await sweep(), b.id)[0]).toMatchObject({ lead: 15 });
  });

  it('finds its candidates through the sweep index (a range on the window’s end)', async () => {
    await database.sql`analyze conversations`;
    // A test database is small enough to read whole: forbid that, and see which index the claim reaches for
    // (EXPLAIN plans the UPDATE without running it).
    const plan = await database.sql.begin(async (tx) => {
      await tx`set local enable_seqscan = off`;
      return tx.unsafe(`explain ${claimStatement(200)}`);
    });
    const text = plan.map((r) => Object.values(r)[0]).join('\n');
    expect(text).toMatch(/Index Scan using conversations_closing_sweep_idx on conversations d/);
    expect(text).toMatch(/Index Cond: \(\(window_closes_at > now\(\)\) AND \(window_closes_at <= /);
  });
});
