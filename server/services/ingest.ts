import type postgres from 'postgres';
import { pgOf, send, type TDbOrTx } from '@/db/client';
import type { messages } from '@/db/schema';
import type { TChannelType } from '@/server/domain/channel-types';
import { windowDeadlines } from '@/server/domain/window';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import { findIdentities, identityKeys, resolveContacts } from './ingest-contacts';
import { recordEvents } from './timeline';

type TMessageKind = (typeof messages.$inferInsert)['kind'];

/** A customer's message, normalised from any provider's webhook (or the customer simulator). */
export type TInboundMessage = {
  channelId: string;
  /** The provider's address for the customer (wa_id, PSID, chat id...); may be empty when only a BSUID is known. */
  externalId: string | null;
  bsuid?: string | null;
  profileName?: string | null;
  /** E.164, when the provider tells us the number. */
  phone?: string | null;
  providerMessageId: string;
  /** When the customer sent it, per the provider: the window runs from here, not from when we received it. */
  sentAt: Date;
  kind: TMessageKind;
  body: string | null;
  payload?: Record<string, unknown> | null;
};

export type TIngestResult = { conversationId: string; messageId: number; duplicate: boolean };

type TLockedConversation = {
  id: string;
  workspaceId: string;
  channelId: string;
  contactId: string;
  status: 'open' | 'closed';
  assigneeId: string | null;
  lastInboundAt: Date | null;
  waitingSince: Date | null;
};

export async function ingestInbound(db: TDbOrTx, message: TInboundMessage): Promise<TIngestResult> {
  return (await ingestInboundBatch(db, [message]))[0]!;
}

// The statements of a batch. Fixed texts over one JSON parameter: prepared once per connection, whatever the batch.
const CHANNELS = `select id, workspace_id, type from channels where id = any(array(select json_array_elements_text($1::json)::uuid))`;

const CREATE_CONVERSATIONS = `
  insert into conversations (workspace_id, contact_id, channel_id, channel_type, last_message_at)
  select x.workspace_id, x.contact_id, x.channel_id, x.channel_type::channel_type, date_trunc('milliseconds', now())
  from json_to_recordset($1::json) as x(workspace_id uuid, contact_id uuid, channel_id uuid, channel_type text, n int)
  order by x.n
  on conflict (channel_id, contact_id) do nothing`;

// Locked in id order, so concurrent batches cannot deadlock; each (channel, contact) through its unique index.
const LOCK_CONVERSATIONS = `
  select id, workspace_id, channel_id, contact_id, status, assignee_id, last_inbound_at, waiting_since
  from conversations where id = any(array(
    select c.id from json_to_recordset($1::json) as k(channel_id uuid, contact_id uuid)
    cross join lateral (select id from conversations c where c.channel_id = k.channel_id and c.contact_id = k.contact_id offset 0) c))
  order by id for update`;

const FIND_STORED = `
  select m.id, m.channel_id, m.provider_message_id
  from json_to_recordset($1::json) as k(channel_id uuid, provider_message_id text)
  cross join lateral (
    select id, channel_id, provider_message_id from messages m
    where m.channel_id = k.channel_id and m.provider_message_id = k.provider_message_id offset 0) m`;

const INSERT_MESSAGES = `
  insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body, payload, provider_message_id, sent_at)
  select x.workspace_id, x.conversation_id, x.channel_id, 'in', x.kind::message_kind, x.body, x.payload, x.provider_message_id, x.sent_at
  from json_to_recordset($1::json) as x(workspace_id uuid, conversation_id uuid, channel_id uuid, kind text, body text, payload jsonb,
    provider_message_id text, sent_at timestamptz, n int)
  order by x.n
  returning id, channel_id, provider_message_id`;

const UPDATE_LIST_FIELDS = `
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
    updated_at = now()
  from json_to_recordset($1::json) as x(id uuid, last_inbound_at timestamptz, window_closes_at timestamptz,
    tag_closes_at timestamptz, waiting_since timestamptz, preview_text text, unread int)
  where c.id = x.id`;

type TConversationRow = {
  id: string;
  workspace_id: string;
  channel_id: string;
  contact_id: string;
  status: 'open' | 'closed';
  assignee_id: string | null;
  last_inbound_at: string | Date | null;
  waiting_since: string | Date | null;
};

