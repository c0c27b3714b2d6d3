import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversations, messageMedia, messages } from '@/db/schema';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { fakeMediaDownloads, putFakeMedia, sha256Base64 } from '@/server/channels/whatsapp/fake-media';
import { contactsMessage, locationMessage, mediaMessage, messageEnvelope } from '@/server/channels/whatsapp/media-envelopes';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import type { TMediaFileKind } from '@/server/domain/media-rules';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import { SAMPLE_OF_KIND, MEDIA_SAMPLES, sampleBytes } from '@/server/services/simulator/media-samples';
import { downloadMedia } from './download';
import { MEDIA_DOWNLOAD_ATTEMPTS } from './queue';
import { MediaStorageError, type TMediaStorage } from './storage';
import { LocalMediaStorage } from './storage-local';
import { mediaStorage, setMediaStorageForTests } from './storage-select';

const SECRET = 'media-secret';
const PHONE_NUMBER_ID = '550000000777';
let database: TTestDatabase;
let graph: TGraphServer;
let channelId: string;
let root: string;
let seq = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), 'nafidha-media-int-'));
  setMediaStorageForTests(new LocalMediaStorage(root));
  graph = await serveFakeGraph(createFakeGraph({ deliver: async () => {} }));
  const ws = await createWorkspace(database.db, 'Media Co');
  channelId = (
    await createWhatsAppChannel(database.db, {
      workspaceId: ws.id,
      phoneNumberId: PHONE_NUMBER_ID,
      appSecret: SECRET,
      graphBaseUrl: graph.url,
      requestTimeoutMs: 3000,
    })
  ).id;
});
afterAll(async () => {
  setMediaStorageForTests(undefined);
  await graph.close();
  await database.drop();
  await rm(root, { recursive: true, force: true });
});

/** Posts one customer message through the real webhook path; returns the stored message's id. */
async function receive(message: Record<string, unknown> & { type: string }, from = '966550000100') {
  const id = `wamid.media.${++seq}`;
  const raw = Buffer.from(JSON.stringify(messageEnvelope({ phoneNumberId: PHONE_NUMBER_ID, from, name: 'Huda Saleh', id }, message)));
  const response = await handleWhatsAppWebhook(database.db, channelId, raw, signatureOf(raw, SECRET));
  expect(response.status).toBe(200);
  const [row] = await database.db.select().from(messages).where(eq(messages.providerMessageId, id));
  return row!;
}

const mediaRow = async (messageId: number) =>
  (await database.db.select().from(messageMedia).where(eq(messageMedia.messageId, messageId)))[0]!;

function sampleMessage(
  kind: TMediaFileKind,
  options: { caption?: string; voice?: boolean; item?: Partial<Parameters<typeof putFakeMedia>[0]>; bytes?: Buffer } = {},
) {
  const sample = MEDIA_SAMPLES[SAMPLE_OF_KIND[kind]];
  const bytes = options.bytes ?? sampleBytes(SAMPLE_OF_KIND[kind]);
  const id = putFakeMedia({ bytes, mimeType: sample.mimeType, ...options.item });
  return {
    id,
    message: mediaMessage(kind, {
      id,
      mime_type: sample.mimeType,
      sha256: sha256Base64(bytes),
      caption: options.caption,
      filename: sample.fileName,
      voice: options.voice,
    }),
  };
}

