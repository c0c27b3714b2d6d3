import type postgres from 'postgres';
import { send } from '@/db/client';
import type { TChannelType } from '@/server/domain/channel-types';
import type { TConversationStatus } from '@/server/domain/conversation';

/**
 * The statements of webhook ingest: fixed texts over one JSON parameter, prepared once per connection whatever the
 * batch. Lookups go through `cross join lateral (... offset 0)`: every key through its own index, and OFFSET 0 keeps
 * the planner from flattening the subquery into a join it could hash.
 */

const CHANNELS = `select id, workspace_id, type from channels where id = any(array(select json_array_elements_text($1::json)::uuid))`;

/** The conversations of the senders we already know, found through their identities and locked in id order. */
export const LOCK_KNOWN_CONVERSATIONS = `
  select id, workspace_id, channel_id, contact_id, status, assignee_id, last_inbound_at, waiting_since
  from conversations where id = any(array(
    select c.id from json_to_recordset($1::json) as k(channel_id uuid, external_id text, bsuid text)
    cross join lateral (
      select contact_id from contact_identities i
      where i.channel_id = k.channel_id and (i.external_id = k.external_id or i.bsuid = k.bsuid) offset 0) i
    cross join lateral (select id from conversations c where c.channel_id = k.channel_id and c.contact_id = i.contact_id offset 0) c))
  order by id for update`;

export const CREATE_CONVERSATIONS = `
  insert into conversations (workspace_id, contact_id, channel_id, channel_type, last_message_at, team_id)
  select x.workspace_id, x.contact_id, x.channel_id, x.channel_type::channel_type, date_trunc('milliseconds', now()),
    -- The channel's default team (Settings → Channels), for new conversations only: an active team of the same
    -- workspace (an archived one is routed to no more, should a default to it remain).
    (select t.id from channels ch join teams t on t.id = ch.default_team_id and t.workspace_id = ch.workspace_id
       and t.archived_at is null
     where ch.id = x.channel_id)
  from json_to_recordset($1::json) as x(workspace_id uuid, contact_id uuid, channel_id uuid, channel_type text, n int)
  order by x.n
  on conflict (channel_id, contact_id) do nothing`;

/** Conversations by (channel, contact), locked in id order. */
export const LOCK_CONVERSATIONS = `
  select id, workspace_id, channel_id, contact_id, status, assignee_id, last_inbound_at, waiting_since
  from conversations where id = any(array(
    select c.id from json_to_recordset($1::json) as k(channel_id uuid, contact_id uuid)
    cross join lateral (select id from conversations c where c.channel_id = k.channel_id and c.contact_id = k.contact_id offset 0) c))
  order by id for update`;

/** Messages already stored under the batch's provider ids (replays, and repeats inside the batch). */
export const FIND_STORED = `
  select m.id, m.channel_id, m.provider_message_id
  from json_to_recordset($1::json) as k(channel_id uuid, provider_message_id text)
  cross join lateral (
    select id, channel_id, provider_message_id from messages m
    where m.channel_id = k.channel_id and m.provider_message_id = k.provider_message_id offset 0) m`;

/**
 * The batch's messages: the customer's (in), and echoes of what the business sent from its phone (out, already
 * `sent`; an echoed template keeps the name and language Meta reports, read from its raw object).
 */
export const INSERT_MESSAGES = `
  insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body, payload, provider_message_id, sent_at,
    status, status_updated_at, template_name, template_language)
  select x.workspace_id, x.conversation_id, x.channel_id, x.direction::message_direction, x.kind::message_kind, x.body, x.payload,
    x.provider_message_id, x.sent_at, x.status::delivery_status, case when x.status is not null then now() end,
    case when x.direction = 'out' and x.kind = 'template' then left(x.payload #>> '{whatsapp,template,name}', 512) end,
    case when x.direction = 'out' and x.kind = 'template' then left(x.payload #>> '{whatsapp,template,language,code}', 32) end
  from json_to_recordset($1::json) as x(workspace_id uuid, conversation_id uuid, channel_id uuid, direction text, kind text,
    body text, payload jsonb, provider_message_id text, sent_at timestamptz, status text, n int)
  order by x.n
  returning id, channel_id, provider_message_id`;