/**
 * Stores inbound messages, one or many, in one transaction: contacts and identities, conversations (reopened if
 * closed), the messages (unique per channel and provider id, so a replayed webhook is a no-op), and the list fields.
 * The result is the same as storing them one by one in order; batching only saves round trips and commits.
 *
 * The hot path of the app, so its statements are fixed texts sent through postgres.js directly, and the ones that do
 * not need each other's answers are pipelined: four round trips and the commit for a batch of any size (five when
 * it brings new customers). Generic plans: the statements' shapes do not depend on their JSON parameter, so
 * planning each call again (the pool's default, for the lists) would only cost time. Realtime hints go out after
 * the commit.
 */
export async function ingestInboundBatch(db: TDbOrTx, batch: TInboundMessage[]): Promise<TIngestResult[]> {
  if (batch.length === 0) return [];
  if (batch.some((m) => !m.externalId && !m.bsuid)) throw new AppError('INVALID_INPUT', 'An inbound message needs a sender id.');
  return db.transaction(async (tx) => {
    const q = pgOf(tx);
    // 1. The channels and the customers we know.
    const [, channelRows, identities] = await Promise.all([
      send(q, `set local plan_cache_mode = force_generic_plan`),
      send<{ id: string; workspace_id: string; type: TChannelType }>(q, CHANNELS, [
        JSON.stringify([...new Set(batch.map((m) => m.channelId))]),
      ]),
      findIdentities(q, identityKeys(batch)),
    ]);
    const channelOf = new Map(channelRows.map((c) => [c.id, { id: c.id, workspaceId: c.workspace_id, type: c.type }]));
    if (batch.some((m) => !channelOf.has(m.channelId))) throw new AppError('NOT_FOUND', 'Unknown channel.');

    // 2. New customers, when there are any.
    const contactIds = await resolveContacts(q, batch, channelOf, identities);

    // 3. One conversation per channel and customer, created if missing, then locked: the row locks serialise
    // concurrent messages of one conversation, so the list fields stay consistent. Under those locks a replay is
    // seen before anything is written; so is a repeat inside the batch. Sorted, so concurrent batches insert in the
    // same order.
    const pairs = [
      ...new Map(
        batch.map((m, i) => [`${m.channelId}|${contactIds[i]}`, { channel_id: m.channelId, contact_id: contactIds[i]! }]),
      ).entries(),
    ]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, pair]) => pair);
    const [, lockedRows, storedRows] = await Promise.all([
      send(q, CREATE_CONVERSATIONS, [
        JSON.stringify(
          pairs.map((p, n) => ({
            n,
            workspace_id: channelOf.get(p.channel_id)!.workspaceId,
            contact_id: p.contact_id,
            channel_id: p.channel_id,
            channel_type: channelOf.get(p.channel_id)!.type,
          })),
        ),
      ]),
      send<TConversationRow>(q, LOCK_CONVERSATIONS, [JSON.stringify(pairs)]),
      send<{ id: string; channel_id: string; provider_message_id: string }>(q, FIND_STORED, [
        JSON.stringify([
          ...new Map(
            batch.map((m) => [
              `${m.channelId}|${m.providerMessageId}`,
              { channel_id: m.channelId, provider_message_id: m.providerMessageId },
            ]),
          ).values(),
        ]),
      ]),
    ]);
    const conversationOf = new Map(lockedRows.map((c) => [`${c.channel_id}|${c.contact_id}`, toLocked(c)]));
    const stored = new Map(storedRows.map((m) => [`${m.channel_id}|${m.provider_message_id}`, Number(m.id)]));
    const fresh: number[] = [];
    const seen = new Set<string>();
    batch.forEach((m, i) => {
      const key = `${m.channelId}|${m.providerMessageId}`;
      if (!stored.has(key) && !seen.has(key)) fresh.push(i);
      seen.add(key);
    });
    const conversationAt = (i: number) => conversationOf.get(`${batch[i]!.channelId}|${contactIds[i]}`)!;

    // 4. Reopen lines, the messages and the list fields, in that order (the timeline reads by id, so a reopen line
    // comes before the message that caused it, and messages follow the order the customer wrote in).
    const reopened = new Map<string, TLockedConversation>();
    for (const i of fresh) {
      const conversation = conversationAt(i);
      if (conversation.status === 'closed') reopened.set(conversation.id, conversation);
    }
    const [, inserted] = await Promise.all([
      recordEvents(
        tx,
        [...reopened.values()].map((conversation) => ({
          workspaceId: conversation.workspaceId,
          conversation,
          actorId: null,
          type: 'opened' as const,
          text: 'Reopened by a new customer message',
          details: { by: 'customer' },
          params: { by: 'customer', actor: '' },
        })),
      ),
      fresh.length
        ? send<{ id: string; channel_id: string; provider_message_id: string }>(q, INSERT_MESSAGES, [
            JSON.stringify(
              fresh.map((i, n) => {
                const m = batch[i]!;
                return {
                  n,
                  workspace_id: channelOf.get(m.channelId)!.workspaceId,
                  conversation_id: conversationAt(i).id,
                  channel_id: m.channelId,
                  kind: m.kind,
                  body: m.body,
                  payload: m.payload ?? null,
                  provider_message_id: m.providerMessageId,
                  sent_at: m.sentAt.toISOString(),
                };
              }),
            ),
          ])
        : [],
      updateListFields(
        q,
        fresh.map((i) => ({ message: batch[i]!, conversation: conversationAt(i) })),
        channelOf,
      ),
    ]);
    for (const row of inserted) stored.set(`${row.channel_id}|${row.provider_message_id}`, Number(row.id));

    for (const i of fresh) {
      const conversation = conversationAt(i);
      await notify(tx, {
        type: 'message.created',
        workspaceId: conversation.workspaceId,
        conversationId: conversation.id,
        messageId: stored.get(`${batch[i]!.channelId}|${batch[i]!.providerMessageId}`)!,
        assigneeId: conversation.assigneeId,
        actorId: null,
      });
    }
    const freshSet = new Set(fresh);
    return batch.map((m, i) => ({
      conversationId: conversationAt(i).id,
      messageId: stored.get(`${m.channelId}|${m.providerMessageId}`)!,
      duplicate: !freshSet.has(i),
    }));
  });
}

