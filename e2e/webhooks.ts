import { createHmac } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import type { TSeededChannel } from './seed-workspace';

/** Meta's signature of a webhook body: HMAC-SHA256 with the app secret, as the `x-hub-signature-256` header. */
export function metaSignature(body: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/**
 * Posts a webhook to a number's endpoint, signed as Meta signs it, and expects the 200 Meta waits for. The envelope
 * is sent as given (an object is written as JSON), so a spec controls every byte that is signed.
 */
export async function postSignedWebhook(request: APIRequestContext, number: TSeededChannel, envelope: unknown) {
  const body = typeof envelope === 'string' ? envelope : JSON.stringify(envelope);
  const response = await request.post(`/api/webhooks/whatsapp/${number.phoneNumberId}`, {
    data: body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body, number.appSecret!) },
  });
  expect(response.status()).toBe(200);
  return response;
}
