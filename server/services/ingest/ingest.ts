import type postgres from 'postgres';
import { reserveConnection, send, type TDb } from '@/db/client';
import { saneDate } from '@/server/domain/provider-time';
import { wellFormed } from '@/server/domain/well-formed-text';
import type { TInboundMessage } from '@/server/channels/inbound';
import { CLEAR_UNREACHABLE } from '@/server/services/messages/contact-reachability';
import { AppError } from '@/server/errors';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { announce, ANNOUNCE_BUMPED_STATEMENT, type TAnnounceResult } from '@/server/realtime/announce';
import { publishCommitted } from '@/server/realtime/notify';
import { distinctKeys, findIdentities, identityKeys, planContacts, writeContacts, yieldLostContacts } from './contacts';
import { applyChanges, type TChangeResult } from './changes';
import { applyEchoes } from './echoes';
import { applyIdentityChanges } from './identity-changes';
import { insertMedia } from './media';
import { inboundMeaning, updateListFields, type TLockedConversation } from './list-fields';
import { refreshesWindow } from '@/server/domain/window';
import {
  channelFacts,
  CREATE_CONVERSATIONS,
  FIND_STORED,
  INSERT_MESSAGES,
  LOCK_CONVERSATIONS,
  LOCK_KNOWN_CONVERSATIONS,
  type TChannelFacts,
  type TConversationRow,
} from './statements';
import { writeTimeline } from '@/server/services/conversations/timeline';

export type TIngestResult = { conversationId: string; messageId: number; duplicate: boolean };
/** A stored message, or what a change (reaction, edit, revoke) did to the message it names. */
export type TIngestOutcome = TIngestResult | TChangeResult;

export async function ingestInbound(db: TDb, message: TInboundMessage): Promise<TIngestResult> {
  return (await ingestInboundBatch(db, [message]))[0]!;
}

/** ingestInboundOutcomes for callers that store messages only (the simulator, scripts, tests): no changes among them. */
export async function ingestInboundBatch(db: TDb, input: TInboundMessage[]): Promise<TIngestResult[]> {
  if (input.some((m) => m.change)) throw new Error('ingestInboundBatch stores messages only: changes go through ingestInboundOutcomes');
  return (await ingestInboundOutcomes(db, input)) as TIngestResult[];
}

/**
 * Stores inbound messages, one or many, in one transaction: contacts and identities, conversations (reopened if
 * closed), the messages (unique per channel and provider id, so a replayed webhook is a no-op), and the list fields.
 * The result is the same as storing them one by one in order; batching only saves round trips and commits.
 *
 * The hot path of the app. Its statements are fixed texts sent through postgres.js on a connection of its own
 * (./ingest-statements), and those that do not need each other's answers are pipelined, BEGIN and COMMIT included:
 * two round trips for a batch from customers we know, three when it brings new ones. If any statement fails,
 * PostgreSQL turns the pipelined COMMIT into a rollback and the error is thrown. Generic plans: the statements'
 * shapes do not depend on their JSON parameter, so planning each call again (the pool's default, for the lists)
 * would only cost time. Callers are answered once the commit is done; realtime hints follow right after.
 */
export async function ingestInboundOutcomes(db: TDb, input: TInboundMessage[]): Promise<TIngestOutcome[]> {
  if (input.length === 0) return [];
  const batch = input.map(normalised);
  if (batch.some((m) => !m.externalId && !m.bsuid)) throw new AppError('INVALID_INPUT', 'inboundNeedsSender');
  const q = await reserveConnection(db);
  let stored: { results: TIngestOutcome[]; events: TRealtimeEvent[] };
  try {
    stored = await storeBatch(q, batch);
  } catch (error) {
    await q.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    q.release();
  }
  // Hints about data already committed: nobody waits for them (events of one batch stay in order).
  void publishCommitted(db, stored.events);
  return stored.results;
}

/**
 * What every adapter's message becomes before it is stored, whoever parsed it: text made well-formed (the one rule,
 * server/domain/well-formed-text) and a send time the window can trust (server/domain/provider-time).
 */
function normalised(message: TInboundMessage): TInboundMessage {
  const repaired = wellFormed(message);
  return { ...repaired, sentAt: saneDate(message.sentAt, new Date()) };
}

const pairKey = (channelId: string, contactId: string) => `${channelId}|${contactId}`;
const messageKey = (m: { channelId: string; providerMessageId: string }) => `${m.channelId}|${m.providerMessageId}`;

/**
 * A batch's messages and its changes to other messages (reactions, edits, revokes): the changes are applied to their
 * targets by one extra statement before the commit (./changes), never inserted, never counted as customer messages.
 * Their senders' conversations are locked with the others' (a revoke may clear a preview).
 */
