import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviveRow } from '@/components/realtime/announced-row';
import { applyCountChanges, snapshotIncludes, type TViewCounts } from '@/components/realtime/open-counts';
import { connect, type TDatabase } from '@/db/client';
import { ingestInbound } from '@/server/services/ingest/ingest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { addToTeam, callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { REALTIME_CHANNEL, type TRealtimeEvent } from './events';
import { notify } from './notify';

/**
 * What a transaction announces is what the API would answer: each event's row equals `conversation.row` and the
 * list's item for the same conversation, versions go up by one per announcing transaction, and the count changes,
 * applied by the browser's own code, turn the counts fetched before into the counts fetched after, for every view.
 */
let database: TTestDatabase;
let workspaceId: string;
let supervisor: { id: string };
let agent: { id: string };
let teamId: string;
let channel: { id: string; type: 'whatsapp' };
const heard: TRealtimeEvent[] = [];
let unlisten: () => Promise<void>;
/**
 * One connection for ingest and the markers: ingest publishes its events after answering (nobody waits for hints),
 * so a marker sent on another connection could be heard first. On one connection, statements run in the order sent.
 */
let serial: TDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const ws = await createWorkspace(db, 'Acme');
  workspaceId = ws.id;
  supervisor = await createUser(db, ws.id, 'supervisor');
  agent = await createUser(db, ws.id, 'agent');
  teamId = await addToTeam(db, ws.id, supervisor.id, 'Sales');
  await addToTeam(db, ws.id, agent.id, 'Sales');
  channel = { ...(await createChannel(db, ws.id, 'whatsapp')), type: 'whatsapp' };
  const listener = await database.sql.listen(REALTIME_CHANNEL, (payload) => heard.push(JSON.parse(payload) as TRealtimeEvent));
  unlisten = listener.unlisten;
  serial = connect(database.url, { max: 1 });
});
afterAll(async () => {
  await serial.sql.end();
  await unlisten();
  await database.drop();
});

/** Runs a change and returns what it announced, once a marker published after it has arrived. */
async function announced(change: () => Promise<unknown>): Promise<TRealtimeEvent[]> {
  const start = heard.length;
  await change();
  const marker = `marker-${Math.random()}`;
  await notify(serial.db, { type: 'number.changed', workspaceId, channelId: marker });
  await expect.poll(() => heard.some((e) => e.type === 'number.changed' && e.channelId === marker)).toBe(true);
  return heard.slice(start).filter((e) => !(e.type === 'number.changed' && e.channelId === marker));
}

const countsOf = (userId: string) => callerFor(database.db, userId).conversation.counts();

/** The row an event carries, as a browser sees it after JSON, must be the API's row for the same conversation. */
async function expectRowsMatchApi(events: TRealtimeEvent[]) {
  const rows = events.filter((e) => e.type === 'conversation.changed' || e.type === 'message.created');
  expect(rows.length).toBeGreaterThan(0);
  for (const event of rows) {
    expect(event.row).toBeTruthy();
    const wire = reviveRow(JSON.parse(JSON.stringify(event.row)));
    const api = await callerFor(database.db, supervisor.id).conversation.row({ id: event.conversationId });
    expect(wire).toEqual(api);
    const list = await callerFor(database.db, supervisor.id).conversation.list({ view: 'all', status: api!.status, limit: 100 });
    expect(list.items.find((item) => item.id === event.conversationId)).toEqual(wire);
  }
}

/** Applies a transaction's count changes as each user's browser would, and compares with the counts fetched after. */
async function expectCountsFollow(change: () => Promise<unknown>) {
  const before = new Map<string, TViewCounts>();
  for (const user of [supervisor, agent]) before.set(user.id, await countsOf(user.id));
  const events = await announced(change);
  for (const user of [supervisor, agent]) {
    const after = await countsOf(user.id);
    const changes = events.flatMap((e) => (e.type === 'counts.changed' ? e.changes! : []));
    const txids = events.flatMap((e) => (e.type === 'counts.changed' ? [e.txid] : []));
    for (const txid of txids) {
      expect(snapshotIncludes(before.get(user.id)!.snapshot, txid)).toBe(false);
      expect(snapshotIncludes(after.snapshot, txid)).toBe(true);
    }
    const { snapshot: _b, ...expected } = after;
    const { snapshot: _a, ...applied } = applyCountChanges(before.get(user.id)!, changes, user.id);
    expect(applied).toEqual(expected);
  }
  return events;
}

const versionsOf = (events: TRealtimeEvent[]) =>
  events.flatMap((e) => (e.type === 'conversation.changed' || e.type === 'message.created' ? [e.version!] : []));

