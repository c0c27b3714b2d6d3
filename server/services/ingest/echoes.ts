import type postgres from 'postgres';
import { send } from '@/db/client';
import type { TInboundMessage } from '@/server/channels/inbound';
import type { TChannelType } from '@/server/domain/channel-types';
import { evaluateWindow, isBusinessInitiated, refreshesWindow } from '@/server/domain/window';
import { inboundMeaning, previewOf, type TLockedConversation } from './list-fields';

/**
 * The list fields after the business's messages from its phone, one row per conversation (its newest echo). An echo
 * is the last activity (at the time it was sent, never later than now: a late delivery does not jump the list); while
 * no customer message is newer it is also the preview, and the customer is answered (no longer waiting, so no
 * closing-soon alert). Window, unread count, status and assignee are left alone: nobody in the inbox sent it, and a
 * business message never opens a window. Runs after UPDATE_LIST_FIELDS, so it sees this batch's customer messages.
 */
const UPDATE_ECHO_LIST_FIELDS = `
  update conversations c set
    last_message_at = greatest(c.last_message_at, date_trunc('milliseconds', least(now(), x.sent_at))),
    preview_text = case when x.sent_at >= coalesce(c.last_inbound_at, '-infinity') then x.preview_text else c.preview_text end,
    preview_direction = case when x.sent_at >= coalesce(c.last_inbound_at, '-infinity') then 'out' else c.preview_direction end,
    preview_media = case when x.sent_at >= coalesce(c.last_inbound_at, '-infinity') then null else c.preview_media end,
    waiting_since = case when x.sent_at >= coalesce(c.last_inbound_at, '-infinity') then null else c.waiting_since end,
    -- The realtime version, read by ANNOUNCE_BUMPED_STATEMENT.
    version = c.version + 1,
    updated_at = now()
  from json_to_recordset($1::json) as x(id uuid, sent_at timestamptz, preview_text text)
  where c.id = x.id`;

/**
 * A template the business sent from outside the customer's window counts toward the number's messaging limit, as a
 * send from the inbox would (server/services/messages/messaging-limits.ts), at the moment it was sent. The message
 * was inserted earlier in the same transaction.
 */
const INSERT_BUSINESS_INITIATED = `
  insert into business_initiated_sends (workspace_id, channel_id, contact_id, message_id, sent_at)
  select x.workspace_id, x.channel_id, x.contact_id,
    (select m.id from messages m where m.channel_id = x.channel_id and m.provider_message_id = x.provider_message_id),
    least(now(), x.sent_at)
  from json_to_recordset($1::json) as x(workspace_id uuid, channel_id uuid, contact_id uuid, provider_message_id text,
    sent_at timestamptz)`;

type TFresh = { message: TInboundMessage; conversation: TLockedConversation };

/**
 * The echoes among a batch's new messages: their conversations' list fields and their business-initiated sends,
 * sent now (pipelined before the announce). Nothing when the batch has none.
 */
export function applyEchoes(q: postgres.Sql, fresh: TFresh[], channelOf: Map<string, { type: TChannelType }>): Promise<unknown> {
  const echoes = fresh.filter((f) => f.message.echo);
  if (echoes.length === 0) return Promise.resolve();
  const newest = new Map<string, TFresh>();
  for (const f of echoes) {
    const known = newest.get(f.conversation.id);
    if (!known || f.message.sentAt >= known.message.sentAt) newest.set(f.conversation.id, f);
  }
  const listRows = [...newest.values()].map(({ message, conversation }) => ({
    id: conversation.id,
    sent_at: message.sentAt.toISOString(),
    preview_text: echoPreview(message),
  }));
  const limitRows = echoes
    .filter((f) => f.message.kind === 'template' && outsideWindow(f, fresh, channelOf))
    .map(({ message, conversation }) => ({
      workspace_id: conversation.workspaceId,
      channel_id: message.channelId,
      contact_id: conversation.contactId,
      provider_message_id: message.providerMessageId,
      sent_at: message.sentAt.toISOString(),
    }));
  return Promise.all([
    send(q, UPDATE_ECHO_LIST_FIELDS, [JSON.stringify(listRows)]),
    limitRows.length ? send(q, INSERT_BUSINESS_INITIATED, [JSON.stringify(limitRows)]) : null,
  ]);
}

/** A template's preview names it, as the inbox's own sends show their rendered text. */
function echoPreview(message: TInboundMessage): string {
  const name = ((message.payload?.whatsapp as { template?: { name?: unknown } } | undefined)?.template?.name ?? null) as unknown;
  if (message.kind === 'template' && !message.body && typeof name === 'string' && name) return `📄 ${name}`;
  return previewOf(message);
}

/**
 * Whether the window was closed when the echo was sent: judged at its own timestamp, from the newest customer
 * message before it (the one stored, or one of this batch). An echo older than the newest customer message we
 * store arrived late: what the window was then is not known, and it is not counted (Meta's own count decides).
 */
function outsideWindow(echo: TFresh, fresh: TFresh[], channelOf: Map<string, { type: TChannelType }>): boolean {
  const at = echo.message.sentAt;
  if (echo.conversation.lastInboundAt && echo.conversation.lastInboundAt > at) return false;
  let lastInbound = echo.conversation.lastInboundAt;
  for (const f of fresh) {
    const m = f.message;
    if (f.conversation.id !== echo.conversation.id || !refreshesWindow(inboundMeaning(m)) || m.sentAt > at) continue;
    if (!lastInbound || m.sentAt > lastInbound) lastInbound = m.sentAt;
  }
  const type = channelOf.get(echo.message.channelId)?.type ?? 'whatsapp';
  return isBusinessInitiated(evaluateWindow(type, lastInbound, at), 'template');
}
