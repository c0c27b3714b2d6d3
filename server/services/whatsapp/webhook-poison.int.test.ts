import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messages } from '@/db/schema';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createWorkspace } from '@/server/testing/factories';
import { handleWhatsAppWebhook } from './webhook';

/**
 * Webhooks that were answered 500 on every redelivery (so Meta would retry them for days and the message was never
 * stored). Each is signed, so it must be stored or explicitly ignored, with a 200.
 */
const PHONE_NUMBER_ID = '106540352240013';
const SECRET = 'poison-app-secret';
const DAY_MS = 24 * 3600 * 1000;
let database: TTestDatabase;
let channelId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const ws = await createWorkspace(database.db, 'Acme');
  const [channel] = await database.sql`
    insert into channels (workspace_id, type, name, external_id, config)
    values (${ws.id}, 'whatsapp', 'WA', ${PHONE_NUMBER_ID}, ${JSON.stringify({ phoneNumberId: PHONE_NUMBER_ID, accessToken: 't', appSecret: SECRET, verifyToken: 'v' })}::jsonb)
    returning id`;
  channelId = channel!.id;
});
afterAll(async () => {
  await database.drop();
});

const envelope = (value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: PHONE_NUMBER_ID }, ...value } }],
    },
  ],
});
/** Signs the exact text given: JSON.stringify would already escape a lone surrogate, as Meta's serialiser does. */
function post(payload: unknown) {
  const raw = Buffer.from(JSON.stringify(payload));
  return handleWhatsAppWebhook(database.db, channelId, raw, signatureOf(raw, SECRET));
}
const byProvider = async (id: string) => (await database.db.select().from(messages).where(eq(messages.providerMessageId, id)))[0];
const conversationOf = async (id: string) => (await database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
let phoneSeq = 0;
const nextPhone = () => `1650444${String((phoneSeq += 1)).padStart(4, '0')}`;

describe('timestamps out of range', () => {
  it.each([
    ['999999999999 (year 33658)', '999999999999'],
    ['10^30', `1${'0'.repeat(30)}`],
    ['10^30 as a number', 1e30],
    ['before WhatsApp existed', '1'],
    ['an hour in the future', () => String(Math.floor(Date.now() / 1000) + 3600)],
    ['not a number', 'soon'],
    ['missing', undefined],
  ])('stores a message with a timestamp %s at the receipt time, raw value kept', async (_label, timestamp) => {
    const id = `wamid.${randomUUID()}`;
    const from = nextPhone();
    const raw = typeof timestamp === 'function' ? timestamp() : timestamp;
    const before = Date.now();
    const response = await post(
      envelope({
        contacts: [{ profile: { name: 'Time Traveller' }, wa_id: from }],
        messages: [{ from, id, timestamp: raw, type: 'text', text: { body: 'hello from the future' } }],
      }),
    );
    const after = Date.now();
    expect(response.status).toBe(200);
    const message = (await byProvider(id))!;
    expect(message).toMatchObject({ kind: 'text', body: 'hello from the future' });
    expect(message.sentAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(message.sentAt!.getTime()).toBeLessThanOrEqual(after);
    expect((message.payload as { whatsapp: { timestamp?: unknown } }).whatsapp.timestamp).toEqual(raw);
    const conversation = await conversationOf(message.conversationId);
    expect(conversation.lastInboundAt!.getTime()).toBeLessThanOrEqual(after);
    expect(conversation.windowClosesAt!.getTime()).toBeLessThanOrEqual(after + DAY_MS);
  });

  it('keeps an earlier window when a later message arrives with a timestamp out of range', async () => {
    const from = nextPhone();
    const first = `wamid.${randomUUID()}`;
    const sentAt = Math.floor(Date.now() / 1000) - 600;
    await post(envelope({ messages: [{ from, id: first, timestamp: String(sentAt), type: 'text', text: { body: 'first' } }] }));
    const second = `wamid.${randomUUID()}`;
    expect(
      (await post(envelope({ messages: [{ from, id: second, timestamp: '999999999999', type: 'text', text: { body: 'x' } }] }))).status,
    ).toBe(200);
    const conversation = await conversationOf((await byProvider(second))!.conversationId);
    expect(conversation.windowClosesAt!.getTime()).toBeLessThanOrEqual(Date.now() + DAY_MS);
    expect(conversation.lastInboundAt!.getTime()).toBeGreaterThan(sentAt * 1000);
  });

  it('answers 200 to statuses with timestamps out of range', async () => {
    const statuses = ['999999999999', `1${'0'.repeat(30)}`, 'never', '-5'].map((timestamp) => ({
      id: `wamid.${randomUUID()}`,
      status: 'delivered',
      timestamp,
      recipient_id: '16505551234',
    }));
    expect(await post(envelope({ statuses }))).toEqual({ status: 200, body: JSON.stringify({ messages: 0, statuses: 4 }) });
  });
});

describe('text that is not well-formed', () => {
  it('stores a body, a name and a caption with lone surrogates, each replaced by U+FFFD, raw payload included', async () => {
    const from = nextPhone();
    const [text, image] = [`wamid.${randomUUID()}`, `wamid.${randomUUID()}`];
    const now = String(Math.floor(Date.now() / 1000));
    const response = await post(
      envelope({
        contacts: [{ profile: { name: 'Sur\udc00rogate' }, wa_id: from }],
        messages: [
          { from, id: text, timestamp: now, type: 'text', text: { body: 'a\ud800b' } },
          { from, id: image, timestamp: now, type: 'image', image: { id: '1', caption: 'cap\ud83d', mime_type: 'image/jpeg' } },
        ],
      }),
    );
    expect(response).toEqual({ status: 200, body: JSON.stringify({ messages: 2, statuses: 0 }) });
    expect(await byProvider(text)).toMatchObject({ body: 'a\ufffdb', payload: { whatsapp: { text: { body: 'a\ufffdb' } } } });
    expect(await byProvider(image)).toMatchObject({ kind: 'image', body: 'cap\ufffd' });
    const [identity] = await database.sql`select profile_name from contact_identities where external_id = ${from}`;
    expect(identity!.profile_name).toBe('Sur\ufffdrogate');
  });

  it('keeps a well-formed pair (an emoji) untouched', async () => {
    const id = `wamid.${randomUUID()}`;
    const from = nextPhone();
    await post(
      envelope({ messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'ok 👍🏽' } }] }),
    );
    expect((await byProvider(id))!.body).toBe('ok 👍🏽');
  });
});

