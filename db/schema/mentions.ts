import { bigint, index, primaryKey, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { conversations } from './conversations';
import { messages } from './messages';
import { users, workspaces } from './workspaces';

/**
 * Who was mentioned where: one row per (user, conversation), moved to the newest note that mentioned them. It is the
 * persisted half of a mention's notification (the realtime toast is the other): the "Mentions" view lists these
 * rows newest first, and `read_at` marks those the person has not opened since (null: unread).
 */
export const conversationMentions = pgTable(
  'conversation_mentions',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** The newest note that mentioned them here. */
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    mentionedAt: timestamp('mentioned_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.conversationId] }),
    // The Mentions view's keyset (newest mention first) and its unread count, per person and workspace.
    index('conversation_mentions_view_idx').on(t.workspaceId, t.userId, t.mentionedAt.desc(), t.conversationId.desc()),
  ],
);
