import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isSealed, keyId, open, seal, SealError } from './seal';

const key = randomBytes(32);

describe('seal / open', () => {
  it('round-trips, with a fresh IV each time (the same secret never seals to the same text)', () => {
    const a = seal('EAAG-secret-token', key, 'accessToken');
    const b = seal('EAAG-secret-token', key, 'accessToken');
    expect(a).not.toBe(b);
    expect(a.startsWith(`sealed:v1:${keyId(key)}:`)).toBe(true);
    expect(a).not.toContain('EAAG-secret-token');
    expect(isSealed(a)).toBe(true);
    expect(open(a, key, 'accessToken')).toBe('EAAG-secret-token');
    expect(open(seal('نافذة 🔑', key, 'x'), key, 'x')).toBe('نافذة 🔑');
  });

  it('refuses a value sealed under another key', () => {
    const sealed = seal('secret', key, 'appSecret');
    expect(() => open(sealed, randomBytes(32), 'appSecret')).toThrow(SealError);
    expect(() => open(sealed, randomBytes(32), 'appSecret')).toThrow(/another key/);
  });

  it('refuses a value sealed under another key even when the key id is forged', () => {
    const other = randomBytes(32);
    const forged = seal('secret', other, 'appSecret').replace(keyId(other), keyId(key));
    expect(() => open(forged, key, 'appSecret')).toThrow(/authentication/);
  });

  it('refuses a tampered ciphertext, tag or IV', () => {
    const sealed = seal('a secret worth keeping', key, 'appSecret');
    const parts = sealed.split(':');
    for (const index of [3, 4, 5]) {
      const bytes = Buffer.from(parts[index]!, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      const tampered = [...parts.slice(0, index), bytes.toString('base64url'), ...parts.slice(index + 1)].join(':');
      expect(() => open(tampered, key, 'appSecret'), `part ${index}`).toThrow(SealError);
    }
  });

  it('refuses a value moved to another field (the field name is bound in)', () => {
    const token = seal('secret', key, 'accessToken');
    expect(() => open(token, key, 'appSecret')).toThrow(/authentication/);
  });

  it('refuses cut or foreign text, and keys of the wrong size', () => {
    const sealed = seal('secret', key, 'f');
    expect(() => open(sealed.slice(0, -4) + ':x', key, 'f')).toThrow(SealError);
    expect(() => open(sealed.split(':').slice(0, 5).join(':'), key, 'f')).toThrow(SealError);
    expect(() => open('plaintext', key, 'f')).toThrow(/not a sealed value/);
    expect(() => seal('secret', randomBytes(16), 'f')).toThrow(/32 bytes/);
    expect(isSealed('EAA-plain')).toBe(false);
  });
});
