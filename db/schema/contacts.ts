import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { channels } from './channels';
import { workspaces } from './workspaces';

export const contacts = pgTable(
  'contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    firstName: text('first_name'),
    lastName: text('last_name'),
    email: text('email'),
    /** E.164 with the leading +. */
    phone: text('phone'),
    tags: text('tags').array().notNull().default([]),
    /** Free-form fields (company, order number...) that template variables can be pre-filled from. */
    fields: jsonb('fields').notNull().default({}),
    /** What agents note about the customer (the contact panel); not shown to the customer. */
    notes: text('notes'),
    /**
     * Bumped by every edit of the contact panel's fields (and by a number change from WhatsApp): the panel saves over
     * the version it read, so a stale form gets CONFLICT instead of silently overwriting someone else's edit.
     */
    version: integer('version').notNull().default(1),
    /** When the customer asked for no more marketing messages (WhatsApp user_preferences "stop"); null: they get them. */
    marketingOptOutAt: timestamp('marketing_opt_out_at', { withTimezone: true }),
    /** When their latest marketing preference was given: an older stop or resume arriving late changes nothing. */
    marketingPreferenceAt: timestamp('marketing_preference_at', { withTimezone: true }),
    /**
     * Set when WhatsApp answered 131026 (undeliverable: not on WhatsApp, an old app, terms not accepted) for a message
     * to this customer; cleared when they write again. The code says why, for the conversation's notice.
     */
    whatsappUnreachableAt: timestamp('whatsapp_unreachable_at', { withTimezone: true }),
    whatsappUnreachableCode: text('whatsapp_unreachable_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Name and email as search compares them (nafidha_normalize: Arabic letter forms, diacritics, case), kept by
     * PostgreSQL. Stored, not recomputed: the inbox search tests it on every conversation it walks by recency, and
     * normalising on the fly costs ~10 µs a row (filters.ts, search-plan.ts).
     */
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(
        sql`nafidha_normalize(coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(email, ''))`,
      ),
  },
  (t) => [
    index('contacts_workspace_phone_idx').on(t.workspaceId, t.phone),
    index('contacts_tags_idx').using('gin', t.tags),
    // Search: conversations/filters.ts queries exactly these expressions, so the planner uses these indexes.
    index('contacts_search_text_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('contacts_phone_digits_idx').using('gin', sql`nafidha_phone_digits(${t.phone}) gin_trgm_ops`),
  ],
);

/** How one contact is known on one channel: wa_id / BSUID on WhatsApp, PSID on Messenger, chat id on Telegram... */
export const contactIdentities = pgTable(
  'contact_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    /** The provider's address for the customer (wa_id, PSID...); may be empty for a WhatsApp user known only by BSUID. */
    externalId: text('external_id'),
    /** WhatsApp business-scoped user id (2026); preferred key when present. */
    bsuid: text('bsuid'),
    profileName: text('profile_name'),
    /** The WhatsApp username (2026, `contacts[].profile.username`), without the @; searchable from the inbox. */
    username: text('username'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contact_identities_channel_external_key')
      .on(t.channelId, t.externalId)
      .where(sql`${t.externalId} is not null`),
    uniqueIndex('contact_identities_channel_bsuid_key')
      .on(t.channelId, t.bsuid)
      .where(sql`${t.bsuid} is not null`),
    index('contact_identities_contact_idx').on(t.contactId),
    // The inbox search's username lookup (filters.ts): a prefix of the lower-cased handle, within one workspace.
    index('contact_identities_username_idx')
      .on(t.workspaceId, sql`lower(${t.username}) text_pattern_ops`)
      .where(sql`${t.username} is not null`),
  ],
);
