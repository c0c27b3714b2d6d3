import { describe, expect, it } from 'vitest';
import { openUpload, signUpload, UPLOAD_TOKEN_TTL_SECONDS, type TUploadFacts } from './upload-token';

const KEY = Buffer.alloc(32, 7);
const NOW = 1_800_000_000;
const facts: TUploadFacts = {
  workspaceId: '6f1c0d6e-8d0e-4f0a-9a57-5b1d2a3c4e5f',
  userId: '0b9e7c1d-2f3a-4b5c-8d6e-7f8091a2b3c4',
  storageKey: '6f1c0d6e-8d0e-4f0a-9a57-5b1d2a3c4e5f/2026-12/27c96ce5-65a8-4efc-abab-6efce882547b',
  kind: 'image',
  mime: 'image/png',
  size: 70,
  sha256: 'ab'.repeat(32),
  fileName: 'photo.png',
  at: NOW,
};

describe('upload ids', () => {
  it('open to the facts they were signed with', () => {
    expect(openUpload(signUpload(facts, KEY), KEY, NOW + 10)).toEqual(facts);
  });
  it('refuse another key, an altered body, a cut or extended token', () => {
    const token = signUpload(facts, KEY);
    expect(openUpload(token, Buffer.alloc(32, 8), NOW)).toBeNull();
    const [body, mac] = token.split('.');
    const altered = Buffer.from(JSON.stringify({ ...facts, workspaceId: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    expect(openUpload(`${altered}.${mac}`, KEY, NOW)).toBeNull();
    expect(openUpload(body!, KEY, NOW)).toBeNull();
    expect(openUpload(`${token}.x`, KEY, NOW)).toBeNull();
    expect(openUpload('', KEY, NOW)).toBeNull();
    expect(openUpload(`${body}.${mac!.slice(0, -2)}`, KEY, NOW)).toBeNull();
  });
  it('expire after a day, and refuse one from the future', () => {
    const token = signUpload(facts, KEY);
    expect(openUpload(token, KEY, NOW + UPLOAD_TOKEN_TTL_SECONDS)).toEqual(facts);
    expect(openUpload(token, KEY, NOW + UPLOAD_TOKEN_TTL_SECONDS + 1)).toBeNull();
    expect(openUpload(token, KEY, NOW - 3600)).toBeNull();
  });
  it('refuse a signed body whose key is not one of ours (a path)', () => {
    expect(openUpload(signUpload({ ...facts, storageKey: '../../etc/passwd' }, KEY), KEY, NOW)).toBeNull();
    expect(openUpload(signUpload({ ...facts, kind: 'location' as never }, KEY), KEY, NOW)).toBeNull();
  });
});
