// size: the one router of every Graph endpoint the fake answers; what each endpoint does lives in fake-*.ts beside it.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseSendOpaque } from '@/server/domain/send-opaque';
import { putFakeMedia, serveFakeMedia } from './fake-media';
import { connectRefusal, knownOrGenerated, sampleTemplates } from './fake-connect';
import { captionOf, fakeUpload, mediaReferenceProblem, type TFakeUpload } from './fake-uploads';
import { emptyFakeMeta, numberFields, templatePage, type TFakeMeta, type TFakeNumber, type TFakeTemplate } from './fake-meta';

/**
 * A local stand-in for Meta's Graph API (tests and the demo; the real adapter code talks to it unchanged). It
 * answers `POST …/{version}/{phone_number_id}/messages` with real-shaped responses, then reports `sent`,
 * `delivered` and `read` as status webhooks through `deliver` (which signs and posts them like Meta does).
 *
 * Errors are injected by markers in the message text (or template name): `#131047-sync` (synchronous 400),
 * `#131047` (accepted, then an asynchronous failed status), `#130429` (rate limit, every attempt),
 * `#130429-once` (rate limit on the first attempt only), `#5xx-once` (a 500 on the first attempt only), `#131056` (pair rate limit on the first attempt), `#5xx`,
 * `#timeout` (never answers), `#190` (token expired), `#graph-<code>` (a 400 with that Meta code, every attempt),
 * `#http-<status>` (that HTTP status with no Meta error body, every attempt), `#async-<code>` (accepted, then a
 * failed status with that Meta code: 131026, 131049, 130472...). A media message's caption carries markers too. A number with `hang_sends` (set by the control call below)
 * never answers its sends, as a hung Graph API would. Status webhooks carry the send's `biz_opaque_callback_data`.
 *
 * It also serves what Meta knows (fake-meta.ts): `GET /{version}/{phone_number_id}?fields=…` and
 * `GET /{version}/{waba_id}/message_templates` with cursor paging. Control calls change that knowledge:
 * `POST /_fake/numbers/{phone_number_id}` merges fields into a number, `PUT /_fake/templates/{waba_id}` replaces a
 * WABA's templates. Connecting a number (`subscribed_apps`, numbers it has never heard of, and the tokens and ids
 * that make it refuse) is described in fake-connect.ts.
 */
export type TFakeGraphOptions = {
  deliver: (phoneNumberId: string, webhookBody: string) => Promise<void>;
  statusDelayMs?: number;
  meta?: TFakeMeta;
  /** Answer for any phone number id it does not know with generated fields (the demo's and the e2e server's fake). */
  generateNumbers?: boolean;
  /**
   * Test hook, asked before a send is answered: `answer` (as usual), `hold` (never answer and never accept, like a
   * hung API), or `accept-then-stall` (accept it, so its status webhooks follow, but never finish the answer: the
   * caller cannot learn that it was accepted).
   */
  decide?: (send: {
    phoneNumberId: string;
    opaque: string | null;
    messageId: string | null;
  }) => Promise<TFakeSendDecision> | TFakeSendDecision;
};

export type TFakeSendDecision = 'answer' | 'hold' | 'accept-then-stall';

