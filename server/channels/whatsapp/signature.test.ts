import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sameSecret, signatureOf, verifySignature } from './signature';

vi.mock('node:crypto', async (original) => {
  const actual = await original<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

describe('sameSecret (the webhook handshake verify token)', () => {
  it('accepts the same token and refuses any other, a missing one and an empty expected one', () => {
    expect(sameSecret('verify-me-2f9a', 'verify-me-2f9a')).toBe(true);
    expect(sameSecret('verify-me-2f9b', 'verify-me-2f9a')).toBe(false);
    expect(sameSecret('VERIFY-ME-2F9A', 'verify-me-2f9a')).toBe(false);
    expect(sameSecret(null, 'verify-me-2f9a')).toBe(false);
    expect(sameSecret(undefined, 'verify-me-2f9a')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });

  it('compares in constant time over equal-length buffers, whatever the lengths given', () => {
    for (const given of ['v', 'verify-me-2f9a', 'verify-me-2f9a-and-much-longer', 'نافذة']) {
      expect(() => sameSecret(given, 'verify-me-2f9a')).not.toThrow();
    }
    const calls = vi.mocked(crypto.timingSafeEqual).mock.calls;
    expect(calls).toHaveLength(4);
    for (const [a, b] of calls) expect((a as Buffer).length).toBe((b as Buffer).length);
  });
});

describe('verifySignature', () => {
  it('accepts the body signed with the app secret only', () => {
    const body = Buffer.from('{"object":"whatsapp_business_account"}');
    expect(verifySignature(body, signatureOf(body, 'app-secret'), 'app-secret')).toBe(true);
    expect(verifySignature(body, signatureOf(body, 'other'), 'app-secret')).toBe(false);
    expect(verifySignature(body, 'sha256=short', 'app-secret')).toBe(false);
    expect(verifySignature(body, null, 'app-secret')).toBe(false);
  });
});
