import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta signs every webhook with HMAC-SHA256 over the exact bytes it sent, keyed by the app secret, in
 * `X-Hub-Signature-256: sha256=<hex>`. Verify the raw body (never re-serialised JSON), in constant time.
 */
export function signatureOf(rawBody: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

export function verifySignature(rawBody: Buffer, header: string | null | undefined, appSecret: string): boolean {
  if (!header || !header.startsWith('sha256=')) return false;
  const expected = Buffer.from(signatureOf(rawBody, appSecret));
  const given = Buffer.from(header.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Whether a secret someone sent (the handshake's hub.verify_token) is ours, in constant time: both sides are hashed
 * first, so the comparison runs over equal-length buffers and the time taken says nothing of length or prefix.
 */
export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string' || expected === '') return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
