import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations } from '@/db/schema';
import { ZInboxQuery, type TInboxQueryInput } from '@/server/domain/inbox-query';
import { createRandom } from '@/db/seed/random';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { addToTeam, callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

/**
 * Every list shape is checked against a plain in-memory oracle over the same rows: the service must return exactly
 * the oracle's rows, in the oracle's order, across page boundaries of several sizes.
 */
let database: TTestDatabase;
let agent: { id: string };
let agent2: { id: string };
let supervisor: { id: string };
let teamA: string;
let teamB: string;
let channelIds: Record<'whatsapp' | 'messenger' | 'telegram', string>;
let acmeId: string;

type TOracleRow = {
  id: string;
  status: string;
  assignee_id: string | null;
  team_id: string | null;
  channel_id: string;
  channel_type: string;
  last_message_at: Date;
  waiting_since: Date | null;
  window_closes_at: Date | null;
  tag_closes_at: Date | null;
  tags: string[];
};

const MIN = 60_000;
const HOUR = 60 * MIN;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const ws = await createWorkspace(db, 'Acme');
  acmeId = ws.id;
  agent = await createUser(db, ws.id, 'agent');
  agent2 = await createUser(db, ws.id, 'agent');
  supervisor = await createUser(db, ws.id, 'supervisor');
  teamA = await addToTeam(db, ws.id, agent.id, 'A');
  teamB = await addToTeam(db, ws.id, agent2.id, 'B');
  await addToTeam(db, ws.id, supervisor.id, 'A');
  await addToTeam(db, ws.id, supervisor.id, 'B');
  const wa = await createChannel(db, ws.id, 'whatsapp');
  const fb = await createChannel(db, ws.id, 'messenger');
  const tg = await createChannel(db, ws.id, 'telegram');
  channelIds = { whatsapp: wa.id, messenger: fb.id, telegram: tg.id };
  const random = createRandom(7);
  const now = Date.now();
  for (let i = 0; i < 90; i++) {
    const channel = random.pick([wa, fb, tg]);
    // Inbound times from minutes to ten days ago: open, closing within the hour, lapsed, tag period, none.
    const inboundAgo = random.pick([5 * MIN, 30 * MIN, 3 * HOUR, 23.5 * HOUR, 23.9 * HOUR, 30 * HOUR, 4 * 24 * HOUR, 10 * 24 * HOUR]);
    // Coarse activity times, so several rows share one and the id tie-breaker is exercised.
    const lastMessageAt = new Date(now - random.int(0, 20) * 10 * MIN);
    await createConversation(db, {
      workspaceId: ws.id,
      channel,
      status: random.chance(0.7) ? 'open' : 'closed',
      assigneeId: random.pick([agent.id, agent2.id, supervisor.id, null, null]),
      teamId: random.pick([teamA, teamB, null]),
      lastMessageAt,
      lastInboundAt: new Date(now - inboundAgo),
      waitingSince: random.chance(0.5) ? new Date(now - inboundAgo - random.int(0, 5) * MIN) : null,
      tags: random.chance(0.3) ? ['vip'] : [],
    });
  }
});
afterAll(() => database.drop());

async function oracleRows(): Promise<TOracleRow[]> {
  // Drizzle configures the shared client to return timestamps as text; parse them here.
  const date = (v: unknown) => (v === null ? null : new Date(v as string));
  const rows = await database.sql<TOracleRow[]>`
    select c.id, c.status::text, c.assignee_id, c.team_id, c.channel_id, c.channel_type::text, c.last_message_at,
           c.waiting_since, c.window_closes_at, c.tag_closes_at, k.tags
    from conversations c join contacts k on k.id = c.contact_id where c.workspace_id = ${acmeId}`;
  return rows.map((r) => ({
    ...r,
    last_message_at: date(r.last_message_at)!,
    waiting_since: date(r.waiting_since),
    window_closes_at: date(r.window_closes_at),
    tag_closes_at: date(r.tag_closes_at),
  }));
}

function oracle(rows: TOracleRow[], input: TInboxQueryInput, userId: string, asOf: Date): string[] {
  const q = ZInboxQuery.parse(input);
  const t = asOf.getTime();
  const team = q.view.startsWith('team:') ? q.view.slice(5) : null;
  const kept = rows.filter((r) => {
    if (r.status !== q.status) return false;
    if (q.view === 'mine' && r.assignee_id !== userId) return false;
    if (q.view === 'unassigned' && r.assignee_id !== null) return false;
    if (team && r.team_id !== team) return false;
    if (q.assignee === 'none' && r.assignee_id !== null) return false;
    if (q.assignee && q.assignee !== 'none' && r.assignee_id !== q.assignee) return false;
    if (q.team && r.team_id !== q.team) return false;
    if (q.channel && r.channel_id !== q.channel) return false;
    if (q.tag && !r.tags.includes(q.tag)) return false;
    const w = r.window_closes_at?.getTime() ?? null;
    if (q.window === 'open' && !(w !== null && w > t)) return false;
    if (q.window === 'closing' && !(w !== null && w > t && w <= t + HOUR)) return false;
    if (q.window === 'lapsed' && !(w !== null && w <= t)) return false;
    if (q.window === 'none' && ['whatsapp', 'messenger', 'instagram'].includes(r.channel_type)) return false;
    return true;
  });
  const latest = (a: TOracleRow, b: TOracleRow) =>
    b.last_message_at.getTime() - a.last_message_at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
  if (q.sort === 'latest') return kept.sort(latest).map((r) => r.id);
  const key = (r: TOracleRow) => {
    if (q.sort === 'waiting') return r.waiting_since?.getTime() ?? null;
    if (r.window_closes_at && r.window_closes_at.getTime() > t) return r.window_closes_at.getTime();
    if (r.tag_closes_at && r.tag_closes_at.getTime() > t) return r.tag_closes_at.getTime();
    return null;
  };
  const keyed = kept.filter((r) => key(r) !== null).sort((a, b) => key(a)! - key(b)! || (a.id < b.id ? -1 : 1));
  const rest = kept.filter((r) => key(r) === null).sort(latest);
  return [...keyed, ...rest].map((r) => r.id);
}