describe('inbound media from real-shaped webhooks', () => {
  it.each<TMediaFileKind>(['image', 'video', 'audio', 'document', 'sticker'])(
    '%s: stored with its kind, a pending file, and downloaded',
    async (kind) => {
      const { id, message } = sampleMessage(kind, { caption: kind === 'image' ? 'the damaged box' : undefined, voice: kind === 'audio' });
      const stored = await receive(message);
      expect(stored.kind).toBe(kind);
      if (kind === 'image') expect(stored.body).toBe('the damaged box');
      const pending = await mediaRow(stored.id);
      expect(pending).toMatchObject({ state: 'pending', providerMediaId: id, voice: kind === 'audio', storageKey: null });
      if (kind === 'document') expect(pending.fileName).toBe('invoice.pdf');

      expect(await downloadMedia(database.db, stored.id)).toMatchObject({ outcome: 'stored' });
      const done = await mediaRow(stored.id);
      expect(done.state).toBe('stored');
      expect(done.sizeBytes).toBe(sampleBytes(SAMPLE_OF_KIND[kind]).length);
      const file = await mediaStorage().stat(done.storageKey!);
      expect(file?.size).toBe(done.sizeBytes);
      if (kind === 'image') expect(done).toMatchObject({ mimeType: 'image/jpeg', width: 64, height: 48 });
      if (kind === 'sticker') expect(done).toMatchObject({ mimeType: 'image/webp', width: 32, height: 32 });
      if (kind === 'audio') {
        expect(done.mimeType).toBe('audio/ogg');
        expect(done.durationSeconds).toBeGreaterThan(1.5);
        expect(done.durationSeconds).toBeLessThan(2.5);
      }
      if (kind === 'video') expect(done.durationSeconds).toBeGreaterThan(0.5);
      if (kind === 'document') expect(done.mimeType).toBe('application/pdf');
    },
  );

  it('the list says a voice note in words the browser translates, with its duration once downloaded', async () => {
    const { message } = sampleMessage('audio', { voice: true });
    const stored = await receive(message, '966550000101');
    const before = (await database.db.select().from(conversations).where(eq(conversations.id, stored.conversationId)))[0]!;
    expect(before.previewMedia).toEqual({ kind: 'audio', voice: true });
    expect(before.previewText).toBe('🎤 Voice message');
    await downloadMedia(database.db, stored.id);
    const after = (await database.db.select().from(conversations).where(eq(conversations.id, stored.conversationId)))[0]!;
    expect(after.previewMedia?.durationSeconds).toBeGreaterThan(1.5);
    expect(after.version).toBeGreaterThan(before.version);
  });

  it('a document keeps its file name in the list; a text after it clears the media preview', async () => {
    const { message } = sampleMessage('document');
    const stored = await receive(message, '966550000102');
    const row = async () => (await database.db.select().from(conversations).where(eq(conversations.id, stored.conversationId)))[0]!;
    expect((await row()).previewMedia).toEqual({ kind: 'document', fileName: 'invoice.pdf' });
    expect((await row()).previewText).toBe('📄 invoice.pdf');
    await receive({ type: 'text', text: { body: 'did you get it?' } }, '966550000102');
    expect((await row()).previewMedia).toBeNull();
    expect((await row()).previewText).toBe('did you get it?');
  });

  it('a location: its coordinates, name, address in the payload; no file', async () => {
    const stored = await receive(
      locationMessage({ latitude: 24.6947, longitude: 46.6851, name: 'Al Olaya Branch', address: 'King Fahd Rd, Riyadh' }),
    );
    expect(stored.kind).toBe('location');
    expect(stored.body).toBe('Al Olaya Branch, King Fahd Rd, Riyadh');
    expect((stored.payload as { location: unknown }).location).toEqual({
      latitude: 24.6947,
      longitude: 46.6851,
      name: 'Al Olaya Branch',
      address: 'King Fahd Rd, Riyadh',
      url: null,
    });
    expect(await database.db.select().from(messageMedia).where(eq(messageMedia.messageId, stored.id))).toEqual([]);
  });

  it('contacts: names, phones (with their WhatsApp id) and emails', async () => {
    const stored = await receive(
      contactsMessage([
        { name: 'Sara Al-Harbi', phone: '+966 55 123 4567', waId: '966551234567', email: 'sara@example.com' },
        { name: 'Omar', phone: '+971501112222' },
      ]),
    );
    expect(stored.kind).toBe('contacts');
    expect((stored.payload as { contacts: unknown }).contacts).toEqual([
      { name: 'Sara Al-Harbi', phones: [{ phone: '+966 55 123 4567', waId: '966551234567', type: 'CELL' }], emails: ['sara@example.com'] },
      { name: 'Omar', phones: [{ phone: '+971501112222', waId: null, type: 'CELL' }], emails: [] },
    ]);
  });

  it('a media message without an id is unavailable at once (nothing to fetch)', async () => {
    const stored = await receive({ type: 'image', image: { mime_type: 'image/jpeg', sha256: 'x' } });
    expect(await mediaRow(stored.id)).toMatchObject({ state: 'unavailable', unavailableReason: 'expired' });
  });

  it('a replayed webhook does not add a second file or job', async () => {
    const { message } = sampleMessage('image');
    const id = `wamid.media.replay`;
    const raw = Buffer.from(
      JSON.stringify(messageEnvelope({ phoneNumberId: PHONE_NUMBER_ID, from: '966550000103', name: 'H', id }, message)),
    );
    for (let i = 0; i < 2; i++) await handleWhatsAppWebhook(database.db, channelId, raw, signatureOf(raw, SECRET));
    const rows = await database.db.select({ id: messages.id }).from(messages).where(eq(messages.providerMessageId, id));
    expect(rows).toHaveLength(1);
    expect(await database.db.select().from(messageMedia).where(eq(messageMedia.messageId, rows[0]!.id))).toHaveLength(1);
  });
});