const toLocked = (c: TConversationRow): TLockedConversation => ({
  id: c.id,
  workspaceId: c.workspace_id,
  channelId: c.channel_id,
  contactId: c.contact_id,
  status: c.status,
  assigneeId: c.assignee_id,
  lastInboundAt: c.last_inbound_at ? new Date(c.last_inbound_at) : null,
  waitingSince: c.waiting_since ? new Date(c.waiting_since) : null,
});

/** The list fields after a conversation's new messages, as if each had been applied in turn, in one UPDATE. */
function updateListFields(
  q: postgres.Sql,
  fresh: { message: TInboundMessage; conversation: TLockedConversation }[],
  channelOf: Map<string, { type: TChannelType }>,
): Promise<unknown> {
  const byConversation = new Map<string, { conversation: TLockedConversation; items: TInboundMessage[] }>();
  for (const { message, conversation } of fresh) {
    const entry = byConversation.get(conversation.id) ?? { conversation, items: [] };
    entry.items.push(message);
    byConversation.set(conversation.id, entry);
  }
  if (byConversation.size === 0) return Promise.resolve();
  const rows = [...byConversation.values()].map(({ conversation, items }) => {
    // A late delivery (Meta retries for days) must not move the window: only a newer customer message does.
    const newest = items.reduce((a, b) => (b.sentAt > a ? b.sentAt : a), items[0]!.sentAt);
    const lastInboundAt = conversation.lastInboundAt && conversation.lastInboundAt > newest ? conversation.lastInboundAt : newest;
    const { windowClosesAt, tagClosesAt } = windowDeadlines(channelOf.get(conversation.channelId)!.type, lastInboundAt);
    return {
      id: conversation.id,
      last_inbound_at: lastInboundAt.toISOString(),
      window_closes_at: windowClosesAt?.toISOString() ?? null,
      tag_closes_at: tagClosesAt?.toISOString() ?? null,
      waiting_since: (conversation.waitingSince ?? items[0]!.sentAt).toISOString(),
      preview_text: previewOf(items.at(-1)!),
      unread: items.length,
    };
  });
  return send(q, UPDATE_LIST_FIELDS, [JSON.stringify(rows)]);
}

function previewOf(message: TInboundMessage): string {
  if (message.body) return message.body.slice(0, 280);
  if (message.kind === 'reaction') return `Reacted ${String(message.payload?.emoji ?? '')}`.trim();
  return `[${message.kind}]`;
}
