import type postgres from 'postgres';
import { openWhatsAppConfig } from '../../server/channels/whatsapp/config';
import { textMessageEnvelope } from '../../server/channels/whatsapp/envelopes';
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
 * Posts signed, Meta-shaped inbound text webhooks to the app at `base`, each with a provider id of its own: on one of
 * the load generator's connections when given one, else through Node's http client.
 */
export function inboundPoster(base: string) {
  const runId = Date.now().toString(36);
  let sequence = 0;
  return (number: TNumber, from: string, name: string, connection?: RawHttpConnection): Promise<number> => {
    const body = JSON.stringify(
      textMessageEnvelope({
        phoneNumberId: number.phoneNumberId,
        from,
        name,
        id: `wamid.benchin.${runId}.${sequence++}`,
        body: 'Any update on my order? شكراً',
      }),
    );
    const path = `/api/webhooks/whatsapp/${number.phoneNumberId}`;
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, number.appSecret) };
    return connection ? connection.post(path, body, headers) : postQuick(`${base}${path}`, body, headers);
  };
}

/** A phone number (digits) no bench customer has: `prefix` and 8 digits from the clock and `i`. */
export const newCustomer = (prefix: string, i: number) => `${prefix}${String(10_000_000 + ((Date.now() + i) % 89_999_999)).slice(0, 8)}`;
