import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type TDatabase } from '@/db/client';
import { conversations, messages } from '@/db/schema';
import type { TInboundMessage } from '@/server/channels/inbound';
import { FREE_ENTRY_MS, type TReferral } from '@/server/domain/free-entry';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { ingestInbound } from '@/server/services/ingest/ingest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createTemplate, createUser, createWorkspace } from '@/server/testing/factories';
import { rowGate } from '@/server/testing/row-gate';
import { deliverMessage } from './delivery';
import { setStatus } from './message-status';

/** The free entry point end to end: ingest keeps the referral, the first reply that reaches Meta starts the 72 h. */

let database: TTestDatabase;
let side: TDatabase;
let ws: { id: string };
let agent: { id: string };
let channelId: string;
const H = 3_600_000;

beforeAll(async () => {
  database = await createTestDatabase();
  side = connect(database.url, { max: 3 });
  await startBoss(database.url);
  ws = await createWorkspace(database.db, 'Acme');
  agent = await createUser(database.db, ws.id, 'agent', 'Agent A');
  channelId = (await createChannel(database.db, ws.id, 'whatsapp')).id;
});
afterAll(async () => {
  await stopBoss();
  await side.sql.end();
  await database.drop();
});
const { inOrder } = rowGate(() => side);

const ad = (headline: string): TReferral => ({
  sourceType: 'ad',
  sourceId: '120208',
  sourceUrl: 'https://fb.me/3cr4Wqqkv',
  headline,
  body: 'Free delivery this week',
  mediaType: 'image',
  imageUrl: 'https://scontent.example/ad.jpg',
  videoUrl: null,
  thumbnailUrl: null,
  ctwaClid: 'ARAkLkA8rmlFeiCktEJQ',
});

