/**
 * The dataset, built set-based: small tables from TypeScript (./generate-workspaces.ts), then contacts, a per-conversation plan, messages
 * (generate_series over the plan, ids in time order), and the conversations' denormalized fields aggregated from
 * the messages actually written, exactly as ingest and send keep them. Secondary indexes are dropped for the load
 * and rebuilt afterwards on two connections, then everything is vacuumed and analysed.
 */
import type postgres from 'postgres';
import { CHANNEL_TYPES } from '@/server/domain/channel-types';
import { PREVIEW_MAX } from '@/server/domain/limits';
import { deadlineOffsets } from '@/server/domain/window';
import { pgArray, type TWorkspacePlan } from './generate-workspaces';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Conversations per contact, cycled: mean 4, so 250k contacts make 1M conversations. */
const PER_CONTACT = [1, 1, 2, 2, 3, 4, 5, 6, 8, 8];

/**
 * Messages per conversation over 1000 slots, summing to 10,000 (mean 10): most threads are short, 0.2% are hot
 * contacts with 400 items spanning many months.
 */
function messageCountTable(): number[] {
  const spec: [number, number][] = [
    [2, 400],
    [8, 150],
    [40, 40],
    [150, 15],
    [400, 7],
    [150, 4],
    [250, 3],
  ];
  const table = spec.flatMap(([slots, count]) => Array.from({ length: slots }, () => count));
  if (table.length !== 1000 || table.reduce((a, b) => a + b, 0) !== 10_000) throw new Error('message table must be 1000 slots / 10,000');
  return table;
}

export async function insertContacts(sql: postgres.Sql, plans: TWorkspacePlan[], now: Date): Promise<void> {
  for (const ws of plans) {
    await sql`
      insert into contacts (id, workspace_id, first_name, last_name, email, phone, tags, fields, created_at, updated_at)
      select bench.uid('k' || gj), ${ws.id}, bench.c_first(gj), bench.c_last(gj),
        case when not bench.c_ar(gj) and bench.h(gj, 5) % 100 < 60
               then regexp_replace(nafidha_normalize(bench.c_first(gj) || '.' || bench.c_last(gj)), '[^a-z.]', '', 'g') || gj || '@example.com'
             when bench.c_ar(gj) and bench.h(gj, 5) % 100 < 15 then 'customer' || gj || '@example.sa' end,
        bench.c_phone(gj),
        case when bench.h(gj, 6) % 100 < 12 then array[bench.pick(bench.tags(), bench.h(gj, 6))] else '{}'::text[] end,
        case when bench.h(gj, 6) % 100 >= 80 then jsonb_build_object('company', 'Company ' || (gj % 500)) else '{}'::jsonb end,
        ${now.toISOString()}::timestamptz - ((1500 - bench.h(gj, 7) % 100) * interval '1 day'),
        ${now.toISOString()}::timestamptz - ((1500 - bench.h(gj, 7) % 100) * interval '1 day')
      from generate_series(${ws.contactOffset}::bigint, ${ws.contactOffset + ws.contacts - 1}::bigint) gj`;
  }
}

/**
 * One plan row per conversation: who, where, open or closed, how many timeline items, when the last one was and
 * how far apart they are. Everything else (messages, list fields) is derived from it.
 */