async function listAll(userId: string, input: TInboxQueryInput, limit: number) {
  const caller = callerFor(database.db, userId);
  const ids: string[] = [];
  let cursor: string | null = null;
  let asOf: Date | null = null;
  for (let pages = 0; pages < 200; pages++) {
    const page: { items: { id: string }[]; nextCursor: string | null; asOf: Date } = await caller.conversation.list({
      ...input,
      cursor,
      limit,
    });
    asOf ??= page.asOf;
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { ids, asOf: asOf! };
}

describe('inbox lists match the oracle across page boundaries', () => {
  const views = ['mine', 'unassigned', 'all'] as const;
  const cases: TInboxQueryInput[] = [];
  for (const view of views)
    for (const status of ['open', 'closed'] as const)
      for (const sort of ['latest', 'waiting', 'window'] as const) cases.push({ view, status, sort });

  it.each(cases)('%o', async (input) => {
    const rows = await oracleRows();
    for (const limit of [1, 4, 25, 100]) {
      const { ids, asOf } = await listAll(supervisor.id, input, limit);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(oracle(rows, input, supervisor.id, asOf));
    }
  });

  it('applies every filter, alone and combined, with every sort', async () => {
    const rows = await oracleRows();
    const filters: TInboxQueryInput[] = [
      { assignee: 'none' },
      { assignee: agent.id },
      { team: teamA },
      { channel: channelIds.messenger },
      { tag: 'vip' },
      { window: 'open' },
      { window: 'closing' },
      { window: 'lapsed' },
      { window: 'none' },
      { team: teamB, window: 'lapsed', channel: channelIds.whatsapp },
      { assignee: agent2.id, tag: 'vip' },
    ];
    for (const filter of filters) {
      for (const sort of ['latest', 'waiting', 'window'] as const) {
        const input = { view: 'all' as const, status: 'open' as const, sort, ...filter };
        const { ids, asOf } = await listAll(supervisor.id, input, 7);
        const expected = oracle(rows, input, supervisor.id, asOf);
        expect(ids, JSON.stringify(input)).toEqual(expected);
        // A filter that matched nothing would prove nothing: the fixture gives each single filter some rows.
        if (Object.keys(filter).length === 1) expect(expected.length, JSON.stringify(input)).toBeGreaterThan(0);
      }
    }
  });

  it('has team views for the teams one belongs to', async () => {
    const rows = await oracleRows();
    const { ids, asOf } = await listAll(agent.id, { view: `team:${teamA}` }, 5);
    expect(ids).toEqual(oracle(rows, { view: `team:${teamA}` }, agent.id, asOf));
    await expect(callerFor(database.db, agent.id).conversation.list({ view: `team:${teamB}` })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('never repeats or skips a row when rows change between pages', async () => {
    const caller = callerFor(database.db, supervisor.id);
    const first = await caller.conversation.list({ view: 'all', status: 'open', limit: 10 });
    const seen = new Set(first.items.map((i) => i.id));
    // New activity moves a row from page one and another from further down to the top.
    const further = (await oracleRows()).filter((r) => r.status === 'open' && !seen.has(r.id))[5]!;
    await database.db
      .update(conversations)
      .set({ lastMessageAt: sql`now() + interval '1 minute'` })
      .where(sql`${conversations.id} in (${first.items[3]!.id}, ${further.id})`);
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await caller.conversation.list({ view: 'all', status: 'open', limit: 10, cursor });
      rest.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    }
    const all = [...first.items.map((i) => i.id), ...rest];
    expect(new Set(all).size).toBe(all.length);
    const expected = (await oracleRows()).filter((r) => r.status === 'open' && r.id !== further.id).map((r) => r.id);
    expect(new Set(all)).toEqual(new Set(expected));
  });

  it('pages correctly through rows whose activity times differ by microseconds only', async () => {
    const db = database.db;
    const w = await createWorkspace(db, 'Micro');
    const boss = await createUser(db, w.id, 'supervisor');
    const ch = await createChannel(db, w.id, 'webchat');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createConversation(db, { workspaceId: w.id, channel: ch })).conversation.id);
    // Same millisecond, different microseconds: what now() writes under load.
    for (const [i, id] of ids.entries()) {
      await database.sql`update conversations set last_message_at = '2026-11-21 10:00:00.123000+00'::timestamptz + ${`${i * 100} microseconds`}::interval where id = ${id}`;
    }
    const { ids: listed } = await listAll(boss.id, { view: 'all' }, 1);
    expect(listed).toEqual([...ids].reverse());
  });

  it('counts open conversations per view, teams included', async () => {
    const rows = (await oracleRows()).filter((r) => r.status === 'open');
    const counts = await callerFor(database.db, supervisor.id).conversation.counts();
    expect(counts.mine).toBe(rows.filter((r) => r.assignee_id === supervisor.id).length);
    expect(counts.unassigned).toBe(rows.filter((r) => r.assignee_id === null).length);
    expect(counts.all).toBe(rows.length);
    expect(counts.teams.map((t) => [t.name, t.count])).toEqual([
      ['A', rows.filter((r) => r.team_id === teamA).length],
      ['B', rows.filter((r) => r.team_id === teamB).length],
    ]);
  });
});