async function storeBatch(q: postgres.Sql, all: TInboundMessage[]): Promise<{ results: TIngestOutcome[]; events: TRealtimeEvent[] }> {
  const changeIndexes = all.flatMap((m, i) => (m.change ? [i] : []));
  const messageIndexes = all.flatMap((m, i) => (m.change ? [] : [i]));
  const batch = messageIndexes.map((i) => all[i]!);
  const messageKeys = JSON.stringify([
    ...new Map(batch.map((m) => [messageKey(m), { channel_id: m.channelId, provider_message_id: m.providerMessageId }])).values(),
  ]);

  // 1. The channels, the customers we know, their conversations (locked), and what of the batch is stored already.
  // Under those row locks concurrent messages of one conversation wait for each other, so the list fields stay
  // consistent, and a replay is seen before anything is written.
  const senders = distinctKeys(identityKeys(all));
  const [, , channelOf, identities, knownRows, storedRows] = await Promise.all([
    send(q, 'begin'),
    send(q, 'set local plan_cache_mode = force_generic_plan'),
    channelFacts(
      q,
      all.map((m) => m.channelId),
    ),
    findIdentities(q, senders),
    send<TConversationRow>(q, LOCK_KNOWN_CONVERSATIONS, [senders]),
    send<{ id: string; channel_id: string; provider_message_id: string }>(q, FIND_STORED, [messageKeys]),
  ]);
  if (all.some((m) => !channelOf.has(m.channelId))) throw new AppError('NOT_FOUND', 'unknownChannel');
  const conversationOf = new Map(knownRows.map((c) => [pairKey(c.channel_id, c.contact_id), toLocked(c)]));
  const ids = new Map(
    storedRows.map((m) => [messageKey({ channelId: m.channel_id, providerMessageId: m.provider_message_id }), Number(m.id)]),
  );

  // 2. New customers and conversations, when there are any.
  const plan = planContacts(batch, channelOf, identities);
  let contactIds = plan.contactIds;
  if (
    plan.created.length > 0 ||
    plan.learnt.length > 0 ||
    plan.usernames.length > 0 ||
    contactIds.some((id, i) => !conversationOf.has(pairKey(batch[i]!.channelId, id)))
  ) {
    const claiming = writeContacts(q, plan);
    const opening = openConversations(q, batch, contactIds, conversationOf, channelOf);
    const [claimed, opened] = await Promise.all([claiming, opening]);
    for (const c of opened) conversationOf.set(pairKey(c.channelId, c.contactId), c);
    const replaced = await yieldLostContacts(q, plan, claimed);
    if (replaced.size > 0) {
      contactIds = contactIds.map((id) => replaced.get(id) ?? id);
      for (const c of await openConversations(q, batch, contactIds, conversationOf, channelOf))
        conversationOf.set(pairKey(c.channelId, c.contactId), c);
    }
  }

  const fresh: number[] = [];
  const seen = new Set<string>();
  batch.forEach((m, i) => {
    const key = messageKey(m);
    if (!ids.has(key) && !seen.has(key)) fresh.push(i);
    seen.add(key);
  });
  const conversationAt = (i: number) => conversationOf.get(pairKey(batch[i]!.channelId, contactIds[i]!))!;

  // 3. Reopen lines, the messages, the list fields and the commit, in that order (the timeline reads by id, so a
  // reopen line comes before the message that caused it, and messages follow the order the customer wrote in).
  // Only a customer's message reopens a closed conversation (the window policy's rule, as for the list fields).
  const reopened = new Map<string, TLockedConversation>();
  for (const i of fresh) {
    const conversation = conversationAt(i);
    if (conversation.status === 'closed' && refreshesWindow(inboundMeaning(batch[i]!))) reopened.set(conversation.id, conversation);
  }
  const announced = [...new Set(fresh.map((i) => conversationAt(i).id))];
  const writers = [...new Set(fresh.filter((i) => refreshesWindow(inboundMeaning(batch[i]!))).map((i) => contactIds[i]!))];
  const listed = fresh.map((i) => ({ message: batch[i]!, conversation: conversationAt(i) }));
  const [, inserted, , , , changed, , , announcement] = await Promise.all([
    writeTimeline(
      q,
      [...reopened.values()].map((conversation) => ({
        workspaceId: conversation.workspaceId,
        conversation,
        actorId: null,
        type: 'opened' as const,
        details: { by: 'customer' },
        params: { by: 'customer', actor: '' },
      })),
    ),
    fresh.length ? insertMessages(q, batch, fresh, conversationAt, channelOf) : [],
    // The files of new photos, voice notes, documents…: pending rows and their download jobs (./media).
    insertMedia(q, batch, fresh),
    updateListFields(q, listed, channelOf),
    // The business's messages from its phone (coexistence echoes): activity and preview, messaging limits.
    applyEchoes(q, listed, channelOf),
    // After the inserts (an edit may follow its message in one batch), before the announce (a revoke may bump a row).
    changeIndexes.length ? applyChanges(q, all, changeIndexes) : null,
    // A changed number or BSUID: the customer's next message finds this contact under the new keys.
    applyIdentityChanges(q, batch, fresh, (i) => conversationAt(i).contactId),
    // A customer who writes again is reachable again (a 131026 had marked them unreachable on WhatsApp).
    writers.length ? send(q, CLEAR_UNREACHABLE, [JSON.stringify(writers)]) : null,
    // The realtime payload (rows, versions, count changes), built by the transaction itself as its last statement.
    fresh.length ? send<TAnnounceResult>(q, ANNOUNCE_BUMPED_STATEMENT, [JSON.stringify(announced), '[]']) : [],
    send(q, 'commit'),
  ]);
  for (const row of inserted)
    ids.set(messageKey({ channelId: row.channel_id, providerMessageId: row.provider_message_id }), Number(row.id));

  const hints = fresh.map((i): TRealtimeEvent => {
    const conversation = conversationAt(i);
    return {
      type: 'message.created',
      workspaceId: conversation.workspaceId,
      conversationId: conversation.id,
      messageId: ids.get(messageKey(batch[i]!))!,
      assigneeId: conversation.assigneeId,
      actorId: null,
      // A timeline line (the customer opened the chat, a system notice) joins the pane but is no message to announce.
      ...(refreshesWindow(inboundMeaning(batch[i]!)) ? {} : { line: true as const }),
    };
  });
  const events = [...(fresh.length ? announce(hints, announcement[0]!) : []), ...(changed?.events ?? [])];
  const freshSet = new Set(fresh);
  const results: TIngestOutcome[] = new Array(all.length);
  batch.forEach((m, i) => {
    results[messageIndexes[i]!] = { conversationId: conversationAt(i).id, messageId: ids.get(messageKey(m))!, duplicate: !freshSet.has(i) };
  });
  for (const i of changeIndexes) results[i] = changed!.results.get(i)!;
  return { results, events };
}

