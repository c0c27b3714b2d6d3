// size: one webhook endpoint's contract (handshake, signatures, messages, number health, statuses) on one database, boss and fake Graph, with the envelope builders above the tests; split, each file would repeat that set-up.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdentities, conversations, messages } from '@/db/schema';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createUser, createWorkspace } from '@/server/testing/factories';
import { deliverMessage } from '@/server/services/messages/delivery';
import { handleWhatsAppWebhook, verifyWebhookSubscription } from './webhook';

const PHONE_NUMBER_ID = '106540352242922';
const SECRET = 'test-app-secret';
let database: TTestDatabase;
let channelId: string;
let workspaceId: string;
let graph: TGraphServer;

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  // A Graph API fake that accepts sends and reports nothing back: these tests post the statuses themselves.
  const fake = createFakeGraph({ deliver: async () => {}, statusDelayMs: 60_000 });
  graph = await serveFakeGraph(fake);
  const graphBaseUrl = graph.url;
  const ws = await createWorkspace(database.db, 'Acme');
  workspaceId = ws.id;
  const [channel] = await database.sql`
    insert into channels (workspace_id, type, name, external_id, config)
    values (${ws.id}, 'whatsapp', 'WA', ${PHONE_NUMBER_ID}, ${JSON.stringify({ phoneNumberId: PHONE_NUMBER_ID, accessToken: 't', appSecret: SECRET, verifyToken: 'verify-me', graphBaseUrl })}::jsonb)
    returning id`;
  channelId = channel!.id;
});
afterAll(async () => {
  await graph.close();
  await stopBoss();
  await database.drop();
});

const envelope = (value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_NUMBER_ID },
            ...value,
          },
        },
      ],
    },
  ],
});
const textMessage = (
  id: string,
  from = '16505551234',
  body = 'Does it come in another color?',
  timestamp = String(Math.floor(Date.now() / 1000) - 60),
) => ({
  contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: from }],
  messages: [{ from, id, timestamp, type: 'text', text: { body } }],
});
/** Serialises once and signs those exact bytes, as Meta does. */
function signed(payload: unknown, secret = SECRET) {
  const raw = Buffer.from(JSON.stringify(payload));
  return { raw, signature: signatureOf(raw, secret) };
}
const post = (raw: Buffer, signature: string | null) => handleWhatsAppWebhook(database.db, channelId, raw, signature);
const byProvider = async (id: string) => (await database.db.select().from(messages).where(eq(messages.providerMessageId, id)))[0];

describe('verification handshake', () => {
  it('echoes the challenge for the right token only', async () => {
    const params = (token: string) =>
      new URLSearchParams({ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': token });
    expect(await verifyWebhookSubscription(database.db, channelId, params('verify-me'))).toEqual({ status: 200, body: '1158201444' });
    expect((await verifyWebhookSubscription(database.db, channelId, params('wrong'))).status).toBe(403);
    expect((await verifyWebhookSubscription(database.db, randomUUID(), params('verify-me'))).status).toBe(404);
    expect((await verifyWebhookSubscription(database.db, 'no-such-number', params('verify-me'))).status).toBe(404);
    expect((await verifyWebhookSubscription(database.db, '../../etc', params('verify-me'))).status).toBe(404);
    // The number's phone_number_id names the same channel.
    expect(await verifyWebhookSubscription(database.db, PHONE_NUMBER_ID, params('verify-me'))).toEqual({ status: 200, body: '1158201444' });
  });
});

describe('signatures', () => {
  it.each([
    ['a missing signature', () => null],
    ['a signature with the wrong secret', (raw: Buffer) => signatureOf(raw, 'other-secret')],
    ['a malformed header', () => 'md5=abc'],
  ])('refuses %s with 401 and stores nothing', async (_label, sign) => {
    const id = `wamid.${randomUUID()}`;
    const { raw } = signed(envelope(textMessage(id)));
    expect((await post(raw, sign(raw))).status).toBe(401);
    expect(await byProvider(id)).toBeUndefined();
  });

  it('refuses a body re-serialised after signing (the bytes changed)', async () => {
    const id = `wamid.${randomUUID()}`;
    const { raw, signature } = signed(envelope(textMessage(id)));
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(raw.toString()), null, 2));
    expect((await post(reserialised, signature)).status).toBe(401);
    expect(await byProvider(id)).toBeUndefined();
  });

  it('answers 400 to a signed body that is not JSON or not an envelope', async () => {
    const notJson = Buffer.from('hello');
    expect((await post(notJson, signatureOf(notJson, SECRET))).status).toBe(400);
    const { raw, signature } = signed({ hello: 'world' });
    expect((await post(raw, signature)).status).toBe(400);
  });
});

