import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './workspaces';

/**
 * Saved replies (canned responses) of a workspace: a shortcut agents type after "/", the body with its variables
 * (server/domain/saved-replies.ts) and the language it is written in, null for any. Supervisors and admins write them.
 */
export const savedReplies = pgTable(
  'saved_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    shortcut: text('shortcut').notNull(),
    body: text('body').notNull(),
    /** 'en' or 'ar' (SAVED_REPLY_LANGUAGES); null: offered whatever the interface's language. */
    language: text('language'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One reply per shortcut in a workspace, whatever the case: "/Thanks" and "/thanks" would be the same to type.
    uniqueIndex('saved_replies_workspace_shortcut_key').on(t.workspaceId, sql`lower(${t.shortcut})`),
    index('saved_replies_workspace_idx').on(t.workspaceId, t.shortcut),
  ],
);