describe('downloads that cannot be done', () => {
  it("an expired id gets Meta's error and the file is unavailable: expired", async () => {
    const bytes = sampleBytes('photo');
    const id = putFakeMedia({ bytes, mimeType: 'image/jpeg', expired: true });
    const stored = await receive(mediaMessage('image', { id, mime_type: 'image/jpeg', sha256: sha256Base64(bytes) }));
    expect(await downloadMedia(database.db, stored.id)).toEqual({ outcome: 'unavailable', reason: 'expired' });
    expect(await mediaRow(stored.id)).toMatchObject({ state: 'unavailable', unavailableReason: 'expired', storageKey: null });
    // Settled: another run does nothing.
    expect(await downloadMedia(database.db, stored.id)).toEqual({ outcome: 'settled' });
  });

  it('a transient failure is retried, then succeeds', async () => {
    const { id, message } = sampleMessage('image', { item: { failTimes: 2 } });
    const stored = await receive(message);
    expect(await downloadMedia(database.db, stored.id)).toMatchObject({ outcome: 'retry' });
    expect(await downloadMedia(database.db, stored.id)).toMatchObject({ outcome: 'retry' });
    expect(await downloadMedia(database.db, stored.id)).toMatchObject({ outcome: 'stored' });
    expect(fakeMediaDownloads(id)).toBe(3);
    expect(await mediaRow(stored.id)).toMatchObject({ state: 'stored', attempts: 3 });
  });

  it('failures on every attempt end as download_failed', async () => {
    const { message } = sampleMessage('image', { item: { failTimes: 100 } });
    const stored = await receive(message);
    for (let i = 1; i < MEDIA_DOWNLOAD_ATTEMPTS; i++)
      expect(await downloadMedia(database.db, stored.id)).toMatchObject({ outcome: 'retry' });
    expect(await downloadMedia(database.db, stored.id)).toEqual({ outcome: 'unavailable', reason: 'download_failed' });
  });

  it('a slow download still arrives', async () => {
    const { message } = sampleMessage('document', { item: { slowMs: 700 } });
    const stored = await receive(message);
    expect(await downloadMedia(database.db, stored.id)).toMatchObject({ outcome: 'stored' });
  });

  it('bytes that do not match the announced sha256: sha_mismatch, nothing stored', async () => {
    const { message } = sampleMessage('image', { item: { sha256Override: sha256Base64(Buffer.from('other')) } });
    (message.image as { sha256: string }).sha256 = sha256Base64(Buffer.from('other'));
    const stored = await receive(message);
    expect(await downloadMedia(database.db, stored.id)).toEqual({ outcome: 'unavailable', reason: 'sha_mismatch' });
  });

  it('over the limit of its kind: too_large, refused before reading it all', async () => {
    const big = Buffer.concat([sampleBytes('photo'), Buffer.alloc(5 * 1024 * 1024)]);
    const { id, message } = sampleMessage('image', { bytes: big });
    const stored = await receive(message);
    expect(await downloadMedia(database.db, stored.id)).toEqual({ outcome: 'unavailable', reason: 'too_large' });
    expect(fakeMediaDownloads(id)).toBe(0);
  });

  it('a refused type (an HTML page sent as a document) and a renamed executable', async () => {
    const html = Buffer.from('<html><body><script>alert(1)</script></body></html>');
    const page = sampleMessage('document', { bytes: html, item: { mimeType: 'application/pdf' } });
    const first = await receive(page.message);
    // Declared a PDF, sniffed as markup: refused by its content, whatever Meta or the name says.
    expect(await downloadMedia(database.db, first.id)).toEqual({ outcome: 'unavailable', reason: 'refused_type' });

    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 1)]);
    const exe = sampleMessage('image', { bytes: elf, item: { mimeType: 'image/jpeg' } });
    const second = await receive(exe.message);
    expect(await downloadMedia(database.db, second.id)).toEqual({ outcome: 'unavailable', reason: 'executable' });

    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(60)]);
    const archive = sampleMessage('document', { bytes: zip });
    const third = await receive(archive.message);
    expect(await downloadMedia(database.db, third.id)).toEqual({ outcome: 'unavailable', reason: 'refused_type' });
  });

  it('storage that is full fails the file with storage_failed; unreachable storage is retried first', async () => {
    const failing = (failure: 'full' | 'unreachable'): TMediaStorage => ({
      put: () => Promise.reject(new MediaStorageError(failure, `disk ${failure}`)),
      get: () => Promise.reject(new MediaStorageError('not_found', 'x')),
      stat: () => Promise.resolve(null),
      delete: () => Promise.resolve(),
    });
    const real = mediaStorage();
    try {
      setMediaStorageForTests(failing('full'));
      const full = await receive(sampleMessage('image').message);
      expect(await downloadMedia(database.db, full.id)).toEqual({ outcome: 'unavailable', reason: 'storage_failed' });
      setMediaStorageForTests(failing('unreachable'));
      const down = await receive(sampleMessage('image').message);
      expect(await downloadMedia(database.db, down.id)).toMatchObject({ outcome: 'retry' });
      setMediaStorageForTests(real);
      expect(await downloadMedia(database.db, down.id)).toMatchObject({ outcome: 'stored' });
    } finally {
      setMediaStorageForTests(real);
    }
  });
});
