import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgEnum, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { DELIVERY_ATTEMPT_STATES } from '@/server/domain/delivery-status';
import { channels } from './channels';
import { messages } from './messages';
import { workspaces } from './workspaces';

/**
 * calling: recorded (committed) before the provider is called; accepted / failed: the provider answered;
 * throttled: a rate limit (130429, 131056) answered, not counted against the message's attempts;
 * unknown: nobody knows whether the provider accepted it (a timeout, a dropped connection, or a worker that died
 * mid-call): reconciled by waiting for a status webhook carrying our opaque data before any resend;
 * lost: an unknown attempt for which no evidence came within the grace period (it counts as a failed attempt).
 */
export const deliveryAttemptStateEnum = pgEnum('delivery_attempt_state', DELIVERY_ATTEMPT_STATES);

/** Every call made (or about to be made) to a provider for one outbound message. */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    messageId: bigint('message_id', { mode: 'number' })
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    /** The worker process that made it (its lease is a session advisory lock); null for calls made outside a worker. */
    workerId: integer('worker_id'),
    state: deliveryAttemptStateEnum('state').notNull().default('calling'),
    errorCode: text('error_code'),
    errorReason: text('error_reason'),
    providerMessageId: text('provider_message_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('delivery_attempts_message_idx').on(t.messageId, t.id),
    // At most one attempt per message whose outcome is still open: two workers can never call for one message.
    uniqueIndex('delivery_attempts_open_key')
      .on(t.messageId)
      .where(sql`${t.state} in ('calling', 'unknown')`),
    index('delivery_attempts_calling_idx')
      .on(t.workerId)
      .where(sql`${t.state} = 'calling'`),
  ],
);

/**
 * The send jobs a worker process holds right now, written in the transaction that fetched them. A worker that dies
 * leaves its claims behind; the sweeper sees its lease gone and hands the jobs out again within seconds, instead
 * of waiting for the queue's expiry.
 */
export const sendClaims = pgTable(
  'send_claims',
  {
    jobId: uuid('job_id').primaryKey(),
    /** Null only for jobs enqueued before jobs carried it. */
    workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    messageId: bigint('message_id', { mode: 'number' }).notNull(),
    channelId: uuid('channel_id'),
    workerId: integer('worker_id').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('send_claims_worker_idx').on(t.workerId)],
);

/** One number per worker process start: the key of the session advisory lock that is its lease. */
export const deliveryWorkerSeq = pgSequence('delivery_worker_seq', { maxValue: 2147483647, cycle: true });

/**
 * The circuit breaker of one number, shared by every worker process. `open` pauses its sends until `openUntil`;
 * then one probe (leased until `probeUntil`) decides. `throttledUntil` is Meta's throughput limit (130429).
 */
export const channelBreakers = pgTable('channel_breakers', {
  channelId: uuid('channel_id')
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  state: text('state', { enum: ['closed', 'open'] })
    .notNull()
    .default('closed'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  /** How many times in a row it opened without a successful send: the pause doubles with each. */
  openings: integer('openings').notNull().default(0),
  openedAt: timestamp('opened_at', { withTimezone: true }),
  openUntil: timestamp('open_until', { withTimezone: true }),
  probeUntil: timestamp('probe_until', { withTimezone: true }),
  throttles: integer('throttles').notNull().default(0),
  throttledUntil: timestamp('throttled_until', { withTimezone: true }),
  lastErrorCode: text('last_error_code'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