describe('messages', () => {
  it('stores text PostgreSQL cannot hold (NUL characters) without them, alongside the rest of the request', async () => {
    const bad = `wamid.${randomUUID()}`;
    const good = `wamid.${randomUUID()}`;
    const payload = envelope({
      contacts: [{ profile: { name: 'Nul\u0000 Name' }, wa_id: '16505550001' }],
      messages: [
        { from: '16505550001', id: bad, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'a\u0000b' } },
        { from: '16505550001', id: good, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: 'fine' } },
      ],
    });
    const { raw, signature } = signed(payload);
    expect((await post(raw, signature)).status).toBe(200);
    expect((await byProvider(bad))?.body).toBe('ab');
    expect((await byProvider(good))?.body).toBe('fine');
  });

  it('stores a text message, opens the conversation and starts the window at Meta’s timestamp', async () => {
    const id = `wamid.${randomUUID()}`;
    const timestamp = String(Math.floor(Date.now() / 1000) - 3600);
    const { raw, signature } = signed(envelope(textMessage(id, '16505551234', 'Does it come in another color?', timestamp)));
    expect(await post(raw, signature)).toEqual({ status: 200, body: JSON.stringify({ messages: 1, statuses: 0 }) });
    const message = (await byProvider(id))!;
    expect(message).toMatchObject({ direction: 'in', kind: 'text', body: 'Does it come in another color?' });
    const [conversation] = await database.db.select().from(conversations).where(eq(conversations.id, message.conversationId));
    expect(conversation!.lastInboundAt).toEqual(new Date(Number(timestamp) * 1000));
    expect(conversation!.windowClosesAt).toEqual(new Date((Number(timestamp) + 24 * 3600) * 1000));
    const agent = await createUser(database.db, workspaceId, 'admin');
    expect(await callerFor(database.db, agent.id).conversation.get({ id: conversation!.id })).toMatchObject({
      displayName: 'Sheena Nelson',
      contact: { phone: '+16505551234' },
    });
  });

  it('treats a replayed delivery as a no-op', async () => {
    const id = `wamid.${randomUUID()}`;
    const { raw, signature } = signed(envelope(textMessage(id, '16505550001')));
    await post(raw, signature);
    expect((await post(raw, signature)).status).toBe(200);
    const stored = await database.db.select().from(messages).where(eq(messages.providerMessageId, id));
    expect(stored).toHaveLength(1);
  });

  it('keeps unknown types as unsupported, with the raw object', async () => {
    const id = `wamid.${randomUUID()}`;
    const payload = envelope({
      contacts: [{ profile: { name: 'New Type' }, wa_id: '16505550002' }],
      messages: [
        {
          from: '16505550002',
          id,
          timestamp: String(Math.floor(Date.now() / 1000)),
          // A type Meta has not documented yet (orders, once the example here, are read since #20).
          type: 'hologram',
          hologram: { catalog_id: '1', product_items: [] },
        },
      ],
    });
    const { raw, signature } = signed(payload);
    expect((await post(raw, signature)).status).toBe(200);
    expect(await byProvider(id)).toMatchObject({
      kind: 'unsupported',
      payload: { whatsapp: { type: 'hologram', hologram: { catalog_id: '1' } } },
    });
  });

  it('reads captions, button and list replies, and reactions', async () => {
    const now = String(Math.floor(Date.now() / 1000));
    const ids = [1, 2, 3].map(() => `wamid.${randomUUID()}`);
    const { raw, signature } = signed(
      envelope({
        contacts: [{ profile: { name: 'Media User' }, wa_id: '16505550003' }],
        messages: [
          {
            from: '16505550003',
            id: ids[0],
            timestamp: now,
            type: 'image',
            image: { caption: 'Taj Mahal', mime_type: 'image/jpeg', id: '100' },
          },
          {
            from: '16505550003',
            id: ids[1],
            timestamp: now,
            type: 'interactive',
            interactive: { type: 'button_reply', button_reply: { id: 'cancel', title: 'Cancel' } },
          },
          { from: '16505550003', id: ids[2], timestamp: now, type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '👍' } },
        ],
      }),
    );
    expect(JSON.parse((await post(raw, signature)).body)).toEqual({ messages: 3, statuses: 0 });
    expect(await byProvider(ids[0]!)).toMatchObject({ kind: 'image', body: 'Taj Mahal' });
    expect(await byProvider(ids[1]!)).toMatchObject({ kind: 'interactive', body: 'Cancel' });
    // A reaction is not a message: it attaches to the one it names (here one we do not have: nothing is stored).
    expect(await byProvider(ids[2]!)).toBeUndefined();
  });

  it('keys a user with an empty wa_id by their BSUID', async () => {
    const first = `wamid.${randomUUID()}`;
    const second = `wamid.${randomUUID()}`;
    const now = String(Math.floor(Date.now() / 1000));
    const value = (id: string) => ({
      contacts: [{ profile: { name: 'Username User' }, wa_id: '', user_id: 'US.1349' }],
      messages: [{ from: '', from_user_id: 'US.1349', id, timestamp: now, type: 'text', text: { body: 'hi' } }],
    });
    for (const id of [first, second]) {
      const { raw, signature } = signed(envelope(value(id)));
      expect((await post(raw, signature)).status).toBe(200);
    }
    expect((await byProvider(first))!.conversationId).toBe((await byProvider(second))!.conversationId);
    const identities = await database.db.select().from(contactIdentities).where(eq(contactIdentities.bsuid, 'US.1349'));
    expect(identities).toHaveLength(1);
  });

  it('stores a batch of 1,000 messages from one request, each once', async () => {
    const now = Math.floor(Date.now() / 1000);
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      from: `1650560${String(i).padStart(4, '0')}`,
      id: `wamid.batch.${i}.${now}`,
      timestamp: String(now),
      type: 'text',
      text: { body: `m${i}` },
    }));
    const { raw, signature } = signed(
      envelope({ contacts: batch.map((m) => ({ profile: { name: 'Batch' }, wa_id: m.from })), messages: batch }),
    );
    expect(JSON.parse((await post(raw, signature)).body)).toEqual({ messages: 1000, statuses: 0 });
    const [row] = await database.sql`select count(*)::int as n from messages where provider_message_id like ${`wamid.batch.%.${now}`}`;
    expect(row!.n).toBe(1000);
  }, 120_000);
});