/** What the fake accepted: sends per message (our id, read from the opaque data whichever attempt sent it), as Meta would have them. */
export type TFakeGraph = ((req: IncomingMessage, res: ServerResponse) => Promise<void>) & {
  accepted: Map<string, number>;
  /** The WABAs this app has subscribed to (`POST /{waba_id}/subscribed_apps`). */
  subscribed: Set<string>;
  /** The bodies of the sends it received, oldest first (a reply's context, a reaction). */
  sent: Record<string, unknown>[];
  /** The media uploaded to it (`POST /{phone_number_id}/media`), by the id it answered (fake-uploads.ts). */
  uploads: Map<string, TFakeUpload>;
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

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

function json(res: ServerResponse, body: unknown) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export function createFakeGraph(options: TFakeGraphOptions): TFakeGraph {
  const delay = options.statusDelayMs ?? 300;
  const meta = options.meta ?? emptyFakeMeta();
  const seen = new Map<string, number>();
  const accepted = new Map<string, number>();
  const subscribed = new Set<string>();
  /** The bodies of the sends it received, oldest first. */
  const sent: Record<string, unknown>[] = [];
  const uploads = new Map<string, TFakeUpload>();
  const generate = options.generateNumbers ?? false;

  const statusWebhook = (phoneNumberId: string, id: string, status: string, recipient: string, opaque: string | null, errors?: unknown[]) =>
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
                metadata: {
                  display_phone_number: meta.numbers.get(phoneNumberId)?.display_phone_number ?? phoneNumberId,
                  phone_number_id: phoneNumberId,
                },
                statuses: [
                  {
                    id,
                    status,
                    timestamp: String(Math.floor(Date.now() / 1000)),
                    recipient_id: recipient,
                    // Meta echoes the send's opaque data in every status of that message.
                    ...(opaque !== null ? { biz_opaque_callback_data: opaque } : {}),
                    ...(errors ? { errors } : {}),
                  },
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

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const [, kind, id] = path.split('/').filter(Boolean);
    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return graphError(res, 400, 100, 'Invalid parameter');
    }
    if (kind === 'numbers' && id && req.method === 'POST') {
      const current = meta.numbers.get(id) ?? { id, display_phone_number: id };
      meta.numbers.set(id, { ...current, ...(body as Partial<TFakeNumber>), id });
      return json(res, meta.numbers.get(id));
    }
    // A file customers "sent": `{base64, mime_type, expired?, slow_ms?}` → `{id}` (fake-media.ts), for e2e tests.
    const file = body as { base64?: unknown; mime_type?: unknown; expired?: unknown; slow_ms?: unknown };
    if (kind === 'media' && req.method === 'POST' && typeof file.base64 === 'string' && typeof file.mime_type === 'string') {
      const bytes = Buffer.from(file.base64, 'base64');
      return json(res, { id: putFakeMedia({ bytes, mimeType: file.mime_type, expired: file.expired === true, slowMs: Number(file.slow_ms) || 0 }) });
    }
    if (kind === 'templates' && id && req.method === 'PUT' && Array.isArray(body)) {
      meta.templates.set(id, body as TFakeTemplate[]);
      return json(res, { count: body.length });
    }
    return graphError(res, 404, 100, 'Unsupported control request');
  }

  /** A number's configured failure, for reads of the number itself or of its WABA's templates. */
  const failureFor = (nodeId: string) =>
    [...meta.numbers.values()].find((n) => n.fail_with && (n.id === nodeId || n.waba_id === nodeId))?.fail_with;

  function read(res: ServerResponse, url: URL, version: string, nodeId: string, edge: string | undefined): void {
    const failure = failureFor(nodeId);
    if (failure === 190) return graphError(res, 401, 190, 'Access token has expired');
    if (failure) return graphError(res, failure >= 500 && failure < 600 ? failure : 400, failure, 'Injected failure');
    if (edge === 'message_templates') {
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || 25, 1), 100);
      if (generate && !meta.templates.has(nodeId)) meta.templates.set(nodeId, sampleTemplates(nodeId));
      const page = templatePage(meta.templates.get(nodeId) ?? [], limit, url.searchParams.get('after'), (cursor) => {
        const next = new URL(url);
        next.searchParams.set('after', cursor);
        return next.toString();
      });
      return json(res, page);
    }
    if (edge === 'subscribed_apps')
      return json(res, { data: subscribed.has(nodeId) ? [{ whatsapp_business_api_data: { name: 'Nafidha' } }] : [] });
    // A WABA read for its owner: the business portfolio, when the test (or demo) gave its numbers one.
    const ofWaba = edge === undefined ? [...meta.numbers.values()].find((n) => n.waba_id === nodeId && n.business_id) : undefined;
    if (ofWaba) return json(res, { id: nodeId, owner_business_info: { id: ofWaba.business_id, name: `Business ${ofWaba.business_id}` } });
    const number = edge === undefined ? knownOrGenerated(meta, nodeId, generate) : undefined;
    if (!number) return graphError(res, 400, 100, `Unsupported get request. Object with ID '${nodeId}' does not exist (${version})`);
    return json(res, numberFields(number, url.searchParams.get('fields')));
  }

  const handle = async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'graph.fake'}`);
    const path = url.pathname.replace(/^\/dev\/graph/, '');
    if (path.startsWith('/_fake/')) return control(req, res, path);
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) return graphError(res, 401, 190, 'Access token has expired');
    // Media lookups and downloads (fake-media.ts), like Meta's.
    if (serveFakeMedia(req, res, path, url, url.pathname.startsWith('/dev/graph') ? '/dev/graph' : '')) return;
    const node = /^\/(v\d+\.\d+)\/([^/]+)(?:\/([a-z_]+))?\/?$/.exec(path);
    const refusal = node ? connectRefusal(req.headers.authorization, node[2]!) : null;
    if (refusal) return graphError(res, refusal.http, refusal.code, refusal.title);
    if (req.method === 'POST' && node?.[3] === 'subscribed_apps') {
      subscribed.add(node[2]!);
      return json(res, { success: true });
    }
    if (req.method === 'DELETE' && node?.[3] === 'subscribed_apps') {
      subscribed.delete(node[2]!);
      return json(res, { success: true });
    }
    if (req.method === 'GET' && node) return read(res, url, node[1]!, node[2]!, node[3]);
    if (req.method === 'POST' && node?.[3] === 'media') {
      const upload = await fakeUpload(req, node[2]!, uploads);
      return upload.ok ? json(res, { id: upload.id }) : graphError(res, 400, upload.code, upload.title);
    }
    if (req.method !== 'POST' || !node || node[3] !== 'messages') return graphError(res, 404, 100, 'Unsupported request');
    const phoneNumberId = node[2]!;
    let body: {
      to?: string;
      type?: string;
      text?: { body?: string };
      template?: { name?: string };
      reaction?: { message_id?: unknown; emoji?: unknown };
      biz_opaque_callback_data?: string;
    };
    try {
      body = (await readJson(req)) as typeof body;
    } catch {
      return graphError(res, 400, 100, 'Invalid parameter');
    }
    // Kept for tests that check what went out (a reply's context, a reaction); the newest last, a few hundred at most.
    sent.push(body);
    if (sent.length > 500) sent.shift();
    // A reaction names the message it reacts to; its emoji is a string, empty to remove it (Meta's send reference).
    const reaction = body.type === 'reaction';
    if (reaction && (typeof body.reaction?.message_id !== 'string' || typeof body.reaction.emoji !== 'string'))
      return graphError(res, 400, 100, 'Invalid parameter');
    const mediaProblem = mediaReferenceProblem(body, uploads);
    if (mediaProblem) return graphError(res, 400, 100, mediaProblem);
    const marker = `${body.text?.body ?? ''} ${body.template?.name ?? ''} ${captionOf(body)}`;
    const attempts = (seen.get(marker) ?? 0) + 1;
    seen.set(marker, attempts);
    if (marker.includes('#timeout') || meta.numbers.get(phoneNumberId)?.hang_sends) return; // never answer: the caller's timeout decides
    const opaque = typeof body.biz_opaque_callback_data === 'string' ? body.biz_opaque_callback_data : null;
    const messageId = opaque === null ? null : String(parseSendOpaque(opaque)?.messageId ?? opaque);
    const decision = (await options.decide?.({ phoneNumberId, opaque, messageId })) ?? 'answer';
    if (decision === 'hold') return;
    if (marker.includes('#190')) return graphError(res, 401, 190, 'Access token has expired');
    if (marker.includes('#5xx-once') && attempts === 1) return graphError(res, 500, 131000, 'Something went wrong');
    if (marker.includes('#5xx') && !marker.includes('#5xx-once')) return graphError(res, 500, 131000, 'Something went wrong');
    if (marker.includes('#130429-once') && attempts === 1) return graphError(res, 400, 130429, 'Rate limit hit');
    if (marker.includes('#130429') && !marker.includes('#130429-once')) return graphError(res, 400, 130429, 'Rate limit hit');
    if (marker.includes('#131056') && attempts === 1) {
      return graphError(res, 400, 131056, '(Business Account, Consumer Account) pair rate limit hit');
    }
    if (marker.includes('#131047-sync')) return graphError(res, 400, 131047, 'Re-engagement message');
    const injected = /#graph-(\d+)/.exec(marker);
    if (injected) return graphError(res, 400, Number(injected[1]), 'Injected error');
    const bare = /#http-(\d{3})/.exec(marker);
    if (bare) {
      res.writeHead(Number(bare[1]), { 'content-type': 'text/plain' });
      return void res.end('injected');
    }

    const id = `wamid.fake.${randomBytes(12).toString('base64url')}`;
    const recipient = (body.to ?? '').replace(/^\+/, '');
    if (messageId !== null) accepted.set(messageId, (accepted.get(messageId) ?? 0) + 1);
    const answer = JSON.stringify({ messaging_product: 'whatsapp', contacts: [{ input: body.to, wa_id: recipient }], messages: [{ id }] });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(answer)) });
    // Accepted, but the answer never completes: the caller cannot know (it dies, or times out, with it unread).
    if (decision === 'accept-then-stall') res.write(answer.slice(0, 10));
    else res.end(answer);

    later(delay, phoneNumberId, statusWebhook(phoneNumberId, id, 'sent', recipient, opaque));
    // Only a `sent` status follows a reaction.
    if (reaction) return;
    if (marker.includes('#131047')) {
      later(
        delay * 2,
        phoneNumberId,
        statusWebhook(phoneNumberId, id, 'failed', recipient, opaque, [
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
    const asyncFailure = /#async-(\d+)/.exec(marker);
    if (asyncFailure) {
      const code = Number(asyncFailure[1]);
      later(
        delay * 2,
        phoneNumberId,
        statusWebhook(phoneNumberId, id, 'failed', recipient, opaque, [{ code, title: 'Injected error', message: 'Injected error' }]),
      );
      return;
    }
    later(delay * 2, phoneNumberId, statusWebhook(phoneNumberId, id, 'delivered', recipient, opaque));
    later(delay * 3, phoneNumberId, statusWebhook(phoneNumberId, id, 'read', recipient, opaque));
  };
  return Object.assign(handle, { accepted, subscribed, sent, uploads });
}
