import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageMedia } from '@/db/schema';
import { publishEnv } from '@/server/env';
import { ingestInbound } from '@/server/services/ingest/ingest';
import { LocalMediaStorage } from '@/server/services/media/storage-local';
import { mediaStorage, setMediaStorageForTests } from '@/server/services/media/storage-select';
import { sampleBytes } from '@/server/services/simulator/media-samples';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createChannel, createUser, createWorkspace } from '@/server/testing/factories';
import { sessionCookieFor } from '@/server/testing/session-cookie';
import { dispositionName, mediaHttp, parseRange } from './media';

let database: TTestDatabase;
let server: Server;
let base: string;
let root: string;
let cookie: string;
let otherCookie: string;
const ids: Record<string, number> = {};

/** A stored file of this kind, as the download job leaves it. */
async function storedMedia(channelId: string, kind: 'image' | 'audio' | 'document', bytes: Buffer, mime: string, fileName: string | null) {
  const { messageId } = await ingestInbound(database.db, {
    channelId,
    externalId: '966551230000',
    providerMessageId: `wamid.${randomBytes(6).toString('hex')}`,
    sentAt: new Date(),
    kind,
    body: null,
    media: { providerMediaId: '1234567890', mimeType: mime, sha256: null, fileName, voice: kind === 'audio', animated: false },
  });
  const [row] = await database.db.select().from(messageMedia).where(eq(messageMedia.messageId, messageId));
  const { key } = await mediaStorage().put({ workspaceId: row!.workspaceId, body: bytes, contentType: mime });
  await database.db
    .update(messageMedia)
    .set({ state: 'stored', storageKey: key, mimeType: mime, sizeBytes: bytes.length })
    .where(eq(messageMedia.messageId, messageId));
  return messageId;
}

beforeAll(async () => {
  publishEnv('NEXTAUTH_SECRET', randomBytes(24).toString('base64url'));
  database = await createTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), 'nafidha-serve-'));
  setMediaStorageForTests(new LocalMediaStorage(root));
  const ws = await createWorkspace(database.db, 'Serve');
  const other = await createWorkspace(database.db, 'Elsewhere');
  const channel = await createChannel(database.db, ws.id, 'whatsapp');
  cookie = await sessionCookieFor((await createUser(database.db, ws.id, 'agent')).id);
  otherCookie = await sessionCookieFor((await createUser(database.db, other.id, 'admin')).id);
  ids.photo = await storedMedia(channel.id, 'image', sampleBytes('photo'), 'image/jpeg', null);
  ids.voice = await storedMedia(channel.id, 'audio', sampleBytes('voice'), 'audio/ogg', null);
  ids.pdf = await storedMedia(channel.id, 'document', sampleBytes('document'), 'application/pdf', 'فاتورة "1042".pdf');
  server = createServer((req, res) => void mediaHttp(database.db, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  setMediaStorageForTests(undefined);
  await new Promise((resolve) => server.close(resolve));
  await database.drop();
  await rm(root, { recursive: true, force: true });
});

const get = (id: number | string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/media/${id}`, { headers: { cookie, ...headers } });

describe('GET /api/media/<id>', () => {
  it('a photo: inline, its type, nosniff, private cache, the bytes', async () => {
    const res = await get(ids.photo!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toMatch(/^private/);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer()).equals(sampleBytes('photo'))).toBe(true);
  });

  it('a voice note by ranges: 206 with Content-Range, the exact bytes', async () => {
    const whole = sampleBytes('voice');
    const res = await get(ids.voice!, { range: 'bytes=10-99' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 10-99/${whole.length}`);
    expect(res.headers.get('content-length')).toBe('90');
    expect(Buffer.from(await res.arrayBuffer()).equals(whole.subarray(10, 100))).toBe(true);
    const tail = await get(ids.voice!, { range: 'bytes=-16' });
    expect(Buffer.from(await tail.arrayBuffer()).equals(whole.subarray(whole.length - 16))).toBe(true);
    const open = await get(ids.voice!, { range: 'bytes=0-' });
    expect(open.status).toBe(206);
    expect((await open.arrayBuffer()).byteLength).toBe(whole.length);
    const beyond = await get(ids.voice!, { range: `bytes=${whole.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${whole.length}`);
  });

  it('a document always downloads, under its (Arabic) name', async () => {
    const res = await get(ids.pdf!);
    expect(res.status).toBe(200);
    const disposition = res.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('فاتورة _1042_.pdf')}`);
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('no session: 401; another workspace: 404; unknown or malformed ids: 404', async () => {
    expect((await fetch(`${base}/api/media/${ids.photo}`)).status).toBe(401);
    expect((await get(ids.photo!, { cookie: otherCookie })).status).toBe(404);
    expect((await get(999999)).status).toBe(404);
    expect((await get('../etc/passwd')).status).toBe(404);
  });

  it('a file not stored yet is not found', async () => {
    await database.db.update(messageMedia).set({ state: 'pending' }).where(eq(messageMedia.messageId, ids.photo!));
    expect((await get(ids.photo!)).status).toBe(404);
    await database.db.update(messageMedia).set({ state: 'stored' }).where(eq(messageMedia.messageId, ids.photo!));
  });
});

describe('parseRange and dispositionName', () => {
  it.each([
    [undefined, null],
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=5-', { start: 5, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=90-500', { start: 90, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
    ['bytes=100-', 'unsatisfiable'],
    ['bytes=9-3', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=0-1,5-9', null],
    ['items=0-9', null],
    ['bytes=-', null],
  ])('%s of 100 bytes → %j', (header, expected) => expect(parseRange(header, 100)).toEqual(expected));
  it('names without quotes, slashes or control characters', () => {
    expect(dispositionName('a"b\\c/d\r\n.pdf')).toBe(`filename="a_b_c_d__.pdf"; filename*=UTF-8''a_b_c_d__.pdf`);
  });
  it('a long name cut where an emoji is takes the emoji whole (encodeURIComponent throws on half of one)', () => {
    const name = `${'a'.repeat(199)}\u{1F4C4}.pdf`;
    expect(dispositionName(name)).toBe(`filename="${'a'.repeat(199)}"; filename*=UTF-8''${'a'.repeat(199)}`);
  });
});
