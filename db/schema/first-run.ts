import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * One-time setup codes of a fresh install (server/services/workspaces/first-run.ts): every app instance that starts
 * while the database has no user prints a code of its own and stores only its SHA-256 here, so a code printed by any
 * instance verifies on every instance. Completing the set-up (or creating the first user by script) deletes them all.
 */
export const setupCodes = pgTable('setup_codes', {
  codeHash: text('code_hash').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