export async function buildPlan(sql: postgres.Sql, plans: TWorkspacePlan[]): Promise<void> {
  await sql.unsafe(`drop table if exists bench.plan`);
  await sql.unsafe(`create unlogged table bench.plan (
    pid bigint primary key, id uuid not null, workspace_id uuid not null, contact_gj bigint not null, contact_id uuid not null,
    channel_id uuid not null, channel_type channel_type not null, ar boolean not null, status conversation_status not null,
    m int not null, last_ago_ms bigint not null, gap_ms bigint not null, kwait int not null,
    assignee_id uuid, team_id uuid, author_id uuid not null, author_name text not null)`);
  const counts = messageCountTable();
  for (const ws of plans) {
    const agents = ws.users.filter((u) => u.role === 'agent');
    const agentIds = agents.map((a) => a.id);
    const agentTeams = agents.map((a) => ws.teams[a.team]!);
    const agentNames = await sql<{ id: string; name: string }[]>`select id, name from users where id in ${sql(agentIds)}`;
    const names = agentIds.map((id) => agentNames.find((r) => r.id === id)!.name);
    await sql`
      insert into bench.plan
      select x.pid, bench.uid('c' || x.pid), ${ws.id}::uuid, x.gj, bench.uid('k' || x.gj),
        (${pgArray(ws.channels.map((c) => c.id))}::uuid[])[x.s + 1], (${pgArray(ws.channels.map((c) => c.type))}::channel_type[])[x.s + 1],
        bench.c_ar(x.gj), x.status,
        (${pgArray(counts)}::int[])[1 + (x.rank * 7919) % 1000],
        case when x.status = 'open' then 30000 + bench.h(x.pid, 12) % ${3 * DAY_MS}
             else 600000 + floor(${730 * DAY_MS}::float8 * power((bench.h(x.pid, 12) % 1000000)::float8 / 1e6, 2))::bigint end,
        case when (${pgArray(counts)}::int[])[1 + (x.rank * 7919) % 1000] >= 100 then ${6 * HOUR_MS} + bench.h(x.pid, 16) % ${42 * HOUR_MS}
             else 120000 + bench.h(x.pid, 16) % ${6 * HOUR_MS} end,
        case when x.status = 'open' and bench.h(x.pid, 15) % 100 >= 55 then 1 + (bench.h(x.pid, 15) % 3)::int else 0 end,
        case when x.unassigned then null else (${pgArray(agentIds)}::uuid[])[1 + x.agent] end,
        case when not x.unassigned and bench.h(x.pid, 17) % 100 < 75 then (${pgArray(agentTeams)}::uuid[])[1 + x.agent]
             when x.unassigned and bench.h(x.pid, 17) % 100 < 50 then (${pgArray(ws.teams)}::uuid[])[1 + (bench.h(x.pid, 18) % ${ws.teams.length})::int] end,
        (${pgArray(agentIds)}::uuid[])[1 + x.agent], (${pgArray(names)}::text[])[1 + x.agent]
      from (
        select y.*,
          case when y.rank <= ${ws.open} then 'open' else 'closed' end::conversation_status as status,
          bench.h(y.pid, 13) % 100 < case when y.rank <= ${ws.open} then 15 else 3 end as unassigned,
          -- Skewed load: a few agents carry much more than the rest.
          floor(${agentIds.length} * power((bench.h(y.pid, 14) % 1000000)::float8 / 1e6, 1.6))::int as agent
        from (
          select z.gj * 8 + z.s as pid, z.gj, z.s, row_number() over (order by bench.h(z.gj * 8 + z.s, 10)) as rank
          from (
            select gj, s from generate_series(${ws.contactOffset}::bigint, ${ws.contactOffset + ws.contacts - 1}::bigint) gj
            cross join lateral generate_series(0, (${pgArray(PER_CONTACT)}::int[])[1 + ((gj * 7919) % 10)::int] - 1) s
          ) z
        ) y
      ) x`;
  }
  await sql.unsafe(`analyze bench.plan`);
}

/**
 * The timeline of every conversation, ids in global time order (as the app's identity column would give). The ids
 * are assigned in a narrow staging table first, so the wide insert can run on two connections at once.
 */
