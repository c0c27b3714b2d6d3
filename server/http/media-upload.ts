import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TDb } from '@/db/client';
import { requestActor } from '@/server/auth/request-actor';
import { isMediaFileKind } from '@/server/domain/media-rules';
import { logger } from '@/server/logger';
import { mediaStorage } from '@/server/services/media/storage-select';
import { acceptUpload, refusalBySize, UploadCutOff, type TUploadOutcome } from '@/server/services/media/upload';
import { clipText } from '@/server/domain/well-formed-text';

export const MEDIA_UPLOAD_PATH = '/api/uploads';
/** The composer names the file in this header (URI-encoded). Being a custom header, it also makes a cross-site form
 * unable to post here: a browser sends it only after a CORS preflight, which this endpoint never grants. */
export const FILE_NAME_HEADER = 'x-file-name';

/**
 * The composer's file upload: `POST /api/uploads?kind=<kind>` with the raw file as the body (Content-Length required)
 * and its name in `x-file-name`. Behind the session and the workspace check (the workspace cookie, as for tRPC).
 * Served by the custom server like the webhook, so the body is a stream read once: the size is checked on the
 * announced length, the type on the first bytes, and only an accepted file is streamed to storage (never buffered).
 * Answers 201 `{ uploadId, kind, mime, size, fileName }`, or `{ error: { code, reason?, limitBytes? } }`.
 */
export async function mediaUploadHttp(db: TDb, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const reply = (status: number, body: unknown, close = false) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
      ...(close ? { connection: 'close' } : {}),
    });
    res.end(text);
    // A refused body is not read: the connection closes rather than receive up to 100 MB for nothing.
    if (close) req.destroy();
  };
  if (req.method !== 'POST') return reply(405, { error: { code: 'METHOD_NOT_ALLOWED' } });
  const rawName = req.headers[FILE_NAME_HEADER];
  if (typeof rawName !== 'string') return reply(400, { error: { code: 'INVALID_INPUT' } }, true);
  const resolved = await requestActor(db, req.headers.cookie);
  if (resolved.status !== 'ok') {
    return reply(resolved.status === 'no-workspace' ? 403 : 401, { error: { code: resolved.status === 'no-workspace' ? 'NO_WORKSPACE' : 'UNAUTHENTICATED' } }, true);
  }
  const length = req.headers['content-length'];
  if (!length || !/^\d+$/.test(length)) return reply(411, { error: { code: 'LENGTH_REQUIRED' } }, true);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const kindParam = url.searchParams.get('kind');
  if (kindParam && !isMediaFileKind(kindParam)) return reply(400, { error: { code: 'INVALID_INPUT' } }, true);
  const declaredKind = kindParam && isMediaFileKind(kindParam) ? kindParam : null;
  const fileName = decodeName(rawName);
  const size = Number(length);

  const early = refusalBySize(size, declaredKind);
  if (early) return answer(early);
  try {
    const outcome = await acceptUpload(
      { workspaceId: resolved.actor.workspace.id, userId: resolved.actor.userId, fileName, declaredKind, size, body: req },
      mediaStorage(),
    );
    return answer(outcome);
  } catch (error) {
    if (error instanceof UploadCutOff) return reply(400, { error: { code: 'UPLOAD_INCOMPLETE' } }, true);
    logger.error({ err: error }, 'media upload failed');
    return reply(500, { error: { code: 'UNKNOWN' } }, true);
  }

  function answer(outcome: TUploadOutcome) {
    if (outcome.ok) {
      const { ok: _ok, ...upload } = outcome;
      return reply(201, upload);
    }
    if (outcome.reason === 'storage_failed') return reply(503, { error: { code: 'MEDIA_STORAGE_FAILED' } }, true);
    return reply(422, { error: { code: 'MEDIA_REFUSED', reason: outcome.reason, limitBytes: 'limitBytes' in outcome ? outcome.limitBytes : undefined } }, true);
  }
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed from a file name
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/** The file's own name, without any path, at most 200 characters (it is shown, and sent to Meta as `filename`). */
function decodeName(raw: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    name = raw;
  }
  const base = name.split(/[\\/]/).pop()?.replace(CONTROL_CHARACTERS, '').trim() ?? '';
  return base ? clipText(base, 200) : null;
}
