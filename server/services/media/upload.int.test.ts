import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { secretsKey } from '@/server/secrets/key';
import { LocalMediaStorage } from './storage-local';
import { acceptUpload, type TUploadRequest } from './upload';
import { openUpload } from './upload-token';

/**
 * The upload's checks against real files in a real (temporary) storage directory: a refused file leaves nothing on
 * disk; an accepted one is stored whole, and its id opens to its facts.
 */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
const PE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58, 0), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64, 0), Buffer.from('PE\0\0'), Buffer.alloc(64, 1)]);
const HTML = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
const WORKSPACE = '6f1c0d6e-8d0e-4f0a-9a57-5b1d2a3c4e5f';
const USER = '0b9e7c1d-2f3a-4b5c-8d6e-7f8091a2b3c4';

let root: string;
let storage: LocalMediaStorage;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'nafidha-upload-'));
  storage = new LocalMediaStorage(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
beforeEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const request = (bytes: Buffer, fileName: string, extra: Partial<TUploadRequest> = {}): TUploadRequest => ({
  workspaceId: WORKSPACE,
  userId: USER,
  fileName,
  declaredKind: null,
  size: bytes.length,
  body: Readable.from([bytes]),
  ...extra,
});

async function storedFiles(): Promise<string[]> {
  const found = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  return found.filter((entry) => entry.split(path.sep).length === 3);
}

describe('acceptUpload', () => {
  it('stores a PNG and returns an id bound to its workspace and user', async () => {
    const outcome = await acceptUpload(request(TINY_PNG, 'photo.png'), storage);
    expect(outcome).toMatchObject({ ok: true, kind: 'image', mime: 'image/png', size: TINY_PNG.length, fileName: 'photo.png' });
    if (!outcome.ok) throw new Error('refused');
    const facts = openUpload(outcome.uploadId, secretsKey());
    expect(facts).toMatchObject({ workspaceId: WORKSPACE, userId: USER, kind: 'image', size: TINY_PNG.length });
    expect((await storage.stat(facts!.storageKey))?.size).toBe(TINY_PNG.length);
    expect(await storedFiles()).toHaveLength(1);
  });

  it('streams a large document without judging by its name', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const chunks = Array.from({ length: 48 }, (_, i) => pdf.subarray((i * pdf.length) / 48, ((i + 1) * pdf.length) / 48));
    const outcome = await acceptUpload(request(pdf, 'scan-0042', { body: Readable.from(chunks) }), storage);
    expect(outcome).toMatchObject({ ok: true, kind: 'document', mime: 'application/pdf', size: pdf.length });
  });

  it.each([
    ['an ELF executable saved as .jpg', ELF, 'holiday.jpg', 'executable'],
    ['a PE executable saved as .jpg', PE, 'holiday.jpg', 'executable'],
    ['a zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.alloc(60, 1)]), 'archive.pdf', 'refused_type'],
  ])('refuses %s and stores nothing', async (_label, bytes, name, reason) => {
    expect(await acceptUpload(request(bytes, name), storage)).toEqual({ ok: false, reason });
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses an HTML page called photo.png as a photo (markup is refused as a type, whatever the name says)', async () => {
    expect(await acceptUpload(request(HTML, 'photo.png', { declaredKind: 'image' }), storage)).toEqual({ ok: false, reason: 'refused_type' });
    expect(await storedFiles()).toEqual([]);
    // Nor as a document: an HTML page is no type Meta sends, and markup is never stored (media-rules' looksLikeText).
    expect(await acceptUpload(request(HTML, 'photo.png'), storage)).toEqual({ ok: false, reason: 'refused_type' });
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses an empty file', async () => {
    expect(await acceptUpload(request(Buffer.alloc(0), 'empty.png'), storage)).toEqual({ ok: false, reason: 'empty' });
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses an image over 5 MB from its announced length, reading nothing past the sniff', async () => {
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(5 * 1024 * 1024, 0)]);
    expect(await acceptUpload(request(big, 'big.png'), storage)).toEqual({ ok: false, reason: 'too_large', limitBytes: 5 * 1024 * 1024 });
    // Over every kind's limit: refused before a byte is read.
    const body = new Readable({ read: () => undefined });
    expect(await acceptUpload(request(Buffer.alloc(0), 'huge.pdf', { size: 101 * 1024 * 1024, body }), storage)).toMatchObject({
      ok: false,
      reason: 'too_large',
    });
    expect(body.readableFlowing).toBe(null);
    expect(await storedFiles()).toEqual([]);
  });

  it('refuses a file of another kind than the one declared', async () => {
    expect(await acceptUpload(request(TINY_PNG, 'photo.png', { declaredKind: 'video' }), storage)).toEqual({ ok: false, reason: 'wrong_kind' });
  });

  it('stores nothing when the body ends before its announced length', async () => {
    await expect(acceptUpload(request(TINY_PNG, 'photo.png', { size: TINY_PNG.length + 100 }), storage)).rejects.toThrow(/announced/);
    expect(await storedFiles()).toEqual([]);
  });
});
