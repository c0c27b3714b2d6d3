import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TDb } from '@/db/client';
import { addressOf } from '@/server/auth/request-address';
import { logger } from '@/server/logger';
import { handleWhatsAppWebhook, MAX_WEBHOOK_BYTES, verifyWebhookSubscription } from '@/server/services/whatsapp/webhook';
import { createWebhookThrottle, type TWebhookFailure } from '@/server/channels/whatsapp/webhook-throttle';

export const WEBHOOK_PREFIX = '/api/webhooks/whatsapp/';

/** Answers that mean "not from Meta for this number", refused early once too many (see channels/whatsapp/webhook-throttle.ts). */
const FAILURES = new Map<number, TWebhookFailure>([
  [401, 'refused'],
  [403, 'refused'],
  [404, 'unknown'],
]);
const throttle = createWebhookThrottle();

/**
 * Meta's webhooks, served by the custom server directly rather than through a Next route handler: this is the
 * hottest path of the app (every customer message and every delivery status), and Next's request machinery cost
 * more CPU than the ingest itself (see README, Measured). The body is read as raw bytes, for the signature.
 */
export async function whatsappWebhookHttp(db: TDb, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const channelRef = channelRefOf(url.pathname);
  const reply = (status: number, body: string, type = 'text/plain') => {
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const address = addressOf(req);
  const wait = throttle.retryAfter(address, channelRef);
  if (wait > 0) {
    // Before the body is read or hashed: a flood of forgeries costs us a header parse each, and its connection.
    res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': String(wait), connection: 'close' });
    res.end('too many refused webhooks');
    req.resume();
    return;
  }
  const refusedIf = (status: number) => {
    const failure = FAILURES.get(status);
    if (failure) throttle.failed(address, channelRef, failure);
  };
  try {
    if (req.method === 'GET') {
      const result = await verifyWebhookSubscription(db, channelRef, url.searchParams);
      refusedIf(result.status);
      return reply(result.status, result.body);
    }
    if (req.method !== 'POST') return reply(405, 'method not allowed');
    if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BYTES) {
      req.resume();
      return reply(413, 'payload too large');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_WEBHOOK_BYTES) return reply(413, 'payload too large');
      chunks.push(chunk as Buffer);
    }
    const signature = req.headers['x-hub-signature-256'];
    const result = await handleWhatsAppWebhook(db, channelRef, Buffer.concat(chunks), typeof signature === 'string' ? signature : null);
    refusedIf(result.status);
    return reply(result.status, result.body, result.status === 200 ? 'application/json' : 'text/plain');
  } catch (error) {
    // Nothing was acknowledged: Meta delivers the webhook again, and every part of it replays harmlessly.
    logger.error({ err: error, channelRef }, 'webhook failed');
    if (!res.headersSent) reply(500, 'internal error');
  }
}

/** The number a webhook URL names; one that is not valid percent-encoding names no number (404), never a throw. */
function channelRefOf(pathname: string): string {
  const raw = pathname.slice(WEBHOOK_PREFIX.length).replace(/\/$/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