export const UPDATE_LIST_FIELDS = `
  update conversations c set
    status = 'open',
    closed_at = null,
    -- Milliseconds: keyset cursors carry JS Dates, which would lose microseconds and skip rows.
    last_message_at = greatest(c.last_message_at, date_trunc('milliseconds', now())),
    last_inbound_at = x.last_inbound_at,
    window_closes_at = x.window_closes_at,
    tag_closes_at = x.tag_closes_at,
    waiting_since = x.waiting_since,
    preview_text = x.preview_text,
    preview_media = x.preview_media,
    preview_direction = 'in',
    unread_count = c.unread_count + x.unread,
    -- A newer referral is a new free entry point opportunity (server/domain/free-entry.ts, onReferral).
    referral = case when x.referral_at > coalesce(c.referral_at, '-infinity') then x.referral else c.referral end,
    referral_at = case when x.referral_at > coalesce(c.referral_at, '-infinity') then x.referral_at else c.referral_at end,
    -- The realtime version, bumped here rather than by a second UPDATE (ANNOUNCE_BUMPED_STATEMENT reads it).
    version = c.version + 1,
    updated_at = now()
  from json_to_recordset($1::json) as x(id uuid, last_inbound_at timestamptz, window_closes_at timestamptz,
    tag_closes_at timestamptz, waiting_since timestamptz, preview_text text, preview_media jsonb, unread int, referral jsonb, referral_at timestamptz)
  where c.id = x.id`;

/**
 * The window a first `request_welcome` opens (domain/window.ts opensFirstWindow): the window fields only, and only
 * where the customer never had one (checked again here, after this batch's messages: a message of the same batch
 * wins). No unread, preview, status or waiting time: it is no message.
 */
export const OPEN_FIRST_WINDOW = `
  update conversations c set
    last_inbound_at = x.last_inbound_at,
    window_closes_at = x.window_closes_at,
    tag_closes_at = x.tag_closes_at,
    version = c.version + 1,
    updated_at = now()
  from json_to_recordset($1::json) as x(id uuid, last_inbound_at timestamptz, window_closes_at timestamptz, tag_closes_at timestamptz)
  where c.id = x.id and c.last_inbound_at is null`;

export type TConversationRow = {
  id: string;
  workspace_id: string;
  channel_id: string;
  contact_id: string;
  status: TConversationStatus;
  assignee_id: string | null;
  last_inbound_at: string | Date | null;
  waiting_since: string | Date | null;
};

export type TChannelFacts = { id: string; workspaceId: string; type: TChannelType };

/**
 * A channel's workspace and type never change, and a batch needs them for every message: they are remembered per
 * process for a minute (a deleted channel's messages then fail on its foreign key, and are delivered again later).
 * Unknown ones are asked for in the same pipeline as the batch's first statements.
 */
const CHANNEL_FACTS_MS = 60_000;
const knownChannels = new Map<string, { facts: TChannelFacts; until: number }>();

export function channelFacts(q: postgres.Sql, channelIds: string[]): Promise<Map<string, TChannelFacts>> {
  const now = Date.now();
  const facts = new Map<string, TChannelFacts>();
  const missing: string[] = [];
  for (const id of new Set(channelIds)) {
    const known = knownChannels.get(id);
    if (known && known.until > now) facts.set(id, known.facts);
    else missing.push(id);
  }
  if (missing.length === 0) return Promise.resolve(facts);
  // Sent now (not after an await), so it keeps its place in the pipeline.
  return send<{ id: string; workspace_id: string; type: TChannelType }>(q, CHANNELS, [JSON.stringify(missing)]).then((rows) => {
    for (const row of rows) {
      const channel = { id: row.id, workspaceId: row.workspace_id, type: row.type };
      knownChannels.set(row.id, { facts: channel, until: now + CHANNEL_FACTS_MS });
      facts.set(row.id, channel);
    }
    return facts;
  });
}

