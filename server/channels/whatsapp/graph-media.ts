import http from 'node:http';
import https from 'node:https';
import type { TWhatsAppConfig } from './config';
import { graphBaseUrl, graphRequest } from './graph-client';

/**
 * Meta's media endpoints for inbound files (../shared/reference/meta-messaging.md §10): `GET /{media-id}` gives a
 * short-lived URL, downloaded at once with the same bearer token. Outcomes are values: `expired` (Meta no longer has
 * the id: webhook media ids last 7 days), `too_large` (over the caller's cap, stopped before reading it all),
 * `transient` (worth another try: no answer, 5xx, a rate limit, an expired download URL).
 */
export type TMediaInfo = { url: string; mimeType: string | null; sha256: string | null; fileSize: number | null };
export type TMediaFailure = { ok: false; failure: 'expired' | 'too_large' | 'transient'; detail: string };

/** Meta's answer for a media id it does not have (any more): code 100, "does not exist" (subcode 33). */
const GONE_CODES = new Set([100, 131052]);

export async function lookupMedia(config: TWhatsAppConfig, mediaId: string): Promise<({ ok: true } & TMediaInfo) | TMediaFailure> {
  const answer = await graphRequest<{ url?: unknown; mime_type?: unknown; sha256?: unknown; file_size?: unknown }>(
    config,
    'GET',
    encodeURIComponent(mediaId),
    { query: { phone_number_id: config.phoneNumberId } },
  );
  if (!answer.ok) {
    const gone = answer.code !== null && GONE_CODES.has(answer.code) && answer.httpStatus !== null && answer.httpStatus < 500;
    return { ok: false, failure: gone || answer.httpStatus === 404 ? 'expired' : 'transient', detail: answer.failureCode };
  }
  const { url, mime_type, sha256, file_size } = answer.json;
  if (typeof url !== 'string' || !downloadAllowed(config, url)) return { ok: false, failure: 'transient', detail: 'no usable url' };
  return {
    ok: true,
    url,
    mimeType: typeof mime_type === 'string' ? mime_type : null,
    sha256: typeof sha256 === 'string' ? sha256 : null,
    fileSize:
      typeof file_size === 'number' ? file_size : typeof file_size === 'string' && /^\d+$/.test(file_size) ? Number(file_size) : null,
  };
}

/**
 * The token only goes where Meta's answer points, over https, or to the number's own Graph base (the local fake and
 * tests run on http).
 */
function downloadAllowed(config: TWhatsAppConfig, url: string): boolean {
  try {
    const target = new URL(url);
    return target.protocol === 'https:' || target.origin === new URL(graphBaseUrl(config.graphBaseUrl)).origin;
  } catch {
    return false;
  }
}

export const MEDIA_DOWNLOAD_TIMEOUT_MS = 120_000;

/** The bytes at a lookup's URL, at most `maxBytes` (a bigger file is refused as soon as it is known to be). */
export function downloadMediaBytes(
  config: TWhatsAppConfig,
  url: string,
  maxBytes: number,
  timeoutMs = MEDIA_DOWNLOAD_TIMEOUT_MS,
): Promise<{ ok: true; bytes: Buffer } | TMediaFailure> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: { ok: true; bytes: Buffer } | TMediaFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(value);
    };
    const fail = (failure: TMediaFailure['failure'], detail: string) => finish({ ok: false, failure, detail });
    const req = transport.get(target, { headers: { authorization: `Bearer ${config.accessToken}`, 'user-agent': 'Nafidha' } }, (res) => {
      const status = res.statusCode ?? 0;
      // An expired download URL (minutes) or a hiccup: another lookup gives a fresh URL.
      if (status < 200 || status >= 300) return fail(status === 413 ? 'too_large' : 'transient', `HTTP_${status}`);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) return fail('too_large', `content-length ${declared}`);
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return fail('too_large', `over ${maxBytes} bytes`);
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (Number.isFinite(declared) && declared !== size) return fail('transient', 'cut off');
        finish({ ok: true, bytes: Buffer.concat(chunks) });
      });
      res.on('aborted', () => fail('transient', 'cut off'));
      res.on('error', (error) => fail('transient', error.message));
    });
    req.on('error', (error) => fail('transient', error.message));
    const timer = setTimeout(() => fail('transient', `no file within ${timeoutMs} ms`), timeoutMs);
  });
}
