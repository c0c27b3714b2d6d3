import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CHANNEL_STATUSES, CHANNEL_TYPES } from '@/server/domain/channel-types';
import type { TFailureData } from '@/server/domain/delivery-status';
import { TEMPLATE_CATEGORIES, TEMPLATE_PARAMETER_FORMATS } from '@/server/domain/templates';
import { teams, workspaces } from './workspaces';

export const channelTypeEnum = pgEnum('channel_type', CHANNEL_TYPES);
export const channelStatusEnum = pgEnum('channel_status', CHANNEL_STATUSES);
export const templateCategoryEnum = pgEnum('template_category', TEMPLATE_CATEGORIES);
export const templateParameterFormatEnum = pgEnum('template_parameter_format', TEMPLATE_PARAMETER_FORMATS);

export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    type: channelTypeEnum('type').notNull(),
    name: text('name').notNull(),
    /** The provider's id for this account (WhatsApp phone_number_id, Page id, bot id...): inbound events route by it. */
    externalId: text('external_id').notNull(),
    /** Per-type settings and credentials, validated by the type's zod schema in server/channels/config.ts. */
    config: jsonb('config').notNull().default({}),
    status: channelStatusEnum('status').notNull().default('active'),
    /** Why it needs attention, in English (logs, operators); the interface says it from the code and data below. */
    statusReason: text('status_reason'),
    /** The provider's failure that flagged it (its code in the delivery-error table, and what came with it). */
    statusCode: text('status_code'),
    statusData: jsonb('status_data').$type<TFailureData>(),
    /** New conversations on this channel start in this team (a team of the same workspace: checked where it is set). */
    defaultTeamId: uuid('default_team_id').references(() => teams.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('channels_type_external_key').on(t.type, t.externalId), index('channels_workspace_idx').on(t.workspaceId)],
);

export const templates = pgTable(
  'templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    providerTemplateId: text('provider_template_id'),
    name: text('name').notNull(),
    language: text('language').notNull(),
    category: templateCategoryEnum('category').notNull(),
    /** Meta's status verbatim (APPROVED, PENDING, REJECTED, PAUSED, ...); only APPROVED may be sent. */
    status: text('status').notNull(),
    parameterFormat: templateParameterFormatEnum('parameter_format').notNull(),
    /** Meta's component list verbatim (HEADER, BODY, FOOTER, BUTTONS). */
    components: jsonb('components').notNull(),
    quality: text('quality'),
    rejectedReason: text('rejected_reason'),
    syncedAt: timestamp('synced_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('templates_channel_name_language_key').on(t.channelId, t.name, t.language),
    // Settings → Templates pages through a workspace's templates in this order (keyset on name, language, id).
    index('templates_workspace_list_idx').on(t.workspaceId, t.name, t.language, t.id),
    index('templates_approved_idx')
      .on(t.channelId, t.name)
      .where(sql`${t.status} = 'APPROVED'`),
  ],
);

/** The current health of one WhatsApp number, as Meta last reported it. */
export const numberHealth = pgTable('number_health', {
  channelId: uuid('channel_id')
    .primaryKey()
    .references(() => channels.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  displayPhoneNumber: text('display_phone_number').notNull(),
  verifiedName: text('verified_name'),
  /** GREEN | YELLOW | RED | UNKNOWN (Meta's NA folds into UNKNOWN). */
  qualityRating: text('quality_rating').notNull().default('UNKNOWN'),
  /** CONNECTED | FLAGGED | RESTRICTED | ... verbatim. */
  status: text('status').notNull().default('CONNECTED'),
  nameStatus: text('name_status'),
  /**
   * Tier of the current ladder (server/domain/messaging-tiers): TIER_250, TIER_2K, TIER_10K, TIER_100K, TIER_UNLIMITED;
   * the portfolio's when portfolioId is set (all its numbers hold the same). Rows from before may hold TIER_1K.
   */
  messagingLimitTier: text('messaging_limit_tier'),
  /** Unique customers per rolling 24 h; null means unlimited. */
  messagingLimit: integer('messaging_limit'),
  /** Set when the limit is shared by a business portfolio rather than held by this number. */
  portfolioId: text('portfolio_id'),
  throughputLevel: text('throughput_level'),
  /** Meta's raw values, translated on the numbers page: VERIFIED | NOT_VERIFIED | EXPIRED ...; LIVE | SANDBOX. */
  codeVerificationStatus: text('code_verification_status'),
  accountMode: text('account_mode'),
  lastSyncedAt: timestamp('last_synced_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const numberHealthHistory = pgTable(
  'number_health_history',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** sync | webhook | seed */
    source: text('source').notNull(),
    /** The webhook's event name (DOWNGRADE, THROUGHPUT_UPGRADE, ...) when there was one. */
    event: text('event'),
    /** { field: [old, new] } for every field that changed. */
    changes: jsonb('changes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('number_health_history_channel_idx').on(t.channelId, t.createdAt.desc())],
);
