import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageMedia, messages } from '@/db/schema';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { uploadWhatsAppMedia } from '@/server/channels/whatsapp/graph-upload';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { setMediaStorageForTests } from '@/server/services/media/storage-select';
import { LocalMediaStorage } from '@/server/services/media/storage-local';
import { acceptUpload } from '@/server/services/media/upload';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { deliverSignedWebhooks, serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createConversation, createTemplate, createUser, createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { deliverMessage, TransientDeliveryError } from './delivery';

/**
 * Media sent by agents, end to end below the browser: an upload, message.send under the window rule, and the send
 * job through the real WhatsApp adapter to the local Graph fake: `POST /{phone-number-id}/media`, then the message
 * by id (/work/shared/reference/meta-messaging.md §10), uploading once however often the send is retried.
 */
const SECRET = 'media-secret';
const HOUR = 3_600_000;
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
let database: TTestDatabase;
let graph: TGraphServer;
let fake: ReturnType<typeof createFakeGraph>;
let storage: LocalMediaStorage;
let root: string;
let agent: { id: string };
let stranger: { id: string };
let workspaceId: string;
let otherWorkspaceId: string;
let nextNumber = 730000000;

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  root = await mkdtemp(path.join(tmpdir(), 'nafidha-media-send-'));
  storage = new LocalMediaStorage(root);
  setMediaStorageForTests(storage);
  fake = createFakeGraph({
    statusDelayMs: 5,
    deliver: deliverSignedWebhooks(database.db, SECRET),
  });
  graph = await serveFakeGraph(fake);
  workspaceId = (await createWorkspace(database.db, 'Acme')).id;
  otherWorkspaceId = (await createWorkspace(database.db, 'Other')).id;
  agent = await createUser(database.db, workspaceId, 'agent');
  stranger = await createUser(database.db, otherWorkspaceId, 'admin');
});
afterAll(async () => {
  setMediaStorageForTests(undefined);
  await graph.close();
  await stopBoss();
  await database.drop();
  await rm(root, { recursive: true, force: true });
});

async function whatsappConversation(lastInboundAt: Date | null = new Date(Date.now() - HOUR)) {
  const phoneNumberId = String(nextNumber++);
  const channel = await createWhatsAppChannel(database.db, { workspaceId, phoneNumberId, appSecret: SECRET, graphBaseUrl: graph.url });
  const { conversation } = await createConversation(database.db, {
    workspaceId,
    channel: { id: channel.id, type: 'whatsapp' },
    assigneeId: agent.id,
    lastInboundAt,
  });
  await database.sql`insert into contact_identities (workspace_id, contact_id, channel_id, external_id)
    values (${workspaceId}, ${conversation.contactId}, ${channel.id}, ${`1650${phoneNumberId}`})`;
  return { conversationId: conversation.id, channelId: channel.id, phoneNumberId };
}

async function upload(bytes: Buffer, fileName: string, as = { workspaceId, userId: '' }) {
  const outcome = await acceptUpload(
    { workspaceId: as.workspaceId, userId: as.userId || agent.id, fileName, declaredKind: null, size: bytes.length, body: Readable.from([bytes]) },
    storage,
  );
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome.uploadId;
}
const as = (userId = agent.id) => callerFor(database.db, userId);
const row = async (id: number) => (await database.db.select().from(messages).where(eq(messages.id, id)))[0]!;
const mediaRow = async (id: number) => (await database.db.select().from(messageMedia).where(eq(messageMedia.messageId, id)))[0];
const uploadsTo = (phoneNumberId: string) => [...fake.uploads.values()].filter((u) => u.phoneNumberId === phoneNumberId);

