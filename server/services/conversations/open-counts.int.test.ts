import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '@/db/seed/random';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { addToTeam, callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { ingestInboundBatch } from '@/server/services/ingest/ingest';
import { COMPACT_AFTER_ROWS, compactOpenCounts, foldBusyOpenCounts, readOpenCounts } from './open-counts';

/**
 * The sidebar counts come from deltas kept by triggers. Whatever the app does to conversations, through any
 * service, in any order, they must equal a plain count of the open rows, before and after folding.
 */
let database: TTestDatabase;
let ws: { id: string };
let other: { id: string };
let supervisor: { id: string };
let agents: { id: string }[];
let teams: string[];
let channel: { id: string; type: 'whatsapp' };
let ids: string[];

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  const db = database.db;
  ws = await createWorkspace(db, 'Acme');
  supervisor = await createUser(db, ws.id, 'supervisor');
  agents = [await createUser(db, ws.id, 'agent'), await createUser(db, ws.id, 'agent')];
  teams = [await addToTeam(db, ws.id, supervisor.id, 'A'), await addToTeam(db, ws.id, supervisor.id, 'B')];
  channel = (await createChannel(db, ws.id, 'whatsapp')) as typeof channel;
  ids = [];
  for (let i = 0; i < 24; i++) {
    const { conversation } = await createConversation(db, {
      workspaceId: ws.id,
      channel,
      status: i % 3 === 0 ? 'closed' : 'open',
      assigneeId: i % 4 === 0 ? null : agents[i % 2]!.id,
      teamId: i % 5 === 0 ? null : teams[i % 2]!,
    });
    ids.push(conversation.id);
  }
  // Another workspace's conversations never leak into these counts.
  other = await createWorkspace(db, 'Other');
  const otherChannel = await createChannel(db, other.id, 'whatsapp');
  for (let i = 0; i < 3; i++) await createConversation(db, { workspaceId: other.id, channel: otherChannel });
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

/** The truth: a plain count over the open rows. */
async function truth(workspaceId: string, userId: string) {
  const [row] = await database.sql<{ mine: number; unassigned: number; all: number; a: number; b: number }[]>`
    select count(*) filter (where assignee_id = ${userId})::int as mine, count(*) filter (where assignee_id is null)::int as unassigned,
      count(*)::int as all, count(*) filter (where team_id = ${teams[0]!})::int as a, count(*) filter (where team_id = ${teams[1]!})::int as b
    from conversations where workspace_id = ${workspaceId} and status = 'open'`;
  return row!;
}

async function expectCountsMatch(userId: string) {
  const counts = await readOpenCounts(database.db, ws.id, userId, teams);
  const expected = await truth(ws.id, userId);
  expect({
    mine: counts.mine,
    unassigned: counts.unassigned,
    all: counts.all,
    a: counts.teams.get(teams[0]!),
    b: counts.teams.get(teams[1]!),
  }).toEqual(expected);
}

describe('open counts', () => {
  it('start from the rows that exist and count only this workspace', async () => {
    await expectCountsMatch(supervisor.id);
    await expectCountsMatch(agents[0]!.id);
    const counts = await readOpenCounts(database.db, other.id, supervisor.id, []);
    expect(counts.all).toBe(3);
  });

  it('follow every kind of change the app makes, in random order, and survive folding', async () => {
    const random = createRandom(11);
    const boss = callerFor(database.db, supervisor.id);
    const asAgent = (i: number) => callerFor(database.db, agents[i]!.id);
    for (let step = 0; step < 120; step++) {
      const id = random.pick(ids);
      const action = random.pick(['assign', 'unassign', 'close', 'reopen', 'team', 'bulk-assign', 'bulk-close', 'ingest', 'send', 'fold']);
      // Refusals (an agent closing someone else's conversation, a send outside the window) change nothing: also checked.
      await (async () => {
        if (action === 'assign') await boss.conversation.assign({ id, assigneeId: random.pick(agents).id });
        if (action === 'unassign') await boss.conversation.assign({ id, assigneeId: null });
        if (action === 'close') await boss.conversation.close({ id });
        if (action === 'reopen') await boss.conversation.reopen({ id });
        if (action === 'team') await boss.conversation.setTeam({ id, teamId: random.pick([null, ...teams]) });
        if (action === 'bulk-assign')
          await boss.conversation.bulk({
            target: { ids: [id, random.pick(ids)] },
            action: { kind: 'assign', assigneeId: random.pick(agents).id },
          });
        if (action === 'bulk-close')
          await boss.conversation.bulk({ target: { ids: [id, random.pick(ids), random.pick(ids)] }, action: { kind: 'close' } });
        if (action === 'send')
          await asAgent(random.int(0, 1)).message.send({
            conversationId: id,
            clientKey: randomUUID(),
            content: { kind: 'text', text: 'Hi' },
          });
        if (action === 'fold') await compactOpenCounts(database.db, ws.id);
        if (action === 'ingest') {
          const [row] = await database.sql<{ external_id: string | null }[]>`
            select i.external_id from conversations c join contact_identities i on i.contact_id = c.contact_id and i.channel_id = c.channel_id
            where c.id = ${id}`;
          // A known customer (reopens their conversation) or a new one (a new open conversation).
          const externalId = row?.external_id && random.int(0, 1) ? row.external_id : `9665${random.int(10_000_000, 99_999_999)}`;
          await ingestInboundBatch(database.db, [
            {
              channelId: channel.id,
              externalId,
              providerMessageId: `wamid.${randomUUID()}`,
              sentAt: new Date(),
              kind: 'text',
              body: 'Hello',
            },
          ]);
        }
      })().catch(() => {});
      await expectCountsMatch(supervisor.id);
    }
    await compactOpenCounts(database.db, ws.id);
    await expectCountsMatch(supervisor.id);
    await expectCountsMatch(agents[1]!.id);
  });

  it('folds piled-up deltas into one row per key and keeps the sums', async () => {
    for (let i = 0; i < COMPACT_AFTER_ROWS + 10; i++) {
      await database.sql`update conversations set status = case when status = 'open' then 'closed'::conversation_status else 'open' end where id = ${ids[i % ids.length]!}`;
    }
    const before = await truth(ws.id, supervisor.id);
    expect(await compactOpenCounts(database.db, ws.id)).toBe(true);
    const [{ rows, keys }] = (await database.db.execute<{ rows: number; keys: number }>(sql`
      select count(*)::int as rows, count(distinct (assignee_id, team_id))::int as keys from conversation_open_counts where workspace_id = ${ws.id}`)) as unknown as [
      { rows: number; keys: number },
    ];
    expect(rows).toBe(keys);
    expect(await truth(ws.id, supervisor.id)).toEqual(before);
    await expectCountsMatch(supervisor.id);
  });

  it('a reader folds for the others once the deltas pass the threshold', async () => {
    for (let i = 0; i < COMPACT_AFTER_ROWS + 2; i++) {
      await database.sql`update conversations set status = 'open', assignee_id = ${agents[i % 2]!.id} where id = ${ids[0]!}`;
    }
    const piled = await readOpenCounts(database.db, ws.id, supervisor.id, teams);
    expect(piled.rows).toBeGreaterThan(COMPACT_AFTER_ROWS);
    await expect.poll(async () => (await readOpenCounts(database.db, ws.id, supervisor.id, teams)).rows).toBeLessThan(COMPACT_AFTER_ROWS);
    await expectCountsMatch(supervisor.id);
  });

  it('are folded by the periodic job for workspaces nobody reads', async () => {
    for (let i = 0; i < COMPACT_AFTER_ROWS + 2; i++) {
      await database.sql`update conversations set status = 'open', assignee_id = ${agents[i % 2]!.id} where id = ${ids[1]!}`;
    }
    const before = await truth(ws.id, supervisor.id);
    expect(await foldBusyOpenCounts(database.db)).toBe(1);
    const [{ rows }] =
      (await database.sql`select count(*)::int as rows from conversation_open_counts where workspace_id = ${ws.id}`) as unknown as [
        { rows: number },
      ];
    expect(rows).toBeLessThan(COMPACT_AFTER_ROWS);
    expect(await truth(ws.id, supervisor.id)).toEqual(before);
    await expectCountsMatch(supervisor.id);
    expect(await foldBusyOpenCounts(database.db)).toBe(0);
  });

  it('stay right when writers and folders run at the same time', async () => {
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; i < 30; i++) {
        await database.sql`update conversations set status = case when status = 'open' then 'closed'::conversation_status else 'open' end,
          assignee_id = ${agents[(i + w) % 2]!.id} where id = ${ids[(i * 5 + w) % ids.length]!}`;
      }
    });
    const folders = Array.from({ length: 2 }, async () => {
      for (let i = 0; i < 15; i++) await compactOpenCounts(database.db, ws.id);
    });
    await Promise.all([...writers, ...folders]);
    await expectCountsMatch(supervisor.id);
  });

  it('follow rows changed by the database itself: a deleted user unassigns, a deleted conversation leaves', async () => {
    const leaving = await createUser(database.db, ws.id, 'agent');
    await database.sql`update conversations set status = 'open', assignee_id = ${leaving.id} where id = any(${ids.slice(0, 4)})`;
    await expectCountsMatch(leaving.id);
    await database.sql`delete from users where id = ${leaving.id}`;
    await expectCountsMatch(supervisor.id);
    await database.sql`delete from conversations where id = ${ids[5]!}`;
    await expectCountsMatch(supervisor.id);
  });

  it('are computed once per statement: the deltas written are the changes the transaction notes for its announcement', async () => {
    // One trigger function per conversations statement does both jobs (migration 0008), not one pair of triggers each.
    const triggers = await database.sql<{ event: string; fn: string }[]>`
      select case when t.tgtype & 4 > 0 then 'insert' when t.tgtype & 8 > 0 then 'delete' else 'update' end as event, p.proname as fn
      from pg_trigger t join pg_proc p on p.oid = t.tgfoid
      where t.tgrelid = 'conversations'::regclass and not t.tgisinternal and t.tgtype & 1 = 0
      order by 1, 2`;
    expect(triggers).toEqual([
      { event: 'delete', fn: 'nafidha_open_count_changes' },
      { event: 'insert', fn: 'nafidha_open_count_changes' },
      { event: 'update', fn: 'nafidha_open_count_changes' },
    ]);
    // Two statements in one transaction, rolled back afterwards so the other tests keep their rows.
    let written: string[] = [];
    let noted: string[] = [];
    const rollBack = new Error('roll back');
    await database.sql
      .begin(async (tx) => {
        await tx`update conversations set status = (case when status = 'open' then 'closed' else 'open' end)::conversation_status where workspace_id = ${ws.id}`;
        await tx`update conversations set assignee_id = ${agents[0]!.id} where workspace_id = ${ws.id} and assignee_id is null`;
        const rows = await tx<{ entry: string }[]>`
          select jsonb_build_array(workspace_id, assignee_id, team_id, delta)::text as entry from conversation_open_counts
          where xmin::text = pg_current_xact_id()::text`;
        const entries = await tx<{ entry: string }[]>`
          select e::text as entry from jsonb_array_elements(current_setting('nafidha.open_count_changes')::jsonb) e`;
        written = rows.map((r) => r.entry).sort();
        noted = entries.map((r) => r.entry).sort();
        throw rollBack;
      })
      .catch((error: unknown) => {
        if (error !== rollBack) throw error;
      });
    expect(written.length).toBeGreaterThan(2);
    expect(written).toEqual(noted);
  });

  it('are what conversation.counts returns', async () => {
    const counts = await callerFor(database.db, supervisor.id).conversation.counts();
    const expected = await truth(ws.id, supervisor.id);
    expect(counts).toMatchObject({ mine: expected.mine, unassigned: expected.unassigned, all: expected.all });
    expect(counts.teams.map((t) => t.count)).toEqual([expected.a, expected.b]);
  });
});