describe('number health webhooks', () => {
  const qualityChange = (value: Record<string, unknown>) => ({
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', time: 1674864290, changes: [{ field: 'phone_number_quality_update', value }] }],
  });
  const health = async () =>
    (
      await database.sql`select quality_rating, status, messaging_limit_tier, messaging_limit from number_health where channel_id = ${channelId}`
    )[0]!;
  const historyCount = async () =>
    (await database.sql`select count(*)::int as n from number_health_history where channel_id = ${channelId}`)[0]!.n as number;

  it('turns a FLAGGED quality update into a low badge, once, with a history entry', async () => {
    await database.sql`insert into number_health (channel_id, workspace_id, display_phone_number, quality_rating, status, messaging_limit_tier, messaging_limit)
      values (${channelId}, ${workspaceId}, '15550783881', 'GREEN', 'CONNECTED', 'TIER_1K', 1000) on conflict do nothing`;
    const { raw, signature } = signed(qualityChange({ display_phone_number: '15550783881', event: 'FLAGGED', current_limit: 'TIER_1K' }));
    expect((await post(raw, signature)).status).toBe(200);
    expect(await health()).toMatchObject({ quality_rating: 'RED', status: 'FLAGGED' });
    const before = await historyCount();
    await post(raw, signature);
    expect(await historyCount()).toBe(before);
  });

  it('reads tier changes from the legacy and current forms and from business_capability_update', async () => {
    let body = signed(
      qualityChange({ display_phone_number: '+1 555 078 3881', event: 'THROUGHPUT_UPGRADE', current_limit: 'TIER_UNLIMITED' }),
    );
    await post(body.raw, body.signature);
    expect(await health()).toMatchObject({ messaging_limit_tier: 'TIER_UNLIMITED', messaging_limit: null });
    body = signed({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '524126980791429',
          changes: [{ field: 'business_capability_update', value: { max_daily_conversations_per_business: 2000 } }],
        },
      ],
    });
    await post(body.raw, body.signature);
    expect(await health()).toMatchObject({ messaging_limit_tier: 'TIER_2K', messaging_limit: 2000 });
  });

  it('ignores an update for a number the workspace does not have', async () => {
    const { raw, signature } = signed(qualityChange({ display_phone_number: '19998887777', event: 'FLAGGED' }));
    expect((await post(raw, signature)).status).toBe(200);
  });
});

