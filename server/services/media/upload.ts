import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import {
  isAnimatedWebp,
  judgeMedia,
  looksLikeText,
  MEDIA_MAX_BYTES,
  maxBytesOf,
  type TMediaFileKind,
  type TMediaRefusal,
} from '@/server/domain/media-rules';
import { secretsKey } from '@/server/secrets/key';
import { isStorageError, type TMediaStorage } from './storage';
import { signUpload, type TUploadFacts } from './upload-token';

/** What file-type reads to decide (its own sample size): the rest of the file is streamed to storage unread. */
const SNIFF_BYTES = 4100;
/** The largest file any kind allows (documents): anything announced above it is refused before a byte is read. */
export const UPLOAD_MAX_BYTES = Math.max(...Object.values(MEDIA_MAX_BYTES));

export type TUploadRequest = {
  workspaceId: string;
  userId: string;
  fileName: string | null;
  /** The kind the agent means (optional: decided from the content otherwise). */
  declaredKind: TMediaFileKind | null;
  /** The request's Content-Length: the storage needs it up front, and the limit is checked on it before reading. */
  size: number;
  body: Readable;
};

export type TUploadOutcome =
  | { ok: true; uploadId: string; kind: TMediaFileKind; mime: string; size: number; fileName: string | null }
  | { ok: false; reason: TMediaRefusal; limitBytes?: number }
  | { ok: false; reason: 'storage_failed' };

/** A refusal decided from the announced size alone, before reading anything (null: read on). */
export function refusalBySize(size: number, declaredKind: TMediaFileKind | null): TUploadOutcome | null {
  if (!Number.isFinite(size) || size <= 0) return { ok: false, reason: 'empty' };
  // A sticker's limit depends on whether it is animated, which only the bytes say: its larger limit here.
  const limitBytes = declaredKind ? maxBytesOf(declaredKind, declaredKind === 'sticker') : UPLOAD_MAX_BYTES;
  return size > limitBytes ? { ok: false, reason: 'too_large', limitBytes } : null;
}

/**
 * One uploaded file: its first bytes are sniffed and judged by the media rules (type by content, never by name; the
 * limit of its kind), and only a file they accept is streamed into the storage, hashed on the way. A refused file
 * stores nothing; a body shorter or longer than announced is removed again. The id returned names it in a send.
 */
export async function acceptUpload(request: TUploadRequest, storage: TMediaStorage): Promise<TUploadOutcome> {
  const early = refusalBySize(request.size, request.declaredKind);
  if (early) return early;
  const head = await readHead(request.body, SNIFF_BYTES);
  const sniffed = head.length > 0 ? await fileTypeFromBuffer(head) : undefined;
  const verdict = judgeMedia({
    sniffedMime: sniffed?.mime ?? null,
    plainText: !sniffed && looksLikeText(head),
    fileName: request.fileName,
    size: head.length === 0 ? 0 : request.size,
    declaredKind: request.declaredKind,
    animated: isAnimatedWebp(head),
  });
  if (!verdict.ok) return verdict;

  const hash = createHash('sha256');
  let received = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > request.size) return done(new Error('the body is longer than announced'));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  const source = Readable.from(rest(head, request.body)).pipe(counted);
  let stored: { key: string; size: number };
  try {
    stored = await storage.put({ workspaceId: request.workspaceId, body: source, size: request.size, contentType: verdict.mime });
  } catch (error) {
    if (isStorageError(error) && received === request.size) return { ok: false, reason: 'storage_failed' };
    if (isStorageError(error) && received < request.size) throw new UploadCutOff();
    throw error;
  }
  if (stored.size !== request.size || received !== request.size) {
    await storage.delete(stored.key);
    throw new UploadCutOff();
  }
  const facts: TUploadFacts = {
    workspaceId: request.workspaceId,
    userId: request.userId,
    storageKey: stored.key,
    kind: verdict.kind,
    mime: verdict.mime,
    size: stored.size,
    sha256: hash.digest('hex'),
    fileName: request.fileName,
    at: Math.floor(Date.now() / 1000),
  };
  return { ok: true, uploadId: signUpload(facts, secretsKey()), kind: verdict.kind, mime: verdict.mime, size: stored.size, fileName: request.fileName };
}

/** The body ended (or broke) before its announced length: the client went away; nothing is kept. */
export class UploadCutOff extends Error {
  constructor() {
    super('the upload ended before its announced length');
  }
}

/** The first `want` bytes (fewer if the body is shorter), leaving the stream paused where they end. */
function readHead(stream: Readable, want: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      stream.off('data', onData);
      stream.off('end', finish);
      stream.off('error', onError);
      stream.pause();
      resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= want) finish();
    };
    const onError = (error: Error) => {
      stream.off('data', onData);
      stream.off('end', finish);
      reject(error);
    };
    stream.on('data', onData);
    stream.once('end', finish);
    stream.once('error', onError);
  });
}

async function* rest(head: Buffer, stream: Readable): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  if (stream.readableEnded) return;
  for await (const chunk of stream) yield chunk as Buffer;
}
