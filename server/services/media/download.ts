import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { TDb } from '@/db/client';
import { channels, conversations, messageMedia, messages } from '@/db/schema';
import { openWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { downloadMediaBytes, lookupMedia } from '@/server/channels/whatsapp/graph-media';
import { isMediaFileKind, maxBytesOf, shaMatches, type TMediaUnavailableReason } from '@/server/domain/media-rules';
import { logger } from '@/server/logger';
import { notify } from '@/server/realtime/notify';
import { probeMedia } from './probe';
import { MEDIA_DOWNLOAD_ATTEMPTS } from './queue';
import { isStorageError } from './storage';
import { mediaStorage } from './storage-select';

export type TDownloadOutcome =
  | { outcome: 'stored'; key: string }
  | { outcome: 'unavailable'; reason: TMediaUnavailableReason }
  /** Nothing to do: already stored or unavailable, or no such message. */
  | { outcome: 'settled' }
  /** A transient failure with attempts left: the job is tried again later (pg-boss's backoff). */
  | { outcome: 'retry'; detail: string };

/** Thrown by the job so pg-boss retries it with backoff; carries no secret (the Graph failure code only). */
export class MediaRetryLater extends Error {}

/**
 * Fetches an inbound message's file from Meta into our storage: `GET /{media-id}` → URL → authenticated download
 * (through the number's Graph base, so the local fake serves it), then the checks, in order: size (before reading it
 * all), the sha256 Meta announced, the content sniffed and judged by the media rules, and the storage. Transient
 * failures (no answer, 5xx, an expired download URL, storage unreachable) are retried until MEDIA_DOWNLOAD_ATTEMPTS;
 * the rest, and the last attempt, mark it unavailable with the reason the timeline shows. Open timelines hear of it.
 */
export async function downloadMedia(db: TDb, messageId: number): Promise<TDownloadOutcome> {
  const [row] = await db
    .update(messageMedia)
    .set({ attempts: sql`${messageMedia.attempts} + 1`, updatedAt: new Date() })
    .where(and(eq(messageMedia.messageId, messageId), eq(messageMedia.state, 'pending')))
    .returning();
  if (!row) return { outcome: 'settled' };
  const [message] = await db
    .select({ kind: messages.kind, conversationId: messages.conversationId, config: channels.config, type: channels.type })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(eq(messages.id, messageId));
  const config = message?.type === 'whatsapp' ? openWhatsAppConfig(message.config) : null;
  if (!message || !config || !row.providerMediaId || !isMediaFileKind(message.kind)) return settle(db, messageId, 'expired');
  const kind = message.kind;

  const transient = (detail: string, reason: TMediaUnavailableReason = 'download_failed'): Promise<TDownloadOutcome> =>
    row.attempts >= MEDIA_DOWNLOAD_ATTEMPTS ? settle(db, messageId, reason) : Promise.resolve({ outcome: 'retry', detail });

  const info = await lookupMedia(config, row.providerMediaId);
  if (!info.ok) return info.failure === 'transient' ? transient(info.detail) : settle(db, messageId, info.failure);
  // The largest this kind may be (an animated sticker's is larger; the sniffed flag decides once the bytes are in).
  const cap = maxBytesOf(kind, kind === 'sticker');
  if (info.fileSize !== null && info.fileSize > cap) return settle(db, messageId, 'too_large');
  const download = await downloadMediaBytes(config, info.url, cap);
  if (!download.ok) return download.failure === 'transient' ? transient(download.detail) : settle(db, messageId, download.failure);
  const bytes = download.bytes;

  const digest = createHash('sha256').update(bytes).digest();
  if (!shaMatches(row.sha256 ?? info.sha256, digest)) return settle(db, messageId, 'sha_mismatch');
  const probed = await probeMedia(bytes, { kind, fileName: row.fileName, animated: row.animated });
  if (!probed.verdict.ok) return settle(db, messageId, probed.verdict.reason);

  let key: string;
  try {
    ({ key } = await mediaStorage().put({ workspaceId: row.workspaceId, body: bytes, contentType: probed.verdict.mime }));
  } catch (error) {
    if (!isStorageError(error)) throw error;
    logger.warn({ messageId, failure: error.failure }, 'media storage failed');
    return error.failure === 'full' ? settle(db, messageId, 'storage_failed') : transient(`storage ${error.failure}`, 'storage_failed');
  }
  const stored = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(messageMedia)
      .set({
        state: 'stored',
        storageKey: key,
        mimeType: probed.verdict.ok ? probed.verdict.mime : row.mimeType,
        sizeBytes: bytes.length,
        sha256: digest.toString('hex'),
        width: probed.width,
        height: probed.height,
        durationSeconds: probed.durationSeconds,
        animated: probed.animated || row.animated,
        unavailableReason: null,
        updatedAt: new Date(),
      })
      .where(and(eq(messageMedia.messageId, messageId), eq(messageMedia.state, 'pending')))
      .returning({ messageId: messageMedia.messageId });
    if (!updated) return false;
    if (probed.durationSeconds !== null) await previewDuration(tx, message.conversationId, messageId, probed.durationSeconds);
    await announceChange(tx, message.conversationId, messageId, probed.durationSeconds !== null);
    return true;
  });
  if (!stored) {
    // Another run settled it first: this copy is nobody's.
    await mediaStorage()
      .delete(key)
      .catch(() => undefined);
    return { outcome: 'settled' };
  }
  return { outcome: 'stored', key };
}

/** Marks the file unavailable with its reason (only while pending: a stored file is never taken back). */
async function settle(db: TDb, messageId: number, reason: TMediaUnavailableReason): Promise<TDownloadOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(messageMedia)
      .set({ state: 'unavailable', unavailableReason: reason, updatedAt: new Date() })
      .where(and(eq(messageMedia.messageId, messageId), eq(messageMedia.state, 'pending')))
      .returning({ messageId: messageMedia.messageId });
    if (!row) return { outcome: 'settled' as const };
    const [message] = await tx.select({ conversationId: messages.conversationId }).from(messages).where(eq(messages.id, messageId));
    if (message) await announceChange(tx, message.conversationId, messageId, false);
    return { outcome: 'unavailable' as const, reason };
  });
}

type TTx = Parameters<Parameters<TDb['transaction']>[0]>[0];

/** A voice note or video that is still the conversation's last message: the list says how long it is. */
async function previewDuration(tx: TTx, conversationId: string, messageId: number, seconds: number): Promise<void> {
  await tx.execute(sql`
    update ${conversations} c set preview_media = c.preview_media || jsonb_build_object('durationSeconds', ${seconds}::real)
    where c.id = ${conversationId} and c.preview_media is not null and c.preview_media->>'kind' in ('audio', 'video')
      and not exists (select 1 from ${messages} m where m.conversation_id = c.id and m.id > ${messageId} and m.direction in ('in', 'out'))`);
}

async function announceChange(tx: TTx, conversationId: string, messageId: number, listChanged: boolean): Promise<void> {
  const [conversation] = await tx
    .select({ workspaceId: conversations.workspaceId, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(eq(conversations.id, conversationId));
  if (!conversation) return;
  const ref = { workspaceId: conversation.workspaceId, conversationId, assigneeId: conversation.assigneeId, actorId: null };
  await notify(tx, { type: 'message.changed', messageId, ...ref });
  if (listChanged) await notify(tx, { type: 'conversation.changed', ...ref });
}
