import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { AUTO_CLOSE_HOURS_MAX, AUTO_CLOSE_HOURS_MIN, CLOSING_NOTE_MODES } from '@/server/domain/workspace-settings';
import { CLOSING_ALERT_MINUTES_DEFAULT, CLOSING_ALERT_MINUTES_MAX, CLOSING_ALERT_MINUTES_MIN, CLOSING_ALERTS_MAX } from '@/server/domain/closing-alerts';
import { ROLES } from '@/server/domain/permissions';
import { LOCALES } from '@/server/domain/locales';

export const roleEnum = pgEnum('role', ROLES);
export const localeEnum = pgEnum('locale', LOCALES);
export const closingNoteEnum = pgEnum('closing_note_mode', CLOSING_NOTE_MODES);

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const workspaceSettings = pgTable(
  'workspace_settings',
  {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  unassignOnClose: boolean('unassign_on_close').notNull().default(false),
  agentsSeeAll: boolean('agents_see_all').notNull().default(true),
  /** ISO 3166 alpha-2; local phone numbers typed in search or imports are read in this country. */
  defaultCountry: text('default_country').notNull().default('SA'),
  /** In Arabic, show numbers with Arabic-Indic digits (٠١٢) instead of Latin ones. */
  arabicIndicDigits: boolean('arabic_indic_digits').notNull().default(false),
  closingCategories: text('closing_categories').array().notNull().default([]),
  /** Whether closing asks for a note: not at all (the form is hidden), optionally, or always (the server refuses a close without one). */
  closingNote: closingNoteEnum('closing_note').notNull().default('optional'),
  /** IANA zone the browsers show times in; null: each browser's own. */
  timeZone: text('time_zone'),
  /** Open conversations idle this long are closed by the sweeper; null: never. */
  autoCloseHours: integer('auto_close_hours'),
  /** Minutes before a waiting customer's window closes at which the closing-soon sweeper alerts (largest first). */
  closingAlertMinutes: integer('closing_alert_minutes').array().notNull().default([...CLOSING_ALERT_MINUTES_DEFAULT]),
  /** Bumped by every settings change: an update names the version it read, so a stale form gets a conflict. */
  version: integer('version').notNull().default(1),
  },
  (t) => [
    check('workspace_settings_auto_close_hours_check', sql`${t.autoCloseHours} between ${sql.raw(String(AUTO_CLOSE_HOURS_MIN))} and ${sql.raw(String(AUTO_CLOSE_HOURS_MAX))}`),
    check(
      'workspace_settings_closing_alert_minutes_check',
      sql`cardinality(${t.closingAlertMinutes}) between 1 and ${sql.raw(String(CLOSING_ALERTS_MAX))} and ${sql.raw(String(CLOSING_ALERT_MINUTES_MIN))} <= all(${t.closingAlertMinutes}) and ${sql.raw(String(CLOSING_ALERT_MINUTES_MAX))} >= all(${t.closingAlertMinutes})`,
    ),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Always stored lower-cased, so the unique index is case-insensitive. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    locale: localeEnum('locale'),
    /**
     * Carried in every session token and compared on each request and socket handshake; bumping it (sign-out,
     * revokeSessions) ends every session the user has, on every instance, at once.
     */
    sessionVersion: integer('session_version').notNull().default(1),
    /**
     * What the user wants to be told of (server/domain/notification-prefs.ts). Only the choices they made are stored:
     * a missing key reads as its default, so a later default reaches everyone who never chose.
     */
    notificationPrefs: jsonb('notification_prefs').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set when an admin deactivates the member: they can no longer act in, sign in to or be assigned work in this
     * workspace (their other workspaces are untouched). Kept rather than deleted, so their history stays theirs and
     * reactivating gives the same membership back.
     */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** An archived team keeps its conversations and history but is offered for routing and views no more. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  // Unique among the workspace's active teams, whatever the case: an archived name may be used again.
  (t) => [uniqueIndex('teams_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`).where(sql`${t.archivedAt} is null`)],
);

export const teamMembers = pgTable(
  'team_members',
  {
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId] }), index('team_members_user_idx').on(t.workspaceId, t.userId)],
);
