import { inArray, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import type { messages } from '@/db/schema';
import type { TChannelType } from '@/server/domain/channel-types';
import { windowDeadlines } from '@/server/domain/window';
import { AppError } from '@/server/errors';
import { notify } from '@/server/realtime/notify';
import { resolveContacts } from './ingest-contacts';
import { anyOf, jsonRows, perChannel } from './ingest-sql';
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

/**
 * Stores inbound messages, one or many, in one transaction with a fixed number of statements: contacts and
 * identities, conversations (reopened if closed), the messages (unique per channel and provider id, so a replayed
 * webhook is a no-op), and the list fields. The result is the same as storing them one by one in order; batching
 * only saves round trips and commits. Realtime hints go out after the commit.
 */
export async function ingestInboundBatch(db: TDbOrTx, batch: TInboundMessage[]): Promise<TIngestResult[]> {
  if (batch.length === 0) return [];
  if (batch.some((m) => !m.externalId && !m.bsuid)) throw new AppError('INVALID_INPUT', 'An inbound message needs a sender id.');
  return db.transaction(async (tx) => {
    const channelRows = (
      await tx.execute<{ id: string; workspace_id: string; type: TChannelType }>(
        sql`select id, workspace_id, type from channels where id = ${anyOf(JSON.stringify([...new Set(batch.map((m) => m.channelId))]), 'uuid')}`,
      )
    ).map((c) => ({ id: c.id, workspaceId: c.workspace_id, type: c.type }));
    const channelOf = new Map(channelRows.map((c) => [c.id, c]));
    if (batch.some((m) => !channelOf.has(m.channelId))) throw new AppError('NOT_FOUND', 'Unknown channel.');

    const contactIds = await resolveContacts(tx, batch, channelOf);

    // One conversation per channel and customer. Sorted, so concurrent batches take locks in the same order.
    const pairs = [
      ...new Map(batch.map((m, i) => [`${m.channelId}|${contactIds[i]}`, { channelId: m.channelId, contactId: contactIds[i]! }])).entries(),
    ]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, pair]) => pair);
    await tx.execute(sql`
      insert into conversations (workspace_id, contact_id, channel_id, channel_type, last_message_at)
      select x.workspace_id, x.contact_id, x.channel_id, x.channel_type::channel_type, date_trunc('milliseconds', now())
      from json_to_recordset(${jsonRows(
        pairs.map((p, n) => ({
          n,
          workspace_id: channelOf.get(p.channelId)!.workspaceId,
          contact_id: p.contactId,
          channel_id: p.channelId,
          channel_type: channelOf.get(p.channelId)!.type,
        })),
      )}) as x(workspace_id uuid, contact_id uuid, channel_id uuid, channel_type text, n int)
      order by x.n
      on conflict (channel_id, contact_id) do nothing`);
    // The row locks serialise concurrent messages of one conversation, so the list fields stay consistent.
    const locked = await perChannel(
      pairs.map((p) => ({ channelId: p.channelId, key: p.contactId })),
      async (channelId, keys) =>
        (
          await tx.execute<{
            id: string;
            workspace_id: string;
            channel_id: string;
            contact_id: string;
            status: 'open' | 'closed';
            assignee_id: string | null;
            last_inbound_at: string | null;
            waiting_since: string | null;
          }>(sql`
            select id, workspace_id, channel_id, contact_id, status, assignee_id, last_inbound_at, waiting_since
            from conversations where channel_id = ${channelId} and contact_id = ${anyOf(keys, 'uuid')}
            order by id for update`)
        ).map((c): TLockedConversation => ({
          id: c.id,
          workspaceId: c.workspace_id,
          channelId: c.channel_id,
          contactId: c.contact_id,
          status: c.status,
          assigneeId: c.assignee_id,
          lastInboundAt: c.last_inbound_at ? new Date(c.last_inbound_at) : null,
          waitingSince: c.waiting_since ? new Date(c.waiting_since) : null,
        })),
    );
    const conversationOf = new Map(locked.map((c) => [`${c.channelId}|${c.contactId}`, c]));

    // Under those locks a replay is seen here, before anything is written; so is a repeat inside the batch.
    const known = await perChannel(
      batch.map((m) => ({ channelId: m.channelId, key: m.providerMessageId })),
      async (channelId, keys) =>
        (
          await tx.execute<{ id: string; provider_message_id: string }>(
            sql`select id, provider_message_id from messages where channel_id = ${channelId} and provider_message_id = ${anyOf(keys, 'text')}`,
          )
        ).map((m) => ({ id: Number(m.id), channelId, providerMessageId: m.provider_message_id })),
    );
    const stored = new Map(known.map((m) => [`${m.channelId}|${m.providerMessageId}`, m.id]));
    const fresh: number[] = [];
    const seen = new Set<string>();
    batch.forEach((m, i) => {
      const key = `${m.channelId}|${m.providerMessageId}`;
      if (!stored.has(key) && !seen.has(key)) fresh.push(i);
      seen.add(key);
    });
    const conversationAt = (i: number) => conversationOf.get(`${batch[i]!.channelId}|${contactIds[i]}`)!;

    // Recorded before the messages that caused it, so the timeline reads in the order things happened.
    const reopened = new Map<string, TLockedConversation>();
    for (const i of fresh) {
      const conversation = conversationAt(i);
      if (conversation.status === 'closed') reopened.set(conversation.id, conversation);
    }
    await recordEvents(
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
    );

    // In batch order, so message ids (the timeline's order) follow the order the customer wrote in.
    const inserted = fresh.length
      ? await tx.execute<{ id: number; channel_id: string; provider_message_id: string }>(sql`
          insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body, payload, provider_message_id, sent_at)
          select x.workspace_id, x.conversation_id, x.channel_id, 'in', x.kind::message_kind, x.body, x.payload, x.provider_message_id, x.sent_at
          from json_to_recordset(${jsonRows(
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
          )}) as x(workspace_id uuid, conversation_id uuid, channel_id uuid, kind text, body text, payload jsonb,
            provider_message_id text, sent_at timestamptz, n int)
          order by x.n
          returning id, channel_id, provider_message_id`)
      : [];
    for (const row of inserted) stored.set(`${row.channel_id}|${row.provider_message_id}`, Number(row.id));

    await updateListFields(
      tx,
      fresh.map((i) => ({ message: batch[i]!, conversation: conversationAt(i) })),
      channelOf,
    );

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

/** The list fields after a conversation's new messages, as if each had been applied in turn, in one UPDATE. */
async function updateListFields(
  tx: TDbOrTx,
  fresh: { message: TInboundMessage; conversation: TLockedConversation }[],
  channelOf: Map<string, { type: TChannelType }>,
) {
  const byConversation = new Map<string, { conversation: TLockedConversation; items: TInboundMessage[] }>();
  for (const { message, conversation } of fresh) {
    const entry = byConversation.get(conversation.id) ?? { conversation, items: [] };
    entry.items.push(message);
    byConversation.set(conversation.id, entry);
  }
  if (byConversation.size === 0) return;
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
  await tx.execute(sql`
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
    from json_to_recordset(${jsonRows(rows)}) as x(id uuid, last_inbound_at timestamptz, window_closes_at timestamptz,
      tag_closes_at timestamptz, waiting_since timestamptz, preview_text text, unread int)
    where c.id = x.id and ${inArray(
      sql`c.id`,
      rows.map((r) => r.id),
    )}`);
}

function previewOf(message: TInboundMessage): string {
  if (message.body) return message.body.slice(0, 280);
  if (message.kind === 'reaction') return `Reacted ${String(message.payload?.emoji ?? '')}`.trim();
  return `[${message.kind}]`;
}
