import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The media side of the Graph API fake (fake-graph.ts), like Meta's: `GET /{version}/{media-id}` answers
 * `{url, mime_type, sha256, file_size, id, messaging_product}` with a short-lived URL, and that URL serves the bytes
 * to the same bearer token. A media id the fake does not have, or one put as `expired`, gets Meta's answer for an
 * expired id (400, code 100, subcode 33). `slowMs` holds the download's first byte that long (a slow CDN);
 * `failTimes` answers the first N downloads with a 500 (a retry then succeeds).
 *
 * The store is per process (globalThis: Next's bundles and the custom server share it), so the customer simulator
 * can put a sample file and post its webhook, and uploads (the outbound half) can land here too.
 */
export type TFakeMediaItem = {
  bytes: Buffer;
  mimeType: string;
  expired?: boolean;
  slowMs?: number;
  failTimes?: number;
  /** Announce this sha256 instead of the real one (a corrupted download, for tests). */
  sha256Override?: string;
};

const URL_LIFETIME_MS = 5 * 60_000;
const store = ((globalThis as { nafidhaFakeMedia?: Map<string, TFakeMediaItem & { downloads: number }> }).nafidhaFakeMedia ??= new Map());

export const sha256Base64 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

/** Puts a file in the fake's store; returns its media id (given, or a new one of Meta's shape). */
export function putFakeMedia(item: TFakeMediaItem, id = String(10n ** 15n + BigInt(`0x${randomBytes(6).toString('hex')}`))): string {
  store.set(id, { ...item, downloads: 0 });
  // Bounded: a long demo session keeps the latest few hundred files.
  if (store.size > 500) store.delete(store.keys().next().value!);
  return id;
}

export const fakeMediaDownloads = (id: string): number => store.get(id)?.downloads ?? 0;

const MEDIA_ID = /^\/(v\d+\.\d+)\/(\d{6,30}|expired[\w-]*)\/?$/;
const DOWNLOAD = /^\/_media\/([\w-]+)$/;

/**
 * Answers a media lookup or download and returns true, or returns false for any other request (left to the rest of
 * the fake). `prefix` is the path the fake is mounted under (the app's /dev/graph), for the URL it hands out.
 */
export function serveFakeMedia(req: IncomingMessage, res: ServerResponse, path: string, url: URL, prefix: string): boolean {
  if (req.method !== 'GET') return false;
  const lookup = MEDIA_ID.exec(path);
  if (lookup && (store.has(lookup[2]!) || lookup[2]!.startsWith('expired'))) {
    const id = lookup[2]!;
    const item = store.get(id);
    if (!item || item.expired) return expiredAnswer(res, id);
    const expires = Date.now() + URL_LIFETIME_MS;
    reply(
      res,
      200,
      'application/json',
      JSON.stringify({
        url: `${url.origin}${prefix}/_media/${id}?ext=${expires}&hash=${randomBytes(6).toString('hex')}`,
        mime_type: item.mimeType,
        sha256: item.sha256Override ?? sha256Base64(item.bytes),
        file_size: item.bytes.length,
        id,
        messaging_product: 'whatsapp',
      }),
    );
    return true;
  }
  const download = DOWNLOAD.exec(path);
  if (!download) return false;
  const item = store.get(download[1]!);
  const expires = Number(url.searchParams.get('ext'));
  if (!item || item.expired || !(expires > Date.now())) {
    reply(res, 404, 'text/plain', 'URL signature expired');
    return true;
  }
  item.downloads += 1;
  if (item.failTimes && item.downloads <= item.failTimes) {
    reply(res, 500, 'text/plain', 'Internal Server Error');
    return true;
  }
  const send = () => reply(res, 200, item.mimeType, item.bytes);
  if (item.slowMs) setTimeout(send, item.slowMs).unref?.();
  else send();
  return true;
}

function expiredAnswer(res: ServerResponse, id: string): true {
  reply(
    res,
    400,
    'application/json',
    JSON.stringify({
      error: {
        message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
        fbtrace_id: randomBytes(8).toString('hex'),
      },
    }),
  );
  return true;
}

function reply(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
