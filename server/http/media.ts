import type { IncomingMessage, ServerResponse } from 'node:http';
import { and, eq } from 'drizzle-orm';
import type { TDb } from '@/db/client';
import { conversations, messageMedia, messages } from '@/db/schema';
import { requestActor } from '@/server/auth/request-actor';
import { isMediaFileKind, servedInline } from '@/server/domain/media-rules';
import { logger } from '@/server/logger';
import { visibleConversations } from '@/server/services/conversations/visibility';
import { isStorageError, type TByteRange } from '@/server/services/media/storage';
import { mediaStorage } from '@/server/services/media/storage-select';
import { clipText } from '@/server/domain/well-formed-text';

export const MEDIA_PREFIX = '/api/media/';

/** `/api/media/<message id>`: the URL the timeline puts in img, audio, video and download links. */
export const mediaUrl = (messageId: number) => `${MEDIA_PREFIX}${messageId}`;

/**
 * A message's stored file, only through the app: behind the session (none: 401) and the conversation visibility of
 * the caller's workspace (another workspace's message, or one a restricted agent may not see: 404, as if it did not
 * exist). Ranges for the players (206, Accept-Ranges), documents always as attachments, never sniffed, never inline
 * unless the media rules allow the type (HTML and SVG never are), cached privately. Served by the custom server
 * like the webhooks: a byte stream needs none of Next's machinery.
 */
export async function mediaHttp(db: TDb, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const fail = (status: number, body: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, {
      'content-type': 'text/plain; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      ...extra,
    });
    res.end(body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'method not allowed', { allow: 'GET, HEAD' });
  const id = /^\/api\/media\/(\d{1,15})$/.exec(new URL(req.url ?? '/', 'http://localhost').pathname)?.[1];
  const resolved = await requestActor(db, req.headers.cookie);
  if (resolved.status === 'signed-out' || resolved.status === 'revoked') return fail(401, 'sign in first');
  if (resolved.status !== 'ok' || !id) return fail(404, 'not found');
  const { workspace, userId } = resolved.actor;
  const [file] = await db
    .select({
      kind: messages.kind,
      storageKey: messageMedia.storageKey,
      mimeType: messageMedia.mimeType,
      fileName: messageMedia.fileName,
    })
    .from(messageMedia)
    .innerJoin(messages, eq(messages.id, messageMedia.messageId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messageMedia.messageId, Number(id)), eq(messageMedia.state, 'stored'), visibleConversations(workspace, userId)));
  if (!file?.storageKey || !isMediaFileKind(file.kind)) return fail(404, 'not found');

  try {
    const storage = mediaStorage();
    const stat = await storage.stat(file.storageKey);
    if (!stat) return fail(404, 'not found');
    const range = parseRange(req.headers.range, stat.size);
    if (range === 'unsatisfiable') return fail(416, 'range not satisfiable', { 'content-range': `bytes */${stat.size}` });
    const mime = file.mimeType ?? 'application/octet-stream';
    const inline = servedInline(file.kind, mime);
    const headers: Record<string, string> = {
      'content-type': inline ? mime : safeAttachmentType(mime),
      'content-disposition': `${inline ? 'inline' : 'attachment'}; ${dispositionName(file.fileName ?? `${file.kind}-${id}`)}`,
      'x-content-type-options': 'nosniff',
      // Even a file opened on its own runs nothing.
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=86400',
      'accept-ranges': 'bytes',
    };
    if (range) {
      headers['content-range'] = `bytes ${range.start}-${range.end}/${stat.size}`;
      headers['content-length'] = String(range.end - range.start + 1);
    } else headers['content-length'] = String(stat.size);
    res.writeHead(range ? 206 : 200, headers);
    if (req.method === 'HEAD' || stat.size === 0) return void res.end();
    const { body } = await storage.get(file.storageKey, range ?? undefined);
    body.on('error', () => res.destroy());
    body.pipe(res);
  } catch (error) {
    if (!isStorageError(error)) throw error;
    logger.warn({ failure: error.failure, messageId: id }, 'media could not be read from storage');
    if (!res.headersSent)
      fail(error.failure === 'not_found' ? 404 : 503, error.failure === 'not_found' ? 'not found' : 'storage unavailable');
    else res.destroy();
  }
}

/** One byte range of `bytes=a-b`, `bytes=a-` or `bytes=-n`; several ranges or nonsense: the whole file (RFC 9110 allows it). */
export function parseRange(header: string | undefined, size: number): TByteRange | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** A type a browser will never render as a page, should it ignore the attachment disposition. */
const safeAttachmentType = (mime: string) => (/html|xml|svg|javascript/i.test(mime) ? 'application/octet-stream' : mime);

/** filename (ASCII fallback) and filename* (UTF-8, for Arabic names), with nothing that could break the header. */
export function dispositionName(name: string): string {
  // Clipped whole-character: encodeURIComponent throws on half of an emoji.
  // eslint-disable-next-line no-control-regex
  const clean = clipText(name.replace(/[\u0000-\u001f\u007f"\\/]/g, '_'), 200);
  const ascii = clean.replace(/[^\x20-\x7e]/g, '_');
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`;
}
