import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A local stand-in for Meta's Graph API (tests and the demo; the real adapter code talks to it unchanged). It
 * answers `POST …/{version}/{phone_number_id}/messages` with real-shaped responses, then reports `sent`,
 * `delivered` and `read` as status webhooks through `deliver` (which signs and posts them like Meta does).
 *
 * Errors are injected by markers in the message text (or template name): `#131047-sync` (synchronous 400),
 * `#131047` (accepted, then an asynchronous failed status), `#130429` (rate limit, every attempt),
 * `#130429-once` (rate limit on the first attempt only), `#5xx`, `#timeout` (never answers), `#190` (token expired).
 */
export type TFakeGraphOptions = {
  deliver: (phoneNumberId: string, webhookBody: string) => Promise<void>;
  statusDelayMs?: number;
};

function graphError(res: ServerResponse, http: number, code: number, title: string) {
  res.writeHead(http, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      error: {
        message: `(#${code}) ${title}`,
        type: 'OAuthException',
        code,
        error_data: { messaging_product: 'whatsapp', details: title },
        fbtrace_id: randomBytes(8).toString('hex'),
      },
    }),
  );
}

export function createFakeGraph(options: TFakeGraphOptions) {
  const delay = options.statusDelayMs ?? 300;
  const seen = new Map<string, number>();

  const statusWebhook = (phoneNumberId: string, id: string, status: string, recipient: string, errors?: unknown[]) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'fake-waba',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: phoneNumberId, phone_number_id: phoneNumberId },
                statuses: [
                  { id, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: recipient, ...(errors ? { errors } : {}) },
                ],
              },
            },
          ],
        },
      ],
    });

  const later = (ms: number, phoneNumberId: string, body: string) => {
    setTimeout(() => void options.deliver(phoneNumberId, body).catch(() => {}), ms).unref?.();
  };

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /\/(v\d+\.\d+)\/([^/]+)\/messages\/?$/.exec(new URL(req.url ?? '/', 'http://fake').pathname);
    if (req.method !== 'POST' || !match) return graphError(res, 404, 100, 'Unsupported request');
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) return graphError(res, 401, 190, 'Access token has expired');
    const phoneNumberId = match[2]!;
    let body: { to?: string; type?: string; text?: { body?: string }; template?: { name?: string } };
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return graphError(res, 400, 100, 'Invalid parameter');
    }
    const marker = `${body.text?.body ?? ''} ${body.template?.name ?? ''}`;
    const attempts = (seen.get(marker) ?? 0) + 1;
    seen.set(marker, attempts);
    if (marker.includes('#timeout')) return; // never answer: the caller's timeout decides
    if (marker.includes('#190')) return graphError(res, 401, 190, 'Access token has expired');
    if (marker.includes('#5xx')) return graphError(res, 500, 131000, 'Something went wrong');
    if (marker.includes('#130429-once') && attempts === 1) return graphError(res, 400, 130429, 'Rate limit hit');
    if (marker.includes('#130429') && !marker.includes('#130429-once')) return graphError(res, 400, 130429, 'Rate limit hit');
    if (marker.includes('#131047-sync')) return graphError(res, 400, 131047, 'Re-engagement message');

    const id = `wamid.fake.${randomBytes(12).toString('base64url')}`;
    const recipient = (body.to ?? '').replace(/^\+/, '');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: recipient }], messages: [{ id }] }));

    later(delay, phoneNumberId, statusWebhook(phoneNumberId, id, 'sent', recipient));
    if (marker.includes('#131047')) {
      later(
        delay * 2,
        phoneNumberId,
        statusWebhook(phoneNumberId, id, 'failed', recipient, [
          {
            code: 131047,
            title: 'Re-engagement message',
            message: 'Re-engagement message',
            error_data: {
              details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
            },
          },
        ]),
      );
      return;
    }
    later(delay * 2, phoneNumberId, statusWebhook(phoneNumberId, id, 'delivered', recipient));
    later(delay * 3, phoneNumberId, statusWebhook(phoneNumberId, id, 'read', recipient));
  };
}
