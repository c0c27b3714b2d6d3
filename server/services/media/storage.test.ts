import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/server/env';
import { isMediaKey, MediaStorageError, newMediaKey } from './storage';
import { storageFor } from './storage-select';
import { LocalMediaStorage } from './storage-local';
import { S3MediaStorage, s3FailureOf } from './storage-s3';

const WORKSPACE = '0f8fad5b-d9cb-469f-a165-70867728950e';
let root: string;
let storage: LocalMediaStorage;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'nafidha-media-'));
  storage = new LocalMediaStorage(root);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('LocalMediaStorage', () => {
  it('puts a buffer and gets it back whole, under a key of ours', async () => {
    const { key, size } = await storage.put({ workspaceId: WORKSPACE, body: Buffer.from('hello media'), contentType: 'text/plain' });
    expect(isMediaKey(key)).toBe(true);
    expect(key.startsWith(`${WORKSPACE}/`)).toBe(true);
    expect(size).toBe(11);
    expect(await storage.stat(key)).toEqual({ size: 11 });
    const got = await storage.get(key);
    expect(got.size).toBe(11);
    expect(await text(got.body)).toBe('hello media');
  });

  it('puts a stream, and reads an inclusive byte range', async () => {
    const { key } = await storage.put({
      workspaceId: WORKSPACE,
      body: Readable.from([Buffer.from('0123'), Buffer.from('456789')]),
      contentType: 'audio/ogg',
    });
    const got = await storage.get(key, { start: 2, end: 5 });
    expect(got.size).toBe(10);
    expect(await text(got.body)).toBe('2345');
  });

  it('a missing key: stat null, get not_found, delete is fine', async () => {
    const missing = newMediaKey(WORKSPACE);
    expect(await storage.stat(missing)).toBeNull();
    await expect(storage.get(missing)).rejects.toMatchObject({ failure: 'not_found' });
    await expect(storage.delete(missing)).resolves.toBeUndefined();
  });

  it('delete removes the bytes', async () => {
    const { key } = await storage.put({ workspaceId: WORKSPACE, body: Buffer.from('x'), contentType: 'text/plain' });
    await storage.delete(key);
    expect(await storage.stat(key)).toBeNull();
  });

  it.each(['../../etc/passwd', `${WORKSPACE}/../../x`, '/etc/passwd', '', `${WORKSPACE}/2026-01/not-a-uuid`])(
    'refuses a key it did not make: %s',
    async (key) => {
      await expect(storage.get(key)).rejects.toMatchObject({ failure: 'not_found' });
      await expect(storage.delete(key)).rejects.toBeInstanceOf(MediaStorageError);
    },
  );

  it('a disk it cannot write is a storage failure the caller can name, and leaves no partial file', async () => {
    const blocker = path.join(root, 'not-a-directory');
    await writeFile(blocker, 'x');
    const broken = new LocalMediaStorage(blocker);
    const failure = await broken
      .put({ workspaceId: WORKSPACE, body: Buffer.from('x'), contentType: 'text/plain' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(MediaStorageError);
    expect((failure as MediaStorageError).failure).toBe('unreachable');
  });

  it('a stream that breaks mid-way is a failure, not a truncated file', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('part'));
        this.destroy(new Error('socket hang up'));
      },
    });
    await expect(storage.put({ workspaceId: WORKSPACE, body: failing, contentType: 'video/mp4' })).rejects.toMatchObject({
      failure: 'unreachable',
    });
  });
});

describe('newMediaKey', () => {
  it('workspace/month/uuid, and only for a uuid workspace', () => {
    expect(newMediaKey(WORKSPACE, new Date('2026-12-03T06:00:00Z'))).toMatch(new RegExp(`^${WORKSPACE}/2026-12/[0-9a-f-]{36}$`));
    expect(() => newMediaKey('../x')).toThrow();
  });
});

describe('storage selection', () => {
  it('local files under DATA_DIR/media by default, S3 when S3_BUCKET is set', async () => {
    expect(storageFor(parseEnv({ DATA_DIR: root }))).toBeInstanceOf(LocalMediaStorage);
    expect(
      storageFor(parseEnv({ S3_BUCKET: 'nafidha-media', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true' })),
    ).toBeInstanceOf(S3MediaStorage);
  });
  it('half a credential is a configuration error', () => {
    expect(() => new S3MediaStorage(parseEnv({ S3_BUCKET: 'nafidha-media', S3_ACCESS_KEY_ID: 'key' }))).toThrow(/together/);
  });
  it('an S3 store that is not there is "unreachable", not a hang', async () => {
    // Port 9 (discard) on localhost refuses connections: the SDK's network error becomes our failure.
    const s3 = new S3MediaStorage(
      parseEnv({
        S3_BUCKET: 'nafidha-media',
        S3_ENDPOINT: 'http://127.0.0.1:9',
        S3_FORCE_PATH_STYLE: 'true',
        S3_ACCESS_KEY_ID: 'k',
        S3_SECRET_ACCESS_KEY: 's',
      }),
    );
    await expect(s3.put({ workspaceId: WORKSPACE, body: Buffer.from('x'), contentType: 'text/plain' })).rejects.toMatchObject({
      failure: 'unreachable',
    });
  }, 20_000);
});

describe('s3FailureOf', () => {
  const sdkError = (name: string, httpStatusCode?: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });
  it.each([
    ['QuotaExceeded', 403, 'full'],
    ['XMinioStorageFull', 507, 'full'],
    ['InsufficientStorage', undefined, 'full'],
    ['SomethingElse', 507, 'full'],
    ['NoSuchKey', 404, 'not_found'],
    ['NotFound', undefined, 'not_found'],
    ['AccessDenied', 403, 'unreachable'],
    ['InternalError', 500, 'unreachable'],
    ['TimeoutError', undefined, 'unreachable'],
  ])('%s (%s) → %s', (name, status, failure) => {
    expect(s3FailureOf(sdkError(name, status), 'put').failure).toBe(failure);
  });
  it('names the operation and the code, nothing more', () => {
    expect(s3FailureOf(sdkError('AccessDenied', 403), 'get').message).toBe('S3 get failed (AccessDenied 403)');
  });
});