describe('sending media', () => {
  it('uploads the file to Meta, then sends the message by its id, with the caption', async () => {
    const c = await whatsappConversation();
    const uploadId = await upload(TINY_PNG, 'parcel.png');
    const { messageId } = await as().message.send({ conversationId: c.conversationId, clientKey: randomUUID(), content: { kind: 'media', uploadId, caption: 'The parcel' } });
    expect(await row(messageId)).toMatchObject({ kind: 'image', body: 'The parcel', status: 'queued' });
    expect(await mediaRow(messageId)).toMatchObject({ state: 'stored', mimeType: 'image/png', sizeBytes: TINY_PNG.length, providerMediaId: null });

    expect((await deliverMessage(database.db, messageId)).outcome).toBe('sent');
    const [uploaded] = uploadsTo(c.phoneNumberId);
    expect(uploadsTo(c.phoneNumberId)).toHaveLength(1);
    expect(uploaded).toMatchObject({ mime: 'image/png', size: TINY_PNG.length });
    const media = await mediaRow(messageId);
    expect(media?.providerMediaId).toMatch(/^\d+$/);
    expect(media?.providerUploadedAt).not.toBeNull();
    expect(fake.sent.at(-1)).toMatchObject({ type: 'image', image: { id: media!.providerMediaId, caption: 'The parcel' } });
    expect((await row(messageId)).status).toBe('sent');
  });

  it('keeps a document\'s file name and lists it by name', async () => {
    const c = await whatsappConversation();
    const uploadId = await upload(PDF, 'invoice-42.pdf');
    const { messageId } = await as().message.send({ conversationId: c.conversationId, clientKey: randomUUID(), content: { kind: 'media', uploadId } });
    await deliverMessage(database.db, messageId);
    expect(fake.sent.at(-1)).toMatchObject({ type: 'document', document: { filename: 'invoice-42.pdf' } });
    const [conversation] = await database.sql`select preview_text, preview_media from conversations where id = ${c.conversationId}`;
    expect(conversation).toMatchObject({ preview_text: 'invoice-42.pdf', preview_media: { kind: 'document', fileName: 'invoice-42.pdf' } });

    // A text after it is the list's preview: the file's preview goes (the list shows preview_media whatever its direction).
    await as().message.send({ conversationId: c.conversationId, clientKey: randomUUID(), content: { kind: 'text', text: 'Here it is' } });
    const [after] = await database.sql`select preview_text, preview_media from conversations where id = ${c.conversationId}`;
    expect(after).toMatchObject({ preview_text: 'Here it is', preview_media: null });
  });

  it('retries a send that failed after the upload without uploading again, and never sends twice', async () => {
    const c = await whatsappConversation();
    const uploadId = await upload(TINY_PNG, 'retry.png');
    const clientKey = randomUUID();
    const content = { kind: 'media' as const, uploadId, caption: 'Retry me #5xx-once' };
    const { messageId } = await as().message.send({ conversationId: c.conversationId, clientKey, content });
    await expect(deliverMessage(database.db, messageId)).rejects.toBeInstanceOf(TransientDeliveryError);
    expect(uploadsTo(c.phoneNumberId)).toHaveLength(1);
    expect((await row(messageId)).status).toBe('queued');

    expect((await deliverMessage(database.db, messageId)).outcome).toBe('sent');
    expect(uploadsTo(c.phoneNumberId)).toHaveLength(1);
    expect(fake.accepted.get(String(messageId))).toBe(1);
    // The browser's retry of the same send (same key) is the same message.
    expect(await as().message.send({ conversationId: c.conversationId, clientKey, content })).toEqual({ messageId, duplicate: true });
  });

  it('refuses media once the window has closed, like text, and stores no message', async () => {
    const c = await whatsappConversation(new Date(Date.now() - 25 * HOUR));
    const uploadId = await upload(TINY_PNG, 'late.png');
    await expect(
      as().message.send({ conversationId: c.conversationId, clientKey: randomUUID(), content: { kind: 'media', uploadId } }),
    ).rejects.toMatchObject({ message: expect.stringContaining('24-hour') });
    const [counted] = await database.sql`select count(*)::int as count from messages where conversation_id = ${c.conversationId}`;
    expect(counted?.count).toBe(0);
  });

  it("refuses another workspace's upload, or another user's, as not found", async () => {
    const c = await whatsappConversation();
    const theirs = await upload(TINY_PNG, 'theirs.png', { workspaceId: otherWorkspaceId, userId: stranger.id });
    await expect(
      as().message.send({ conversationId: c.conversationId, clientKey: randomUUID(), content: { kind: 'media', uploadId: theirs } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const colleague = await createUser(database.db, workspaceId, 'agent');
    const colleagues = await upload(TINY_PNG, 'colleague.png', { workspaceId, userId: colleague.id });
    await expect(
      as().message.send({ conversationId: c.conversationId, clientKey: randomUUID(), content: { kind: 'media', uploadId: colleagues } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const forged = `${theirs.split('.')[0]}.${'A'.repeat(43)}`;
    await expect(
      as().message.send({ conversationId: c.conversationId, clientKey: randomUUID(), content: { kind: 'media', uploadId: forged } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('fails the message with a reason when its file is gone from storage', async () => {
    const c = await whatsappConversation();
    const uploadId = await upload(TINY_PNG, 'gone.png');
    const { messageId } = await as().message.send({ conversationId: c.conversationId, clientKey: randomUUID(), content: { kind: 'media', uploadId } });
    await storage.delete((await mediaRow(messageId))!.storageKey!);
    expect((await deliverMessage(database.db, messageId)).outcome).toBe('failed');
    expect(await row(messageId)).toMatchObject({ status: 'failed', errorCode: 'MEDIA_FILE_MISSING' });
    expect(uploadsTo(c.phoneNumberId)).toHaveLength(0);
  });

  it('is refused by the Graph fake, like Meta, for a type it does not accept (131053)', async () => {
    const c = await whatsappConversation();
    const [channel] = await database.sql`select id, type, config from channels where id = ${c.channelId}`;
    const result = await uploadWhatsAppMedia(
      { id: channel!.id, type: 'whatsapp', config: channel!.config },
      { bytes: Buffer.from('hello'), mime: 'application/x-msdownload', fileName: 'setup.exe' },
    );
    expect(result).toMatchObject({ ok: false, retry: 'permanent', code: '131053' });
  });
});

describe('templates with a media header', () => {
  const components = [
    { type: 'HEADER', format: 'IMAGE' },
    { type: 'BODY', text: 'Your order {{1}} has shipped.' },
  ];

  it('sends the uploaded image as the header parameter, uploaded first', async () => {
    const c = await whatsappConversation(new Date(Date.now() - 30 * HOUR));
    const template = await createTemplate(database.db, { workspaceId, channelId: c.channelId, name: 'shipped', language: 'en', category: 'UTILITY', components });
    const uploadId = await upload(TINY_PNG, 'label.png');
    const { messageId } = await as().message.send({
      conversationId: c.conversationId,
      clientKey: randomUUID(),
      content: { kind: 'template', templateId: template.id, params: { 'body.1': 'A-17' }, headerMedia: { uploadId } },
    });
    expect((await deliverMessage(database.db, messageId)).outcome).toBe('sent');
    const media = await mediaRow(messageId);
    expect(uploadsTo(c.phoneNumberId)).toHaveLength(1);
    expect(fake.sent.at(-1)).toMatchObject({
      type: 'template',
      template: {
        name: 'shipped',
        components: [
          { type: 'header', parameters: [{ type: 'image', image: { id: media!.providerMediaId } }] },
          { type: 'body', parameters: [{ type: 'text', text: 'A-17' }] },
        ],
      },
    });
  });

  it('sends a header link as is, and refuses a template without its header media or with the wrong kind', async () => {
    const c = await whatsappConversation();
    const template = await createTemplate(database.db, { workspaceId, channelId: c.channelId, name: 'shipped_link', language: 'en', category: 'UTILITY', components });
    const send = (headerMedia?: { kind: 'image' | 'video' | 'document'; link: string } | { uploadId: string }) =>
      as().message.send({
        conversationId: c.conversationId,
        clientKey: randomUUID(),
        content: { kind: 'template', templateId: template.id, params: { 'body.1': 'B-2' }, headerMedia },
      });
    const { messageId } = await send({ kind: 'image', link: 'https://cdn.example.com/label.png' });
    expect((await deliverMessage(database.db, messageId)).outcome).toBe('sent');
    expect(fake.sent.at(-1)).toMatchObject({
      template: { components: [{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/label.png' } }] }, { type: 'body' }] },
    });
    expect(uploadsTo(c.phoneNumberId)).toHaveLength(0);
    await expect(send()).rejects.toMatchObject({ message: expect.stringContaining('header') });
    await expect(send({ kind: 'video', link: 'https://cdn.example.com/a.mp4' })).rejects.toMatchObject({ message: expect.stringContaining('header') });
    await expect(send({ uploadId: await upload(PDF, 'a.pdf') })).rejects.toMatchObject({ message: expect.stringContaining('header') });
    await expect(send({ kind: 'image', link: 'http://cdn.example.com/label.png' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