describe('one bad message', () => {
  it('does not sink its batch-mates: a malformed one is stored as unsupported with its raw object and the reason', async () => {
    const from = nextPhone();
    const [good, wrongType, noTimestampType] = [`wamid.${randomUUID()}`, `wamid.${randomUUID()}`, `wamid.${randomUUID()}`];
    const now = String(Math.floor(Date.now() / 1000));
    const response = await post(
      envelope({
        contacts: [{ profile: { name: 'Mixed' }, wa_id: from }],
        messages: [
          { from, id: wrongType, timestamp: now, type: 'text', text: { body: 42 } },
          { from, id: noTimestampType, timestamp: now, type: 7 },
          { from, timestamp: now, type: 'text', text: { body: 'no id, so nothing to key it by' } },
          { from, id: good, timestamp: now, type: 'text', text: { body: 'fine' } },
        ],
      }),
    );
    expect(response.status).toBe(200);
    expect(await byProvider(good)).toMatchObject({ kind: 'text', body: 'fine' });
    expect(await byProvider(wrongType)).toMatchObject({
      kind: 'unsupported',
      body: null,
      payload: { whatsapp: { text: { body: 42 } }, unsupported: { reason: expect.stringContaining('text.body') } },
    });
    expect(await byProvider(noTimestampType)).toMatchObject({ kind: 'unsupported' });
  });

  it('does not sink the other entries and changes of the request when one of them is malformed', async () => {
    const id = `wamid.${randomUUID()}`;
    const good = envelope({
      messages: [{ from: nextPhone(), id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'kept' } }],
    });
    const response = await post({
      ...good,
      entry: [{ id: 7, changes: 'none' }, { changes: [{ field: 3 }, null, ...good.entry[0]!.changes] }, 'not an entry'],
    });
    expect(response).toEqual({ status: 200, body: JSON.stringify({ messages: 1, statuses: 0 }) });
    expect(await byProvider(id)).toMatchObject({ body: 'kept' });
  });

  it('does not sink its batch-mates when a contact entry is malformed', async () => {
    const from = nextPhone();
    const id = `wamid.${randomUUID()}`;
    const now = String(Math.floor(Date.now() / 1000));
    const response = await post(
      envelope({
        contacts: [{ profile: { name: 12 }, wa_id: from }, 'not a contact'],
        messages: [{ from, id, timestamp: now, type: 'text', text: { body: 'still here' } }],
      }),
    );
    expect(response.status).toBe(200);
    expect(await byProvider(id)).toMatchObject({ kind: 'text', body: 'still here' });
  });
});
