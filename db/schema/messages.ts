import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, numeric, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { MESSAGE_KINDS } from '@/server/domain/conversation';
import { DELIVERY_STATUSES, FAILURE_KINDS, type TFailureData } from '@/server/domain/delivery-status';
import type { TMetaPricing } from '@/server/domain/meta-pricing';
import { channels } from './channels';
import { contacts } from './contacts';
import { conversations, messageDirectionEnum } from './conversations';
import { users, workspaces } from './workspaces';

export type TEditHistoryEntry = { body: string | null; until: string; by: string };

export const deliveryStatusEnum = pgEnum('delivery_status', DELIVERY_STATUSES);
export const failureKindEnum = pgEnum('failure_kind', FAILURE_KINDS);
export const messageKindEnum = pgEnum('message_kind', MESSAGE_KINDS);

/**
 * Every item of a conversation's timeline: customer messages (in), agent messages (out), internal notes and
 * system events. The identity id orders the timeline and is the cursor for "load older".
 */
export const messages = pgTable(
  'messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    direction: messageDirectionEnum('direction').notNull(),
    kind: messageKindEnum('kind').notNull(),
    body: text('body'),
    templateName: text('template_name'),
    templateLanguage: text('template_language'),
    /** Positional values as an array, named ones as an object, per component. */
    templateParams: jsonb('template_params'),
    /** Media, location, reaction, referral and other type-specific data. */
    payload: jsonb('payload'),
    /** The agent who wrote it (out, note) or caused it (system). */
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** Delivery status of outbound messages; null for the rest. */
    status: deliveryStatusEnum('status'),
    errorCode: text('error_code'),
    /** The English sentence for the failure (logs, exports), rendered from the en catalog; browsers render code and data. */
    errorReason: text('error_reason'),
    /** The adapter's verdict on a failure: transient (a retry may help) or permanent; null unless failed. */
    failureKind: failureKindEnum('failure_kind'),
    errorData: jsonb('error_data').$type<TFailureData>(),
    /** The provider's id (wamid...). Unique per channel so a replayed webhook is a no-op. */
    providerMessageId: text('provider_message_id'),
    /** Chosen by the browser per send, so a retried or double-clicked send returns the same message. */
    clientKey: text('client_key'),
    /** HUMAN_AGENT when sent in the Messenger / Instagram tag period. */
    messagingTag: text('messaging_tag'),
    /** When the customer sent it, per the provider (inbound); the window runs from this time. */
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    statusUpdatedAt: timestamp('status_updated_at', { withTimezone: true }),
    /** The customer's current reaction to this message (one per message: a later one replaces it, an empty one removes it). */
    customerReaction: text('customer_reaction'),
    /** When that reaction was sent (per the provider): an older reaction arriving late never replaces a newer one. */
    customerReactionAt: timestamp('customer_reaction_at', { withTimezone: true }),
    /**
     * The agents' reaction to this customer message (WhatsApp allows the business one per message): set when an agent
     * reacts, null when removed. The reaction itself goes out as a queued `reaction` row (services/messages/react.ts).
     */
    agentReaction: text('agent_reaction'),
    /** When the customer last edited it (per the provider); null: never edited. */
    editedAt: timestamp('edited_at', { withTimezone: true }),
    /** The versions an edit replaced, oldest first: `{ body, until, by }` (by: the edit's provider id), for the audit. */
    editHistory: jsonb('edit_history').$type<TEditHistoryEntry[]>(),
    /** When the customer deleted it for everyone; its text then lives in deleted_body, for admins only. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBody: text('deleted_body'),
    /**
     * What a template was estimated to cost when it was sent, by the workspace's rate card of that moment (so a later
     * edit of the card never rewrites a month's spend): the amount (null: free or no rate), its currency, and why
     * (`charge`, `unknown` or the free reason of server/domain/template-cost.ts). Null on everything but templates.
     */
    costAmount: numeric('cost_amount', { precision: 14, scale: 6 }),
    costCurrency: text('cost_currency'),
    costBasis: text('cost_basis'),
    /** Meta's own `pricing` from the first status webhook that carried it (billable, pricing_model, type, category). */
    pricing: jsonb('pricing').$type<TMetaPricing>(),
    /**
     * The text as the inbox search compares it (nafidha_normalize), on messages in and out only; kept by PostgreSQL.
     * Stored, not recomputed: a search for a common word tests the messages of each conversation it walks, and
     * normalising on the fly costs ~5 µs a message (conversations/search-sql.ts).
     */
    searchBody: text('search_body').generatedAlwaysAs(
      sql`case when body is not null and direction in ('in', 'out') then nafidha_normalize(body) end`,
    ),
  },
  (t) => [
    index('messages_conversation_idx').on(t.conversationId, t.id.desc()),
    uniqueIndex('messages_channel_provider_key')
      .on(t.channelId, t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
    index('messages_search_body_idx')
      .using('gin', sql`${t.searchBody} gin_trgm_ops`)
      .where(sql`${t.searchBody} is not null`),
    uniqueIndex('messages_conversation_client_key')
      .on(t.conversationId, t.clientKey)
      .where(sql`${t.clientKey} is not null`),
    // The numbers page's month-to-date spend: one range scan of a workspace's charged templates of the month.
    index('messages_cost_month_idx')
      .on(t.workspaceId, t.createdAt)
      .where(sql`${t.costAmount} is not null`),
  ],
);

/**
 * One row per business-initiated send (a template outside the customer's window). Messaging limits count
 * unique recipients here over a rolling 24 h.
 */
export const businessInitiatedSends = pgTable(
  'business_initiated_sends',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    messageId: bigint('message_id', { mode: 'number' }).references(() => messages.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('business_initiated_sends_channel_idx').on(t.channelId, t.sentAt),
    index('business_initiated_sends_contact_idx').on(t.channelId, t.contactId, t.sentAt),
  ],
);
