import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createWaitingConversation, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const MINUTE = 60_000;

async function seeded(settings: Parameters<typeof createWorkspace>[2] = {}) {
  const db = database.db;
  const ws = await createWorkspace(db, 'Closing soon', settings);
  const supervisor = await createUser(db, ws.id, 'supervisor', 'Omar');
  const agent = await createUser(db, ws.id, 'agent', 'Sara');
  const other = await createUser(db, ws.id, 'agent', 'Yousef');
  const whatsapp = await createChannel(db, ws.id, 'whatsapp');
  const telegram = await createChannel(db, ws.id, 'telegram');
  const make = async (closesIn: number, patch: Partial<Parameters<typeof createWaitingConversation>[1]> = {}) => {
    const { conversation } = await createWaitingConversation(db, {
      workspaceId: ws.id,
      channel: whatsapp,
      closesInMs: closesIn,
      ...patch,
    });
    return conversation.id;
  };
  return { ws, supervisor, agent, other, whatsapp, telegram, make };
}

describe('the "Closing soon" view and its count', () => {
  it('lists waiting customers within the first lead time, soonest first, as each role may see them', async () => {
    const w = await seeded({ agentsSeeAll: false });
    const mine = await w.make(40 * MINUTE, { assigneeId: w.agent.id });
    const unassigned = await w.make(5 * MINUTE);
    const theirs = await w.make(20 * MINUTE, { assigneeId: w.other.id });
    const edge = await w.make(60 * MINUTE - 2000, { assigneeId: w.agent.id });
    // Not in it: answered, beyond the hour, lapsed, closed, windowless.
    await w.make(10 * MINUTE, { assigneeId: w.agent.id, waitingSince: null });
    await w.make(61 * MINUTE, { assigneeId: w.agent.id });
    await w.make(-MINUTE, { assigneeId: w.agent.id });
    await w.make(10 * MINUTE, { assigneeId: w.agent.id, status: 'closed' });
    await w.make(10 * MINUTE, { assigneeId: w.agent.id, channel: w.telegram });
    // Another workspace's customer, closing just as soon.
    const elsewhere = await seeded();
    await elsewhere.make(3 * MINUTE);

    const supervisor = callerFor(database.db, w.supervisor.id);
    const all = await supervisor.conversation.list({ view: 'closing' });
    expect(all.items.map((i) => i.id)).toEqual([unassigned, theirs, mine, edge]);
    expect(await supervisor.conversation.closingSoonCount()).toMatchObject({ count: 4, capped: false });

    // An agent restricted to Mine + Unassigned: their own and nobody's.
    const agent = callerFor(database.db, w.agent.id);
    expect((await agent.conversation.list({ view: 'closing' })).items.map((i) => i.id)).toEqual([unassigned, mine, edge]);
    expect((await agent.conversation.closingSoonCount()).count).toBe(3);
  });

  it('pages on (window end, id) with the first page’s "now"', async () => {
    const w = await seeded();
    const ids = [];
    for (const minutes of [50, 10, 30, 20, 40]) ids.push({ minutes, id: await w.make(minutes * MINUTE) });
    const expected = ids.sort((a, b) => a.minutes - b.minutes).map((x) => x.id);
    const caller = callerFor(database.db, w.supervisor.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.conversation.list>> = await caller.conversation.list({ view: 'closing', limit: 2, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    await expect(caller.conversation.list({ view: 'closing', cursor: 'bm9wZQ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('reaches as far as the workspace’s first lead time; agents who see all see all of it', async () => {
    const w = await seeded({ closingAlertMinutes: [120, 30], agentsSeeAll: true });
    await w.make(100 * MINUTE, { assigneeId: w.other.id });
    await w.make(130 * MINUTE);
    expect((await callerFor(database.db, w.agent.id).conversation.closingSoonCount()).count).toBe(1);
    expect((await callerFor(database.db, w.agent.id).conversation.list({ view: 'closing' })).items).toHaveLength(1);
  });

  it('counts with a bounded range of the window index', async () => {
    const w = await seeded();
    // A workspace with thousands waiting whose windows close later today: the hour ahead is a short range of them.
    await database.sql`
      with c as (
        insert into contacts (workspace_id, first_name) select ${w.ws.id}, 'Bulk' from generate_series(1, 3000) returning id)
      insert into conversations (workspace_id, contact_id, channel_id, channel_type, status, last_inbound_at, waiting_since, window_closes_at)
      select ${w.ws.id}, c.id, ${w.whatsapp.id}, 'whatsapp', 'open', now() - interval '1 hour', now() - interval '1 hour',
             now() + interval '23 hours'
      from c`;
    await database.sql`analyze conversations`;
    const plan = await database.sql.begin(async (tx) => {
      return tx.unsafe(
        `explain select count(*) from (select 1 from conversations
          where workspace_id = $1 and status = 'open' and waiting_since is not null
            and window_closes_at > now() and window_closes_at <= now() + interval '60 minutes' limit 1001) c`,
        [w.ws.id],
      );
    });
    const text = plan.map((r) => Object.values(r)[0]).join('\n');
    expect(text).toMatch(/Index (Only )?Scan using (conversations_window_idx|conversations_closing_sweep_idx)/);
    // The window's range is the index condition (bounded), not a filter over every waiting row.
    expect(text).toMatch(/Index Cond: .*window_closes_at > now\(\)/);
  });
});
