import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgEnum, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { MEDIA_STATES, MEDIA_UNAVAILABLE_REASONS } from '@/server/domain/media-rules';
import { messages } from './messages';
import { workspaces } from './workspaces';

export const mediaStateEnum = pgEnum('media_state', MEDIA_STATES);
export const mediaUnavailableReasonEnum = pgEnum('media_unavailable_reason', MEDIA_UNAVAILABLE_REASONS);

/**
 * The file of a media message (image, video, audio, document, sticker), one row per message, keyed by its id: the
 * timeline and list read it with one left join. Inbound rows start `pending` with Meta's media id and what the webhook
 * announced; the download job fills in what it measured and the storage key, or marks it `unavailable` with a reason.
 * Outbound rows start from the uploaded file (stored) and get the provider media id once uploaded to Meta.
 * Locations and contacts have no file: their data stays in messages.payload.
 */
export const messageMedia = pgTable(
  'message_media',
  {
    messageId: bigint('message_id', { mode: 'number' })
      .primaryKey()
      .references(() => messages.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Meta's media id: from the webhook (inbound, valid 7 days) or from our upload (outbound, valid 30 days). */
    providerMediaId: text('provider_media_id'),
    /** When the outbound upload to Meta returned that id (null for inbound and before upload). */
    providerUploadedAt: timestamp('provider_uploaded_at', { withTimezone: true }),
    /** The canonical type once sniffed (server/domain/media-rules.ts); until then what Meta declared. */
    mimeType: text('mime_type'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    /** As Meta gives it (base64 of the digest) for inbound; ours (hex) once stored. */
    sha256: text('sha256'),
    fileName: text('file_name'),
    width: integer('width'),
    height: integer('height'),
    durationSeconds: real('duration_seconds'),
    /** An audio recorded as a voice note (WhatsApp's `voice: true`). */
    voice: boolean('voice').notNull().default(false),
    /** An animated sticker. */
    animated: boolean('animated').notNull().default(false),
    /** Where the bytes are in the storage (server/services/media/storage.ts); null until stored. */
    storageKey: text('storage_key'),
    state: mediaStateEnum('state').notNull().default('pending'),
    unavailableReason: mediaUnavailableReasonEnum('unavailable_reason'),
    /** Download (or upload) attempts so far, for the retry policy and the logs. */
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('message_media_workspace_idx').on(t.workspaceId),
    // The sweeper's look for downloads a lost job left behind.
    index('message_media_pending_idx').on(t.createdAt).where(sql`${t.state} = 'pending'`),
  ],
);