/**
 * Creates the conversations the batch still lacks (new customers, or a known one writing to another number) and
 * locks them, sent now. Sorted, so concurrent batches insert in the same order. A replay of a new customer's message
 * racing its first delivery is caught by the unique provider id: the batch fails and the batcher stores its messages
 * one by one, when the replay is seen as one.
 */
function openConversations(
  q: postgres.Sql,
  batch: TInboundMessage[],
  contactIds: string[],
  conversationOf: Map<string, TLockedConversation>,
  channelOf: Map<string, TChannelFacts>,
): Promise<TLockedConversation[]> {
  const missing = [
    ...new Map(
      batch
        .map((m, i) => ({ channel_id: m.channelId, contact_id: contactIds[i]! }))
        .filter((p) => !conversationOf.has(pairKey(p.channel_id, p.contact_id)))
        .map((p) => [pairKey(p.channel_id, p.contact_id), p]),
    ).entries(),
  ]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, pair]) => pair);
  if (missing.length === 0) return Promise.resolve([]);
  const rows = missing.map((p, n) => ({
    n,
    workspace_id: channelOf.get(p.channel_id)!.workspaceId,
    contact_id: p.contact_id,
    channel_id: p.channel_id,
    channel_type: channelOf.get(p.channel_id)!.type,
  }));
  return Promise.all([
    send(q, CREATE_CONVERSATIONS, [JSON.stringify(rows)]),
    send<TConversationRow>(q, LOCK_CONVERSATIONS, [JSON.stringify(missing)]),
  ]).then(([, locked]) => locked.map(toLocked));
}

/** The batch's new messages, in the order the customer wrote them (sent now). */
function insertMessages(
  q: postgres.Sql,
  batch: TInboundMessage[],
  fresh: number[],
  conversationAt: (i: number) => TLockedConversation,
  channelOf: Map<string, TChannelFacts>,
) {
  const rows = fresh.map((i, n) => {
    const m = batch[i]!;
    return {
      n,
      workspace_id: channelOf.get(m.channelId)!.workspaceId,
      conversation_id: conversationAt(i).id,
      channel_id: m.channelId,
      // An echo is the business's own message, sent from its phone: outbound, and Meta has it already.
      direction: m.echo ? 'out' : 'in',
      status: m.echo ? 'sent' : null,
      kind: m.kind,
      body: m.body,
      payload: m.payload ?? null,
      provider_message_id: m.providerMessageId,
      sent_at: m.sentAt.toISOString(),
    };
  });
  return send<{ id: string; channel_id: string; provider_message_id: string }>(q, INSERT_MESSAGES, [JSON.stringify(rows)]);
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
