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

export const INSERT_MESSAGES = `
  insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body, payload, provider_message_id, sent_at)
  select x.workspace_id, x.conversation_id, x.channel_id, 'in', x.kind::message_kind, x.body, x.payload, x.provider_message_id, x.sent_at
  from json_to_recordset($1::json) as x(workspace_id uuid, conversation_id uuid, channel_id uuid, kind text, body text, payload jsonb,
    provider_message_id text, sent_at timestamptz, n int)
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
    preview_direction = 'in',
    unread_count = c.unread_count + x.unread,
    -- The realtime version, bumped here rather than by a second UPDATE (ANNOUNCE_BUMPED_STATEMENT reads it).
    version = c.version + 1,
    updated_at = now()
  from json_to_recordset($1::json) as x(id uuid, last_inbound_at timestamptz, window_closes_at timestamptz,
    tag_closes_at timestamptz, waiting_since timestamptz, preview_text text, unread int)
  where c.id = x.id`;

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
