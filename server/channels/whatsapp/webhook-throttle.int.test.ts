import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { serveWebhookHttp } from '@/server/testing/webhook-server';
import { textMessageEnvelope } from './envelopes';
import { signatureOf } from './signature';
import { WEBHOOK_FAILURE_LIMITS } from './webhook-throttle';

const PHONE_NUMBER_ID = '106540359990077';
const SECRET = 'throttle-test-secret';
let database: TTestDatabase;
let server: Awaited<ReturnType<typeof serveWebhookHttp>>;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const ws = await createWorkspace(database.db, 'Acme');
  await createWhatsAppChannel(database.db, { workspaceId: ws.id, phoneNumberId: PHONE_NUMBER_ID, appSecret: SECRET, name: 'WA' });
  server = await serveWebhookHttp(database.db);
  base = server.url(PHONE_NUMBER_ID);
});
afterAll(async () => {
  await server.close();
  await database.drop();
});

const message = () =>
  JSON.stringify(
    textMessageEnvelope({ phoneNumberId: PHONE_NUMBER_ID, from: '16505550100', name: 'Ola', id: `wamid.${randomUUID()}`, body: 'Hi' }),
  );
const post = (body: string, signature: string, headers: Record<string, string> = {}) =>
  fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature, ...headers }, body });

describe('webhook flood protection over HTTP', () => {
  it('never throttles validly signed webhooks, refuses an address that keeps failing the signature with 429', async () => {
    // Well past the failure budget, all signed: none of them counts.
    for (let i = 0; i < WEBHOOK_FAILURE_LIMITS.perAddressAndChannel + 10; i++) {
      const body = message();
      expect((await post(body, signatureOf(body, SECRET))).status).toBe(200);
    }

    const forged = message();
    const statuses = [];
    for (let i = 0; i < WEBHOOK_FAILURE_LIMITS.perAddressAndChannel + 5; i++) statuses.push((await post(forged, 'sha256=00')).status);
    expect(statuses).toEqual([...Array(WEBHOOK_FAILURE_LIMITS.perAddressAndChannel).fill(401), ...Array(5).fill(429)]);

    const refused = await post(forged, 'sha256=00');
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([429, expect.stringMatching(/^([1-9]|[1-5]\d|60)$/)]);
    // Without TRUST_PROXY a client cannot step out of its budget by claiming another address.
    expect((await post(forged, 'sha256=00', { 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
    // The refusal comes before the body is read: a valid one from the same address waits too (Meta retries it).
    const valid = message();
    expect((await post(valid, signatureOf(valid, SECRET))).status).toBe(429);
  });

  it("keeps other workspaces' webhooks flowing while several workspaces' rotated secrets fail from the same address", async () => {
    const channel = async (phoneNumberId: string, appSecret: string) => {
      const ws = await createWorkspace(database.db, `Tenant ${phoneNumberId}`);
      await createWhatsAppChannel(database.db, { workspaceId: ws.id, phoneNumberId, appSecret, name: 'WA' });
    };
    const to = (phoneNumberId: string, body: string, signature: string) =>
      fetch(server.url(phoneNumberId), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body,
      });
    const rotated = ['200000000000001', '200000000000002', '200000000000003', '200000000000004', '200000000000005'];
    for (const id of rotated) await channel(id, 'the-new-secret');
    await channel('200000000000009', 'healthy-secret');
    // Meta still signs with the old secret: each rotated number fails until it is stopped on its own.
    for (const id of rotated) {
      for (let i = 0; i < WEBHOOK_FAILURE_LIMITS.perAddressAndChannel; i++) {
        const body = JSON.stringify(
          textMessageEnvelope({ phoneNumberId: id, from: '16505550100', name: 'Ola', id: `wamid.${randomUUID()}`, body: 'Hi' }),
        );
        expect((await to(id, body, signatureOf(body, 'the-old-secret'))).status).toBe(401);
      }
    }
    const body = JSON.stringify(
      textMessageEnvelope({ phoneNumberId: '200000000000009', from: '16505550100', name: 'Ola', id: `wamid.${randomUUID()}`, body: 'Hi' }),
    );
    expect((await to('200000000000009', body, signatureOf(body, 'healthy-secret'))).status).toBe(200);
    expect((await to(rotated[0]!, body, 'sha256=00')).status).toBe(429);
  });
});