/**
 * Reactions, edits and revokes (one row per target message: ./changes merges a batch's changes to one message), applied
 * to the message they name in one statement, whatever their number: only a message of the same channel, and only in
 * the conversation of the customer who sent the change (their identity, as LOCK_KNOWN_CONVERSATIONS finds it), so
 * nobody changes another customer's or another workspace's message. Each change applies once and in order: a
 * reaction only when newer than the one stored, an edit only when newer than the last edit and not seen before (its
 * id in the history), a revoke once. A revoke moves the text out of `body` (what agents, search and previews read)
 * into `deleted_body`, and clears the list preview when it still shows that message. Nothing here touches the window,
 * the unread count or the last activity. Returns every target found, and whether it changed.
 */
export const APPLY_CHANGES = `
  with x as (
    select * from json_to_recordset($1::json) as x(n int, channel_id uuid, external_id text, bsuid text, target text,
      reacted boolean, emoji text, reaction_at timestamptz, edit_id text, edit_body text, edit_at timestamptz, revoke_at timestamptz)),
  target as (
    select x.n, m.id as message_id, m.conversation_id, x.emoji, x.reaction_at, x.edit_id, x.edit_body,
      x.edit_at, x.revoke_at,
      (x.reacted and (m.customer_reaction_at is null or m.customer_reaction_at <= x.reaction_at)) as set_reaction,
      (x.edit_at is not null and x.revoke_at is null and m.deleted_at is null
        and (m.edited_at is null or m.edited_at <= x.edit_at)
        and not coalesce(m.edit_history, '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('by', x.edit_id))) as set_edit,
      (x.revoke_at is not null and m.deleted_at is null) as set_revoke
    from x
    cross join lateral (
      select m.id, m.conversation_id, m.body, m.deleted_at, m.edited_at, m.edit_history, m.customer_reaction_at from messages m
      where m.channel_id = x.channel_id and m.provider_message_id = x.target offset 0) m
    where exists (
      select 1 from conversations c join contact_identities i on i.contact_id = c.contact_id and i.channel_id = x.channel_id
      where c.id = m.conversation_id and (i.external_id = x.external_id or i.bsuid = x.bsuid))),
  changed as (
    update messages m set
      customer_reaction = case when t.set_reaction then t.emoji else m.customer_reaction end,
      customer_reaction_at = case when t.set_reaction then t.reaction_at else m.customer_reaction_at end,
      body = case when t.set_revoke then null when t.set_edit then coalesce(t.edit_body, m.body) else m.body end,
      edited_at = case when t.set_edit then t.edit_at else m.edited_at end,
      edit_history = case when t.set_edit
        then coalesce(m.edit_history, '[]'::jsonb) || jsonb_build_array(jsonb_build_object('body', m.body, 'until', t.edit_at, 'by', t.edit_id))
        else m.edit_history end,
      deleted_at = case when t.set_revoke then t.revoke_at else m.deleted_at end,
      deleted_body = case when t.set_revoke then m.body else m.deleted_body end
    from target t
    where m.id = t.message_id and (t.set_reaction or t.set_edit or t.set_revoke)
    returning m.id, m.direction, t.conversation_id, t.set_revoke),
  preview as (
    update conversations c set preview_text = null, preview_media = null, version = c.version + 1, updated_at = now()
    from changed d
    -- The preview shows the newest message of that side (the customer's, or the business's echoed from its phone):
    -- this one, or an earlier version of it, unless a message followed.
    where d.set_revoke and c.id = d.conversation_id and c.preview_direction = d.direction and c.preview_text is not null
      and not exists (
        select 1 from messages later
        where later.conversation_id = c.id and later.id > d.id and later.direction in ('in', 'out') and later.kind <> 'event')
    returning c.id)
  select t.n, t.message_id, t.conversation_id, c.workspace_id, c.assignee_id, (d.id is not null) as changed
  from target t
  join conversations c on c.id = t.conversation_id
  left join changed d on d.id = t.message_id`;