describe('announced events', () => {
  it('an inbound message from a new customer carries its row, version 1, and +1 Unassigned', async () => {
    let conversationId = '';
    const events = await expectCountsFollow(async () => {
      conversationId = (
        await ingestInbound(serial.db, {
          channelId: channel.id,
          externalId: '971500000001',
          profileName: 'Layla Haddad',
          phone: '+971500000001',
          providerMessageId: 'wamid.announce-1',
          sentAt: new Date(),
          kind: 'text',
          body: 'مرحبا, is anyone there?',
        })
      ).conversationId;
    });
    expect(events.map((e) => e.type)).toEqual(['message.created', 'counts.changed']);
    expect(versionsOf(events)).toEqual([1]);
    expect(events[1]).toMatchObject({ type: 'counts.changed', workspaceId, changes: [{ assigneeId: null, teamId: null, delta: 1 }] });
    await expectRowsMatchApi(events);

    // The next message of the same conversation: version 2, and no count change.
    const next = await expectCountsFollow(() =>
      ingestInbound(serial.db, {
        channelId: channel.id,
        externalId: '971500000001',
        providerMessageId: 'wamid.announce-2',
        sentAt: new Date(),
        kind: 'text',
        body: 'Second',
      }),
    );
    expect(next.map((e) => e.type)).toEqual(['message.created']);
    expect(versionsOf(next)).toEqual([2]);
    await expectRowsMatchApi(next);
    expect(conversationId).toBeTruthy();
  });

  it('every lifecycle change carries its row and the count changes of every view', async () => {
    const { conversation } = await createConversation(database.db, { workspaceId, channel, firstName: 'Omar' });
    const caller = callerFor(database.db, supervisor.id);
    const steps: [string, () => Promise<unknown>][] = [
      ['assign to the agent', () => caller.conversation.assign({ id: conversation.id, assigneeId: agent.id })],
      ['move to a team', () => caller.conversation.setTeam({ id: conversation.id, teamId })],
      ['reassign to the supervisor', () => caller.conversation.assign({ id: conversation.id, assigneeId: supervisor.id })],
      ['unassign', () => caller.conversation.assign({ id: conversation.id, assigneeId: null })],
      ['close', () => caller.conversation.close({ id: conversation.id })],
      ['reopen', () => caller.conversation.reopen({ id: conversation.id })],
      ['take it (agent)', () => callerFor(database.db, agent.id).conversation.assign({ id: conversation.id, assigneeId: agent.id })],
      ['leave the team', () => caller.conversation.setTeam({ id: conversation.id, teamId: null })],
      ['close as the agent', () => callerFor(database.db, agent.id).conversation.close({ id: conversation.id })],
    ];
    const versions: number[] = [];
    for (const [, step] of steps) {
      const events = await expectCountsFollow(step);
      await expectRowsMatchApi(events);
      versions.push(...new Set(versionsOf(events)));
    }
    expect(versions).toEqual(steps.map((_, i) => i + 1));
  });

  it('a bulk action announces its count changes in one event', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createConversation(database.db, { workspaceId, channel, firstName: `Bulk ${i}` })).conversation.id);
    const events = await expectCountsFollow(() =>
      callerFor(database.db, supervisor.id).conversation.bulk({ target: { ids }, action: { kind: 'assign', assigneeId: agent.id } }),
    );
    expect(events.filter((e) => e.type === 'counts.changed')).toHaveLength(1);
  });

  it('a bulk action bumps the versions of what it changed and announces them before its bulk event', async () => {
    // More than one notification's worth of versions, so they come in several chunks.
    const ids: string[] = [];
    for (let i = 0; i < 130; i++) ids.push((await createConversation(database.db, { workspaceId, channel, firstName: `Many ${i}` })).conversation.id);
    const caller = callerFor(database.db, supervisor.id);
    const before = await database.sql<{ id: string; version: string }[]>`select id, version from conversations where id = any(${ids})`;
    const events = await announced(() => caller.conversation.bulk({ target: { ids }, action: { kind: 'close' } }));
    const types = events.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['conversations.versions', 'conversations.versions']);
    expect(types.indexOf('conversations.bulk')).toBeGreaterThan(1);
    const bulk = events.find((e) => e.type === 'conversations.bulk')!;
    expect(bulk).not.toHaveProperty('conversationIds');
    const announcedVersions = new Map(events.flatMap((e) => (e.type === 'conversations.versions' ? e.versions : [])));
    expect(new Map(before.map((r) => [r.id, Number(r.version) + 1]))).toEqual(announcedVersions);
    // The versions announced are those a list fetched after the bulk action shows.
    const closed = (await caller.conversation.list({ view: 'all', status: 'closed', limit: 100 })).items.filter((r) => announcedVersions.has(r.id));
    expect(closed).toHaveLength(100);
    for (const row of closed) expect(row.version).toBe(announcedVersions.get(row.id));
  });

  it('a rolled-back savepoint takes its count changes with it', async () => {
    const { conversation: kept } = await createConversation(database.db, { workspaceId, channel, firstName: 'Kept' });
    const { conversation: dropped } = await createConversation(database.db, { workspaceId, channel, firstName: 'Dropped' });
    const events = await expectCountsFollow(() =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`update conversations set status = 'closed' where id = ${kept.id}`);
        await notify(tx, { type: 'conversation.changed', workspaceId, conversationId: kept.id, assigneeId: null });
        await tx
          .transaction(async (inner) => {
            await inner.execute(sql`update conversations set status = 'closed' where id = ${dropped.id}`);
            throw new Error('roll back');
          })
          .catch(() => {});
      }),
    );
    expect(events.find((e) => e.type === 'counts.changed')).toMatchObject({ changes: [{ assigneeId: null, teamId: null, delta: -1 }] });
  });
});
