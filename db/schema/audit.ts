import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users, workspaces } from './workspaces';

/**
 * What admins did to the workspace (connected a number, invited someone, changed a role or a setting), one row per
 * act, written in the same transaction as the act: an act that rolls back leaves no trace, one that commits always
 * does. Kept in PostgreSQL, read newest first by Settings → Audit log.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Who did it (at first-run set-up, the new admin); null for the system (user:create, a job). */
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** One of AUDIT_ACTIONS (server/domain/audit.ts), e.g. `channel.connected`. */
    action: text('action').notNull(),
    /** What it was done to: `channel`, `user`, `team`, `invite`, `workspace`, and its id. */
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    /** What changed, as { field: [before, after] } or the act's own facts; never a secret. */
    data: jsonb('data').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_workspace_idx').on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index('audit_events_workspace_action_idx').on(t.workspaceId, t.action, t.createdAt.desc(), t.id.desc()),
  ],
);