describe('statuses', () => {
  async function sentMessage() {
    const id = `wamid.${randomUUID()}`;
    const { raw, signature } = signed(envelope(textMessage(id, `1650555${String(Math.floor(Math.random() * 10000)).padStart(4, '0')}`)));
    await post(raw, signature);
    const conversationId = (await byProvider(id))!.conversationId;
    const agent = await createUser(database.db, workspaceId, 'admin');
    const { messageId } = await callerFor(database.db, agent.id).message.send({
      conversationId,
      clientKey: randomUUID(),
      content: { kind: 'text', text: 'Yes, in blue' },
    });
    await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 5 });
    const [stored] = await database.db.select().from(messages).where(eq(messages.id, messageId));
    return { messageId, wamid: stored!.providerMessageId! };
  }
  const statusOf = async (messageId: number) => (await database.db.select().from(messages).where(eq(messages.id, messageId)))[0]!;
  const statusChange = (wamid: string, status: string, offset: number, extra: Record<string, unknown> = {}) => ({
    id: wamid,
    status,
    timestamp: String(Math.floor(Date.now() / 1000) + offset),
    recipient_id: '16505551234',
    ...extra,
  });

  it('moves forward only, whatever order the statuses arrive in (also across requests)', async () => {
    const { messageId, wamid } = await sentMessage();
    let body = signed(envelope({ statuses: [statusChange(wamid, 'read', 20), statusChange(wamid, 'delivered', 10)] }));
    expect(JSON.parse((await post(body.raw, body.signature)).body)).toEqual({ messages: 0, statuses: 2 });
    expect((await statusOf(messageId)).status).toBe('read');
    body = signed(envelope({ statuses: [statusChange(wamid, 'delivered', 10)] }));
    await post(body.raw, body.signature);
    expect((await statusOf(messageId)).status).toBe('read');
  });

  it('turns an asynchronous 131047 into "window closed; send a template"', async () => {
    const { messageId, wamid } = await sentMessage();
    const failed = statusChange(wamid, 'failed', 5, {
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          error_data: {
            details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          },
        },
      ],
    });
    const { raw, signature } = signed(envelope({ statuses: [failed] }));
    await post(raw, signature);
    expect(await statusOf(messageId)).toMatchObject({
      status: 'failed',
      errorCode: '131047',
      errorReason: 'Window closed; send a template.',
    });
  });
});
