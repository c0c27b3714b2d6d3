import { eq, sql } from 'drizzle-orm';
import { buffer } from 'node:stream/consumers';
import type { TDbOrTx } from '@/db/client';
import { messageMedia } from '@/db/schema';
import type { TChannelAdapter, TOutboundFile, TOutboundMessage, TSendResult } from '@/server/channels/adapter';
import { logger } from '@/server/logger';
import { mediaStorage } from '@/server/services/media/storage-select';
import { isStorageError } from '@/server/services/media/storage';

/** The failure codes of a file that cannot go out (catalogs: deliveryErrors). */
export const MEDIA_FILE_MISSING = 'MEDIA_FILE_MISSING';
export const MEDIA_STORAGE_FAILED = 'MEDIA_STORAGE_FAILED';

/** The file a message carries that the provider does not have yet (a media message's, a template header's). */
function fileOf(message: TOutboundMessage): TOutboundFile | null {
  const content = message.content;
  if (content.kind === 'media') return content.file;
  if (content.kind === 'template' && content.headerMedia && 'file' in content.headerMedia) return content.headerMedia.file;
  return null;
}

/**
 * Before a message that names a file goes out: the file is uploaded to the provider once, and the id it returns is
 * committed on the message's media row at once, so a send retried after a failure (or a crash) names that id
 * instead of uploading again. Returns null when the message is ready (its file now carries the id), or the failure
 * to treat as the attempt's outcome: a file gone from storage fails the message (permanent); storage that does not
 * answer, or an upload that failed transiently, is retried like a failed send. An upload's failure never leaves the
 * outcome unknown: nothing reaches the customer until a message names the id.
 */
export async function uploadPendingMedia(db: TDbOrTx, message: TOutboundMessage, adapter: TChannelAdapter): Promise<TSendResult | null> {
  const file = fileOf(message);

  if (message.content.kind === 'media' && !file?.storageKey && !file?.providerMediaId) {
    return { ok: false, retry: 'permanent', code: MEDIA_FILE_MISSING };
  }
  if (!file || file.providerMediaId || !adapter.uploadMedia) return null;
  let bytes: Buffer;
  try {
    const stored = await mediaStorage().get(file.storageKey!);
    bytes = await buffer(stored.body);
  } catch (error) {
    if (isStorageError(error) && error.failure === 'not_found') return { ok: false, retry: 'permanent', code: MEDIA_FILE_MISSING };
    logger.warn({ err: error, messageId: message.messageId }, 'media storage failed while sending');
    return { ok: false, retry: 'transient', code: MEDIA_STORAGE_FAILED };
  }
  const uploaded = await adapter.uploadMedia(message.channel, { bytes, mime: file.mime, fileName: file.fileName });
  await db
    .update(messageMedia)
    .set({
      attempts: sql`${messageMedia.attempts} + 1`,
      updatedAt: sql`now()`,
      ...(uploaded.ok ? { providerMediaId: uploaded.providerMediaId, providerUploadedAt: sql`now()` } : {}),
    })
    .where(eq(messageMedia.messageId, message.messageId));
  if (!uploaded.ok) return { ...uploaded, outcomeUnknown: false };
  file.providerMediaId = uploaded.providerMediaId;
  return null;
}
