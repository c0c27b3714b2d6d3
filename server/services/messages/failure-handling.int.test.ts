import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts, conversations, messages } from '@/db/schema';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { mayRetry } from '@/server/domain/delivery-status';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createUser, createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import { deliverMessage } from './delivery';

/** The failures that need their own handling (131049, 130472, 131026), through Meta's status webhooks. */

const PHONE_NUMBER_ID = '106540352249999';
const SECRET = 'failure-secret';
let database: TTestDatabase;
let graph: TGraphServer;
let channelId: string;
let workspaceId: string;
let admin: { id: string };

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  graph = await serveFakeGraph(createFakeGraph({ deliver: async () => {}, statusDelayMs: 60_000 }));
  const ws = await createWorkspace(database.db, 'Acme');
  workspaceId = ws.id;
  admin = await createUser(database.db, ws.id, 'admin');
  channelId = (
    await createWhatsAppChannel(database.db, { workspaceId, phoneNumberId: PHONE_NUMBER_ID, appSecret: SECRET, graphBaseUrl: graph.url })
  ).id;
});
afterAll(async () => {
  await graph.close();
  await stopBoss();
  await database.drop();
});

function post(value: Record<string, unknown>) {
  const raw = Buffer.from(
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba-1',
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
    }),
  );
  return handleWhatsAppWebhook(database.db, channelId, raw, signatureOf(raw, SECRET));
}
const inbound = (from: string, id = `wamid.${randomUUID()}`) =>
  post({
    contacts: [{ profile: { name: 'Sara' }, wa_id: from }],
    messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000) - 30), type: 'text', text: { body: 'Hello?' } }],
  }).then(async () => (await database.db.select().from(messages).where(eq(messages.providerMessageId, id)))[0]!);

let phoneSeq = 1000;
async function sentTo() {
  const from = `96650000${phoneSeq++}`;
  const first = await inbound(from);
  const { messageId } = await callerFor(database.db, admin.id).message.send({
    conversationId: first.conversationId,
    clientKey: randomUUID(),
    content: { kind: 'text', text: 'Here is your order' },
  });
  await deliverMessage(database.db, messageId, { retryCount: 0, retryLimit: 5 });
  const [sent] = await database.db.select().from(messages).where(eq(messages.id, messageId));
  return { from, messageId, wamid: sent!.providerMessageId!, conversationId: first.conversationId };
}
const failWith = (wamid: string, code: number, title: string) =>
  post({
    statuses: [
      { id: wamid, status: 'failed', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '1', errors: [{ code, title }] },
    ],
  });
const row = async (id: number) => (await database.db.select().from(messages).where(eq(messages.id, id)))[0]!;
const contactOf = async (conversationId: string) => {
  const [c] = await database.db
    .select({ at: contacts.whatsappUnreachableAt, code: contacts.whatsappUnreachableCode })
    .from(contacts)
    .innerJoin(conversations, eq(conversations.contactId, contacts.id))
    .where(eq(conversations.id, conversationId));
  return c!;
};

describe('failures that need their own handling', () => {
  it.each([
    [
      131049,
      'This message was not delivered to maintain healthy ecosystem engagement.',
      /not retried automatically.*utility template.*24 hours/,
    ],
    [130472, "User's number is part of an experiment", /Meta experiment. It is not retried/],
  ])('%i fails for good with its own reason, and no retry is offered or accepted', async (code, title, reason) => {
    const { messageId, conversationId } = await sentTo().then(async (s) => (await failWith(s.wamid, code, title), s));
    const message = await row(messageId);
    expect(message).toMatchObject({ status: 'failed', errorCode: String(code), failureKind: 'permanent' });
    expect(message.errorReason).toMatch(reason);
    expect(mayRetry(message)).toBe(false);
    await expect(callerFor(database.db, admin.id).message.retry({ messageId })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // Neither marks the customer unreachable: only 131026 does.
    expect((await contactOf(conversationId)).at).toBeNull();
  });

  it('131026 marks the contact unreachable on WhatsApp (when and why), shows it in the conversation, and clears when they write again', async () => {
    const { from, messageId, wamid, conversationId } = await sentTo();
    const before = new Date();
    await failWith(wamid, 131026, 'Message Undeliverable');
    expect(await row(messageId)).toMatchObject({ status: 'failed', errorCode: '131026', failureKind: 'permanent' });
    expect((await row(messageId)).errorReason).toMatch(
      /^Message undeliverable: .*marked unreachable on WhatsApp until they write again\.$/,
    );
    const marked = await contactOf(conversationId);
    expect(marked.code).toBe('131026');
    expect(marked.at!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);

    const shown = await callerFor(database.db, admin.id).conversation.get({ id: conversationId });
    expect(shown.contact).toMatchObject({ whatsappUnreachableCode: '131026', whatsappUnreachableAt: marked.at });

    // A second undeliverable keeps the first time ("since").
    const again = await callerFor(database.db, admin.id).message.send({
      conversationId,
      clientKey: randomUUID(),
      content: { kind: 'text', text: 'Hello?' },
    });
    await deliverMessage(database.db, again.messageId, { retryCount: 0, retryLimit: 5 });
    await failWith((await row(again.messageId)).providerMessageId!, 131026, 'Message Undeliverable');
    expect((await contactOf(conversationId)).at).toEqual(marked.at);

    await inbound(from);
    expect(await contactOf(conversationId)).toEqual({ at: null, code: null });
    expect((await callerFor(database.db, admin.id).conversation.get({ id: conversationId })).contact.whatsappUnreachableAt).toBeNull();
  });

  it('a synchronous 131026 (the send itself refused) marks the contact too', async () => {
    const { messageId, conversationId } = await sentTo();
    // The same path the send's refusal takes: setStatus with the adapter's verdict.
    const { setStatus } = await import('./message-status');
    await database.db.update(messages).set({ status: 'queued' }).where(eq(messages.id, messageId));
    await setStatus(database.db, messageId, 'failed', { failure: { code: '131026', kind: 'permanent', data: {} } });
    expect((await contactOf(conversationId)).code).toBe('131026');
  });
});
