import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { TRates } from '@/server/domain/rate-card';
import { workspaces } from './workspaces';

/**
 * A workspace's own template rates (Settings → Workspace → Template rates): only the cells an admin filled in, laid
 * over the default card of server/domain/rate-card.ts when the currency is the card's. No row: the default card.
 */
export const workspaceRateCards = pgTable('workspace_rate_cards', {
  workspaceId: uuid('workspace_id')
    .primaryKey()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  currency: text('currency').notNull(),
  rates: jsonb('rates').$type<TRates>().notNull().default({}),
  /** Bumped by every save: a save names the version it read, so a stale form gets a conflict. */
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
