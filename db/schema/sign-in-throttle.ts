import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Sign-in attempts per submitted email and failures per client address, in fixed windows (server/auth/sign-in-throttle.ts).
 * In PostgreSQL so every app instance counts against the same budget. Keys are SHA-256 digests, so the table never
 * collects the addresses people typed (nor a password typed into the email field).
 */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [index('sign_in_throttle_window_idx').on(t.windowStartedAt)],
);
