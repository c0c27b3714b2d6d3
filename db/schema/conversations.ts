import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CONVERSATION_EVENT_TYPES, CONVERSATION_STATUSES, MESSAGE_DIRECTIONS } from '@/server/domain/conversation';
import type { TReferral } from '@/server/domain/free-entry';
import type { TPreviewMedia } from '@/server/domain/media-rules';
import { channelTypeEnum, channels } from './channels';
import { contacts } from './contacts';
import { teams, users, workspaces } from './workspaces';

export const conversationStatusEnum = pgEnum('conversation_status', CONVERSATION_STATUSES);
export const messageDirectionEnum = pgEnum('message_direction', MESSAGE_DIRECTIONS);
export const conversationEventTypeEnum = pgEnum('conversation_event_type', CONVERSATION_EVENT_TYPES);

/**
 * One thread per contact per channel. Closing and reopening flip `status` on the same row, so history is never split.
 * The list shows only columns of this row (no joins to messages per row): last activity, preview, unread count,
 * and the window's closing time are kept up to date by the services that write messages.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** Copied from the channel: the window policy needs it for every row. */
    channelType: channelTypeEnum('channel_type').notNull(),
    status: conversationStatusEnum('status').notNull().default('open'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** Last activity of any kind shown in the list (message in or out). */
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the customer last wrote, as the provider reports it: the window runs from here. */
    lastInboundAt: timestamp('last_inbound_at', { withTimezone: true }),
    /** The oldest customer message not yet answered; null once an agent replied. Sorts "longest waiting". */
    waitingSince: timestamp('waiting_since', { withTimezone: true }),
    /** End of the free-form window (null on channels without one); sorts "window closing soonest". */
    windowClosesAt: timestamp('window_closes_at', { withTimezone: true }),
    /** End of the human-agent tag period (Messenger, Instagram); null elsewhere. */
    tagClosesAt: timestamp('tag_closes_at', { withTimezone: true }),
    /**
     * The closing-soon marker (server/domain/closing-alerts.ts): the window deadline last alerted and the smallest lead
     * time (minutes) alerted for it. The sweeper claims an alert by moving it in one UPDATE, so it fires once however
     * many instances sweep; a new customer message (a new deadline) re-arms it.
     */
    closingAlertDeadline: timestamp('closing_alert_deadline', { withTimezone: true }),
    closingAlertMinutes: integer('closing_alert_minutes'),
    /**
     * The free entry point (server/domain/free-entry.ts): the newest referral (the ad or post the customer wrote
     * from) and when its message was sent, set by ingest; when the business first answered it (in time or not) and
     * the end of the period that answer started, set by one guarded UPDATE when a reply reaches the provider
     * (server/services/messages/free-entry.ts).
     */
    referral: jsonb('referral').$type<TReferral>(),
    referralAt: timestamp('referral_at', { withTimezone: true }),
    referralAnsweredAt: timestamp('referral_answered_at', { withTimezone: true }),
    freeEntryUntil: timestamp('free_entry_until', { withTimezone: true }),
    previewText: text('preview_text'),
    previewDirection: messageDirectionEnum('preview_direction'),
    /**
     * When the last message is media: its kind and what the list says about it (voice, duration, file name), so the
     * browser writes "📷 Photo" or "🎤 Voice message · 0:42" in the reader's language. Null for text; preview_text
     * keeps the caption (or an English fallback for logs and exports).
     */
    previewMedia: jsonb('preview_media').$type<TPreviewMedia>(),
    unreadCount: integer('unread_count').notNull().default(0),
    /**
     * Bumped once by every transaction that announces a change of this row in realtime (server/realtime/announce.ts),
     * never by anything else: a browser applies a row only when it is newer than the one it holds, and a version it
     * did not hear about means it missed an event.
     */
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('conversations_channel_contact_key').on(t.channelId, t.contactId),
    index('conversations_contact_idx').on(t.contactId),
    // One index per list shape: (view, status) → newest first, id as the keyset tie-breaker.
    index('conversations_all_idx').on(t.workspaceId, t.status, t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_assignee_idx').on(t.workspaceId, t.assigneeId, t.status, t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_unassigned_idx')
      .on(t.workspaceId, t.status, t.lastMessageAt.desc(), t.id.desc())
      .where(sql`${t.assigneeId} is null`),
    index('conversations_team_idx').on(t.workspaceId, t.teamId, t.status, t.lastMessageAt.desc(), t.id.desc()),
    index('conversations_waiting_idx')
      .on(t.workspaceId, t.status, t.waitingSince, t.id)
      .where(sql`${t.waitingSince} is not null`),
    index('conversations_window_idx')
      .on(t.workspaceId, t.status, t.windowClosesAt, t.id)
      .where(sql`${t.windowClosesAt} is not null`),
    // The closing-soon sweep: a range on the window's end over waiting open conversations, across workspaces.
    index('conversations_closing_sweep_idx')
      .on(t.windowClosesAt, t.id)
      .where(sql`${t.status} = 'open' and ${t.waitingSince} is not null and ${t.windowClosesAt} is not null`),
    index('conversations_tag_window_idx')
      .on(t.workspaceId, t.status, t.tagClosesAt, t.id)
      .where(sql`${t.tagClosesAt} is not null`),
  ],
);

/**
 * The sidebar's open counts (Mine, Unassigned, All, each team), kept by statement triggers on `conversations`
 * (migrations 0004, 0008) as signed deltas per (workspace, assignee, team): a count is the sum of a handful of rows instead
 * of a pass over every open conversation. Writers only ever insert, so concurrent transactions never wait on a shared
 * counter row; readers fold the deltas back into one row per key when they pile up (compactOpenCounts).
 * No foreign keys: it is derived data, and rows of a deleted workspace or user net to zero and are folded away.
 */
export const conversationOpenCounts = pgTable(
  'conversation_open_counts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    assigneeId: uuid('assignee_id'),
    teamId: uuid('team_id'),
    delta: integer('delta').notNull(),
  },
  (t) => [index('conversation_open_counts_workspace_idx').on(t.workspaceId)],
);

/** The audit trail of a conversation's lifecycle: who opened, closed, assigned, when. */
export const conversationEvents = pgTable(
  'conversation_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    type: conversationEventTypeEnum('type').notNull(),
    /** Null when the system or the customer caused it (e.g. an inbound message reopening a thread). */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    /** Closing note { category, text } and similar details. */
    details: jsonb('details'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('conversation_events_conversation_idx').on(t.conversationId, t.id)],
);
