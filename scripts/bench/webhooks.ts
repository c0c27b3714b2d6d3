import type postgres from 'postgres';
import { openWhatsAppConfig } from '../../server/channels/whatsapp/config';
import { textMessageEnvelope } from '../../server/channels/whatsapp/envelopes';
import { mediaMessage, messageEnvelope } from '../../server/channels/whatsapp/media-envelopes';
import { signatureOf } from '../../server/channels/whatsapp/signature';
import { postQuick } from '../lib/http-client';
import type { RawHttpConnection } from './raw-http';

/** A bench WhatsApp number: what a customer's webhook needs to reach it, signed. */
export type TNumber = { phoneNumberId: string; appSecret: string; workspaceId: string };

export async function whatsappNumbers(sql: postgres.Sql, workspaceId?: string): Promise<TNumber[]> {
  const rows = await sql<{ external_id: string; config: unknown; workspace_id: string }[]>`
    select external_id, config, workspace_id from channels where type = 'whatsapp'`;
  return rows
    .filter((r) => !workspaceId || r.workspace_id === workspaceId)
    .map((r) => ({ phoneNumberId: r.external_id, appSecret: openWhatsAppConfig(r.config)?.appSecret ?? '', workspaceId: r.workspace_id }));
}

/** Customers we know whose conversation is closed: a message from each reopens it. A fresh sample on every call. */
export function closedCustomers(sql: postgres.Sql) {
  return sql<{ external_id: string; phone_number_id: string }[]>`
    select i.external_id, ch.external_id as phone_number_id from conversations c tablesample system (10)
    join contact_identities i on i.contact_id = c.contact_id and i.channel_id = c.channel_id
    join channels ch on ch.id = c.channel_id
    where ch.type = 'whatsapp' and c.status = 'closed' and i.external_id is not null limit 40000`;
}

/**
 * Posts signed, Meta-shaped inbound webhooks to the app at `base`, each with a provider id of its own: on one of
 * the load generator's connections when given one, else through Node's http client. Texts, or with `mediaEvery` N
 * every Nth one a photo or a voice note (alternately), whose file the download job would fetch later.
 */
export function inboundPoster(base: string, options: { mediaEvery?: number } = {}) {
  const runId = Date.now().toString(36);
  let sequence = 0;
  return (number: TNumber, from: string, name: string, connection?: RawHttpConnection): Promise<number> => {
    const n = sequence++;
    const input = { phoneNumberId: number.phoneNumberId, from, name, id: `wamid.benchin.${runId}.${n}` };
    const media = options.mediaEvery ? n % options.mediaEvery === 0 : false;
    const envelope = !media
      ? textMessageEnvelope({ ...input, body: 'Any update on my order? شكراً' })
      : messageEnvelope(
          input,
          (n / options.mediaEvery!) % 2 === 0
            ? mediaMessage('image', {
                id: `${runId}${n}`,
                mime_type: 'image/jpeg',
                sha256: BENCH_SHA,
                caption: 'The parcel arrived like this',
              })
            : mediaMessage('audio', { id: `${runId}${n}`, mime_type: 'audio/ogg; codecs=opus', sha256: BENCH_SHA, voice: true }),
        );
    const body = JSON.stringify(envelope);
    const path = `/api/webhooks/whatsapp/${number.phoneNumberId}`;
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, number.appSecret) };
    return connection ? connection.post(path, body, headers) : postQuick(`${base}${path}`, body, headers);
  };
}

/** A sha256 as Meta sends it (base64); the bench never downloads the file, so any well-formed one does. */
const BENCH_SHA = Buffer.alloc(32, 7).toString('base64');

/** A phone number (digits) no bench customer has: `prefix` and 8 digits from the clock and `i`. */
export const newCustomer = (prefix: string, i: number) => `${prefix}${String(10_000_000 + ((Date.now() + i) % 89_999_999)).slice(0, 8)}`;
