import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { serveWebhookHttp } from '@/server/testing/webhook-server';
import { textMessageEnvelope } from '@/server/channels/whatsapp/envelopes';
import { signatureOf } from '@/server/channels/whatsapp/signature';

const PHONE_NUMBER_ID = '106540359990001';
const SECRET = 'http-test-secret';
let database: TTestDatabase;
let server: Awaited<ReturnType<typeof serveWebhookHttp>>;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const ws = await createWorkspace(database.db, 'Acme');
  await createWhatsAppChannel(database.db, { workspaceId: ws.id, phoneNumberId: PHONE_NUMBER_ID, appSecret: SECRET, name: 'WA', verifyToken: 'verify-me' });
  server = await serveWebhookHttp(database.db);
  base = server.url(PHONE_NUMBER_ID);
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

const post = (body: string | Uint8Array<ArrayBuffer>, signature: string | null) =>
  fetch(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
    body,
  });

describe('the webhook over HTTP', () => {
  it('answers the handshake with the challenge, and refuses a wrong token', async () => {
    const ok = await fetch(`${base}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444`);
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    const wrong = await fetch(`${base}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(wrong.status).toBe(403);
  });

  it('stores a signed message and answers 200 with what it stored; an unsigned one gets 401', async () => {
    const body = JSON.stringify(
      textMessageEnvelope({ phoneNumberId: PHONE_NUMBER_ID, from: '16505551234', name: 'Sheena', id: `wamid.${randomUUID()}`, body: 'Hi' }),
    );
    const signed = await post(body, signatureOf(body, SECRET));
    expect([signed.status, await signed.json()]).toEqual([200, { messages: 1, statuses: 0 }]);
    expect((await post(body, null)).status).toBe(401);
  });

  it('accepts a signed 3 MB body (Meta’s largest) and refuses one over the limit with 413', async () => {
    // About 3 MB of real messages: 150 customers writing 20 kB each.
    const messages = Array.from({ length: 150 }, (_, i) => ({
      from: `1650777${String(i).padStart(4, '0')}`,
      id: `wamid.big.${i}.${randomUUID()}`,
      timestamp: String(Math.floor(Date.now() / 1000)),
      type: 'text',
      text: { body: `${i} `.padEnd(20_000, 'x') },
    }));
    const envelope = textMessageEnvelope({ phoneNumberId: PHONE_NUMBER_ID, from: '1', name: 'x', id: 'x', body: 'x' });
    const value = envelope.entry[0]!.changes[0]!.value;
    Object.assign(value, { contacts: messages.map((m) => ({ profile: { name: 'Big' }, wa_id: m.from })), messages });
    const body = JSON.stringify(envelope);
    expect(body.length).toBeGreaterThan(3_000_000);
    const response = await post(body, signatureOf(body, SECRET));
    expect([response.status, await response.json()]).toEqual([200, { messages: 150, statuses: 0 }]);

    const huge = new Uint8Array(6 * 1024 * 1024).fill(0x20);
    expect((await post(huge, signatureOf(Buffer.from(huge), SECRET))).status).toBe(413);
  }, 60_000);

  it('answers 405 to other methods and 404 to an unknown number', async () => {
    expect((await fetch(base, { method: 'PUT' })).status).toBe(405);
    const body = '{}';
    expect(
      (
        await fetch(base.replace(PHONE_NUMBER_ID, '999'), {
          method: 'POST',
          body,
          headers: { 'x-hub-signature-256': signatureOf(body, SECRET) },
        })
      ).status,
    ).toBe(404);
  });

  it('answers 404 to a number reference that is not valid percent-encoding, instead of never answering', async () => {
    // decodeURIComponent throws on "%E0%A4%A": the handler rejected, the request hung and the process saw an
    // unhandled rejection. The bound only keeps a regression from hanging the run.
    for (const method of ['GET', 'POST']) {
      const response = await fetch(base.replace(PHONE_NUMBER_ID, '%E0%A4%A'), {
        method,
        body: method === 'POST' ? '{}' : undefined,
        signal: AbortSignal.timeout(5000),
      });
      expect(response.status).toBe(404);
    }
  });
});
