import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from './workspaces';

/**
 * Meta's `account_alerts` webhooks (a limit increase deferred, denied or needing more information; Official Business
 * Account decisions; a lost profile photo), kept so the numbers page can show them with their date. Values stay as
 * Meta sends them; the page translates the known ones.
 */
export const accountAlerts = pgTable(
  'account_alerts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The webhook entry's id (the WhatsApp Business Account). */
    wabaId: text('waba_id'),
    /** BUSINESS (the portfolio) | PHONE_NUMBER | ...; entity_id names it. */
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    alertType: text('alert_type').notNull(),
    /** CRITICAL | WARNING | INFORMATIONAL */
    severity: text('severity'),
    /** ACTIVE | NONE */
    status: text('status'),
    /** Meta's own description (English), shown only for a type we have no sentence for. */
    description: text('description'),
    /** Which webhook told us: `account_alerts`, or `account_update` (restrictions, bans, partner changes...). */
    source: text('source').notNull().default('account_alerts'),
    /** account_update: what its sentence names (restriction types, the violation, a ban date), Meta's values verbatim. */
    details: jsonb('details').$type<Record<string, string | string[]>>(),
    /** account_update: when a restriction lifts, when Meta says. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** When Meta raised it (the entry's time), else when it arrived. */
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A redelivered webhook is the same alert: stored once.
    uniqueIndex('account_alerts_once_key').on(t.workspaceId, t.entityId, t.alertType, t.occurredAt),
    index('account_alerts_workspace_idx').on(t.workspaceId, t.occurredAt.desc()),
  ],
);