let phone = 966500100000;
const inbound = (patch: Partial<TInboundMessage>): TInboundMessage => ({
  channelId,
  externalId: String(phone),
  phone: `+${phone}`,
  providerMessageId: `wamid.${randomUUID()}`,
  sentAt: new Date(),
  kind: 'text',
  body: 'Is it still on offer?',
  ...patch,
});
const conv = async (id: string) => (await database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
const dbNow = async () => new Date((await database.db.execute<{ now: string }>(sql`select now() as now`))[0]!.now);

async function fromAd(sentAt = new Date(), headline = 'Summer sale') {
  phone += 1;
  return (await ingestInbound(database.db, inbound({ sentAt, referral: ad(headline) }))).conversationId;
}
async function reply(conversationId: string, body = 'Yes, until Friday') {
  const { messageId } = await callerFor(database.db, agent.id).message.send({
    conversationId,
    clientKey: randomUUID(),
    content: { kind: 'text', text: body },
  });
  return messageId;
}

describe('ingest keeps the referral', () => {
  it('stores the newest referral and its time on the conversation, and the raw one in the payload', async () => {
    const sentAt = new Date(Date.now() - 60_000);
    const id = await fromAd(sentAt);
    const c = await conv(id);
    expect(c.referral).toMatchObject({ headline: 'Summer sale', sourceType: 'ad', ctwaClid: 'ARAkLkA8rmlFeiCktEJQ' });
    expect(c.referralAt).toEqual(sentAt);
    expect(c.referralAnsweredAt).toBeNull();
    expect(c.freeEntryUntil).toBeNull();
  });

  it('a later referral replaces it; an older one delivered late does not; a plain message leaves it', async () => {
    const first = new Date(Date.now() - 2 * H);
    const id = await fromAd(first, 'First ad');
    const sameCustomer = { externalId: String(phone), phone: `+${phone}` };
    await ingestInbound(database.db, inbound({ ...sameCustomer, sentAt: new Date(Date.now() - H), referral: ad('Second ad') }));
    expect((await conv(id)).referral?.headline).toBe('Second ad');
    await ingestInbound(database.db, inbound({ ...sameCustomer, sentAt: new Date(Date.now() - 3 * H), referral: ad('Old ad') }));
    await ingestInbound(database.db, inbound({ ...sameCustomer, body: 'no referral here' }));
    const c = await conv(id);
    expect(c.referral?.headline).toBe('Second ad');
    expect(c.referralAt!.getTime()).toBeGreaterThan(first.getTime());
  });
});

describe('the first reply starts the free entry point', () => {
  it('starts when the reply reaches the provider, ends 72 h later, and a second reply changes nothing', async () => {
    const id = await fromAd(new Date(Date.now() - H));
    const messageId = await reply(id);
    // Queued is not a reply yet: Meta has not got it.
    expect((await conv(id)).referralAnsweredAt).toBeNull();
    const before = await dbNow();
    expect((await deliverMessage(database.db, messageId)).outcome).toBe('sent');
    const started = await conv(id);
    expect(started.referralAnsweredAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(started.freeEntryUntil).toEqual(new Date(started.referralAnsweredAt!.getTime() + FREE_ENTRY_MS));

    await deliverMessage(database.db, await reply(id, 'Anything else?'));
    const after = await conv(id);
    expect(after.referralAnsweredAt).toEqual(started.referralAnsweredAt);
    expect(after.freeEntryUntil).toEqual(started.freeEntryUntil);

    const got = await callerFor(database.db, agent.id, ws.id).conversation.get({ id });
    expect(got.freeEntryUntil).toBe(started.freeEntryUntil!.toISOString());
    expect(got.referral).toEqual({
      sourceType: 'ad',
      sourceUrl: 'https://fb.me/3cr4Wqqkv',
      headline: 'Summer sale',
      body: 'Free delivery this week',
      ctwaClid: 'ARAkLkA8rmlFeiCktEJQ',
    });
  });

  it('a reply 24 h or more after the referral answers it but starts nothing', async () => {
    // 24 h to the millisecond before the database's clock: the window the reply had to come in has just ended.
    const id = await fromAd(new Date((await dbNow()).getTime() - 24 * H));
    // At exactly 24 h free-form text is refused (the window has lapsed): the late answer is a template.
    await expect(reply(id)).rejects.toMatchObject({ message: expect.any(String) });
    await deliverMessage(database.db, await templateReply(id));
    const c = await conv(id);
    expect(c.referralAnsweredAt).not.toBeNull();
    expect(c.freeEntryUntil).toBeNull();
  });

  it('a failed reply is no answer, and a conversation without a referral is left alone', async () => {
    const id = await fromAd(new Date(Date.now() - H));
    const messageId = await reply(id);
    await setStatus(database.db, messageId, 'failed', { failure: { code: '131026', kind: 'permanent' } });
    expect((await conv(id)).referralAnsweredAt).toBeNull();

    phone += 1;
    const plain = (await ingestInbound(database.db, inbound({}))).conversationId;
    await deliverMessage(database.db, await reply(plain));
    expect(await conv(plain)).toMatchObject({ referralAnsweredAt: null, freeEntryUntil: null });
    expect((await callerFor(database.db, agent.id, ws.id).conversation.get({ id: plain })).freeEntryUntil).toBeNull();
  });

  it('a message written before the referral is no answer to it, even if Meta gets it after', async () => {
    const id = await fromAd(new Date(Date.now() - H));
    const early = await reply(id);
    await database.db.update(messages).set({ createdAt: new Date(Date.now() - 2 * H) }).where(eq(messages.id, early));
    await deliverMessage(database.db, early);
    expect((await conv(id)).referralAnsweredAt).toBeNull();
  });

  it('a later referral is a new opportunity: its first reply starts a new period', async () => {
    const id = await fromAd(new Date(Date.now() - 2 * H), 'First ad');
    await deliverMessage(database.db, await reply(id));
    const first = await conv(id);
    await ingestInbound(
      database.db,
      // After the first answer (a referral older than it would count as answered by it).
      inbound({ externalId: String(phone), phone: `+${phone}`, sentAt: await dbNow(), referral: ad('Second ad') }),
    );
    expect((await conv(id)).freeEntryUntil).toEqual(first.freeEntryUntil);
    await deliverMessage(database.db, await reply(id, 'Welcome back'));
    const second = await conv(id);
    expect(second.referralAnsweredAt!.getTime()).toBeGreaterThan(first.referralAnsweredAt!.getTime());
    expect(second.freeEntryUntil).toEqual(new Date(second.referralAnsweredAt!.getTime() + FREE_ENTRY_MS));
  });

  it('two replies reaching the provider at once start it once', async () => {
    const id = await fromAd(new Date(Date.now() - H));
    const [a, b] = [await reply(id, 'one'), await reply(id, 'two')];
    const outcomes = await inOrder(
      [id],
      [a, b].map((m) => () => setStatus(database.db, m, 'sent', { providerMessageId: `wamid.race.${m}` })),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    const c = await conv(id);
    expect(c.freeEntryUntil).toEqual(new Date(c.referralAnsweredAt!.getTime() + FREE_ENTRY_MS));
    // The second writer re-read the row after the first committed, found the referral answered and left it: had it
    // written, the answer would be its own (later) transaction's time.
    const sentAt = await database.db.execute<{ at: string }>(
      sql`select status_updated_at as at from messages where id = ${a}`,
    );
    expect(c.referralAnsweredAt).toEqual(new Date(sentAt[0]!.at));
  });

  it('another workspace cannot read the referral of this one', async () => {
    const id = await fromAd();
    const other = await createWorkspace(database.db, 'Other');
    const stranger = await createUser(database.db, other.id, 'admin', 'Stranger');
    await expect(callerFor(database.db, stranger.id, other.id).conversation.get({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

async function templateReply(conversationId: string): Promise<number> {
  const template = await createTemplate(database.db, {
    workspaceId: ws.id,
    channelId,
    name: `follow_up_${randomUUID().slice(0, 8)}`,
    language: 'en',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'We are still here for you.' }],
  });
  const { messageId } = await callerFor(database.db, agent.id).message.send({
    conversationId,
    clientKey: randomUUID(),
    content: { kind: 'template', templateId: template.id, params: {} },
  });
  return messageId;
}
