import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSPACE_COOKIE } from '@/server/auth/session';
import { publishEnv } from '@/server/env';
import { LocalMediaStorage } from '@/server/services/media/storage-local';
import { setMediaStorageForTests } from '@/server/services/media/storage-select';
import { openUpload } from '@/server/services/media/upload-token';
import { secretsKey } from '@/server/secrets/key';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createUser, createWorkspace } from '@/server/testing/factories';
import { sessionCookieFor } from '@/server/testing/session-cookie';
import { MEDIA_UPLOAD_PATH, mediaUploadHttp } from './media-upload';

/** POST /api/uploads over real HTTP: behind the session and the workspace, refusals answered in codes, nothing stored. */
const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
let database: TTestDatabase;
let server: Server;
let base: string;
let root: string;
let cookie: string;
let workspaceId: string;
let userId: string;

beforeAll(async () => {
  publishEnv('NEXTAUTH_SECRET', randomBytes(24).toString('base64url'));
  database = await createTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), 'nafidha-upload-http-'));
  setMediaStorageForTests(new LocalMediaStorage(root));
  server = createServer((req, res) => void mediaUploadHttp(database.db, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workspaceId = (await createWorkspace(database.db, 'Uploads')).id;
  userId = (await createUser(database.db, workspaceId, 'agent')).id;
  cookie = `${await sessionCookieFor(userId)}; ${WORKSPACE_COOKIE}=${workspaceId}`;
});
afterAll(async () => {
  setMediaStorageForTests(undefined);
  await new Promise((resolve) => server.close(resolve));
  await database.drop();
  await rm(root, { recursive: true, force: true });
});

const post = (body: Buffer, headers: Record<string, string>, query = '') =>
  fetch(`${base}${MEDIA_UPLOAD_PATH}${query}`, { method: 'POST', body: new Uint8Array(body), headers });
const stored = async () =>
  (await readdir(root, { recursive: true }).catch(() => [] as string[])).filter((e) => e.split(path.sep).length === 3);

describe('POST /api/uploads', () => {
  it('stores a photo for the signed-in member and answers its upload id', async () => {
    const response = await post(
      TINY_PNG,
      { cookie, 'x-file-name': encodeURIComponent('صورة.png'), 'content-type': 'image/png' },
      '?kind=image',
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { uploadId: string; kind: string; fileName: string };
    expect(body).toMatchObject({ kind: 'image', mime: 'image/png', size: TINY_PNG.length, fileName: 'صورة.png' });
    expect(openUpload(body.uploadId, secretsKey())).toMatchObject({ workspaceId, userId });
    expect(await stored()).toHaveLength(1);
  });

  it('refuses without a session, without the file-name header, or with an unknown kind, storing nothing', async () => {
    const before = (await stored()).length;
    expect((await post(TINY_PNG, { 'x-file-name': 'a.png' })).status).toBe(401);
    expect((await post(TINY_PNG, { cookie })).status).toBe(400);
    expect((await post(TINY_PNG, { cookie, 'x-file-name': 'a.png' }, '?kind=location')).status).toBe(400);
    expect((await fetch(`${base}${MEDIA_UPLOAD_PATH}`, { headers: { cookie } })).status).toBe(405);
    expect(await stored()).toHaveLength(before);
  });

  it('answers a refusal with its reason: a renamed executable, an image over its limit', async () => {
    const before = (await stored()).length;
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 0)]);
    const refused = await post(elf, { cookie, 'x-file-name': 'holiday.jpg' });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toEqual({ error: { code: 'MEDIA_REFUSED', reason: 'executable' } });
    const big = await post(Buffer.concat([TINY_PNG, Buffer.alloc(5 * 1024 * 1024)]), { cookie, 'x-file-name': 'big.png' }, '?kind=image');
    expect(await big.json()).toEqual({ error: { code: 'MEDIA_REFUSED', reason: 'too_large', limitBytes: 5 * 1024 * 1024 } });
    expect(await stored()).toHaveLength(before);
  });
});