export async function stageMessageIds(sql: postgres.Sql): Promise<number> {
  await sql.unsafe(`drop table if exists bench.seq`);
  await sql.unsafe(`create unlogged table bench.seq as
    select row_number() over (order by x.ago desc, x.pid, x.n) as id, x.pid, x.n, x.ago
    from (select p.pid, n, p.last_ago_ms + (p.m - n) * p.gap_ms as ago from bench.plan p cross join lateral generate_series(1, p.m) n) x`);
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from bench.seq`;
  return row!.n;
}

export async function insertMessages(sql: postgres.Sql, now: Date, fromId: number, toId: number): Promise<void> {
  await sql.unsafe(
    `insert into messages (id, workspace_id, conversation_id, channel_id, direction, kind, body, payload, author_id, status,
        error_code, error_reason, provider_message_id, sent_at, created_at, status_updated_at)
     overriding system value
     select s.id, p.workspace_id, p.id, p.channel_id, d.dir, d.kind,
       case when d.kind = 'image' then null
            when d.dir = 'system' then 'Closed by ' || p.author_name
            when d.dir = 'note' then bench.pick(bench.notes(), s.id)
            when d.dir = 'in' then bench.fill(bench.pick(case when p.ar then bench.ar_in() else bench.en_in() end, bench.h(s.id, 20)), p.ar, s.id)
            else bench.fill(bench.pick(case when p.ar then bench.ar_out() else bench.en_out() end, bench.h(s.id, 21)), p.ar, s.id) end,
       case when d.dir = 'system' then jsonb_build_object('event', 'closed', 'assigneeId', null, 'teamId', null,
                 'params', jsonb_build_object('actor', p.author_name, 'note', ''))
            when d.kind = 'image' then jsonb_build_object('whatsapp', jsonb_build_object('type', 'image')) end,
       case when d.dir <> 'in' then p.author_id end,
       case when d.dir = 'out' then (case when s.id % 50 = 0 then 'failed' when s.id % 50 < 20 then 'delivered' else 'read' end)::delivery_status end,
       case when d.dir = 'out' and s.id % 50 = 0 then '131026' end,
       case when d.dir = 'out' and s.id % 50 = 0 then 'Message undeliverable: the number may not be on WhatsApp.' end,
       case when d.dir in ('in', 'out') then 'wamid.bench.' || s.id end,
       case when d.dir = 'in' then s.t - interval '1500 milliseconds' when d.dir = 'out' then s.t end,
       s.t,
       case when d.dir = 'out' then s.t + interval '4 seconds' end
     from (select id, pid, n, $1::timestamptz - ago * interval '1 millisecond' as t from bench.seq where id between $2 and $3) s
     join bench.plan p on p.pid = s.pid
     cross join lateral (
       select dir, case when dir = 'system' then 'event' when dir = 'in' and (s.pid + s.n) % 13 = 5 then 'image' else 'text' end::message_kind as kind
       from (select (case
         when p.status = 'closed' and s.n = p.m then 'system'
         when p.status = 'closed' and s.n = p.m - 1 then 'out'
         when s.n = 1 then 'in'
         when p.status = 'open' and p.kwait > 0 and s.n > p.m - p.kwait then 'in'
         when p.status = 'open' and s.n = p.m - p.kwait then 'out'
         when s.n % 11 = 6 then 'note'
         when s.n % 2 = 1 then 'in'
         else 'out' end)::message_direction as dir) dd
     ) d`,
    [now.toISOString(), fromId, toId],
  );
}

/** A stored deadline as SQL over bench.plan p / bench.agg a, from the window policy's own offsets per channel type. */
function deadlineCase(offset: 'windowMs' | 'tagMs'): string {
  const whens = CHANNEL_TYPES.flatMap((type) => {
    const ms = deadlineOffsets(type)[offset];
    return ms === null ? [] : [`when '${type}' then a.last_inbound_at + ${ms} * interval '1 millisecond'`];
  });
  return `case p.channel_type ${whens.join(' ')} end`;
}

/**
 * Conversations with their list fields taken from the messages just written, the way ingest and send maintain
 * them: last activity = the last message in or out, preview = its text (or [kind]), window deadlines from the
 * customer's last message. Waiting-since and unread (open ones only) are set after the indexes exist.
 */
export async function insertConversations(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`drop table if exists bench.agg`);
  await sql.unsafe(`create unlogged table bench.agg as
    select conversation_id,
      max(id) filter (where direction in ('in', 'out')) as last_visible_id,
      max(sent_at) filter (where direction = 'in') as last_inbound_at,
      min(created_at) as first_at,
      max(created_at) as last_at
    from messages group by conversation_id`);
  await sql.unsafe(`
    insert into conversations (id, workspace_id, contact_id, channel_id, channel_type, status, assignee_id, team_id,
      last_message_at, last_inbound_at, waiting_since, window_closes_at, tag_closes_at, preview_text, preview_direction,
      unread_count, closed_at, created_at, updated_at)
    select p.id, p.workspace_id, p.contact_id, p.channel_id, p.channel_type, p.status, p.assignee_id, p.team_id,
      m.created_at, a.last_inbound_at, null,
      ${deadlineCase('windowMs')},
      ${deadlineCase('tagMs')},
      left(coalesce(m.body, '[' || m.kind || ']'), ${PREVIEW_MAX}), m.direction,
      0, case when p.status = 'closed' then a.last_at end, a.first_at, a.last_at
    from bench.plan p
    join bench.agg a on a.conversation_id = p.id
    join messages m on m.id = a.last_visible_id`);
  await sql.unsafe(`
    insert into contact_identities (id, workspace_id, contact_id, channel_id, external_id, profile_name, created_at)
    select bench.uid('i' || p.pid), p.workspace_id, p.contact_id, p.channel_id,
      case when p.channel_type = 'whatsapp' then substr(bench.c_phone(p.contact_gj), 2) else 'ext-' || p.pid end,
      bench.c_first(p.contact_gj) || ' ' || bench.c_last(p.contact_gj), a.first_at
    from bench.plan p join bench.agg a on a.conversation_id = p.id`);
  await sql.unsafe(`
    insert into conversation_events (workspace_id, conversation_id, type, actor_id, details, created_at)
    select p.workspace_id, p.id, 'closed', p.author_id, null, a.last_at
    from bench.plan p join bench.agg a on a.conversation_id = p.id where p.status = 'closed'`);
}

/** Open conversations: waiting since the first customer message after the last agent reply, unread = how many. */
export async function finishOpenConversations(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`
    update conversations c set waiting_since = w.since, unread_count = w.unread
    from (
      select c.id, x.since, x.unread
      from conversations c
      cross join lateral (select max(o.id) as id from messages o where o.conversation_id = c.id and o.direction = 'out') lo
      cross join lateral (
        select min(m.sent_at) as since, count(*)::int as unread from messages m
        where m.conversation_id = c.id and m.direction = 'in' and m.id > coalesce(lo.id, 0)
      ) x
      where c.status = 'open' and x.unread > 0
    ) w
    where w.id = c.id`);
}

/**
 * The sidebar's open counts. The load runs with triggers off (session_replication_role = replica), so the deltas the
 * triggers would have written are computed here once, exactly as migration 0004 starts them on existing data.
 */
export async function countOpenConversations(sql: postgres.Sql): Promise<void> {
  await sql.unsafe(`delete from conversation_open_counts`);
  await sql.unsafe(`
    insert into conversation_open_counts (workspace_id, assignee_id, team_id, delta)
    select workspace_id, assignee_id, team_id, count(*) from conversations where status = 'open' group by 1, 2, 3`);
}

/** The message-text trigram index stays during the load (its entries are computed by the inserting connections). */
export const KEPT_DURING_LOAD = 'messages_search_body_idx';

export const LOAD_TABLES = ['contacts', 'contact_identities', 'conversations', 'conversation_events', 'messages'];

/** Secondary indexes of the bulk-loaded tables (not those backing constraints), to drop now and rebuild later. */
export async function dropSecondaryIndexes(sql: postgres.Sql): Promise<{ name: string; table: string; definition: string }[]> {
  const rows = await sql<{ name: string; table: string; definition: string }[]>`
    select i.indexname as name, i.tablename as table, i.indexdef as definition
    from pg_indexes i
    where i.schemaname = 'public' and i.tablename in ${sql(LOAD_TABLES)}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname) and i.indexname <> ${KEPT_DURING_LOAD}`;
  for (const row of rows) await sql.unsafe(`drop index if exists "${row.name}"`);
  return rows;
}
