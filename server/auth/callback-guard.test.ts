import { describe, expect, it } from 'vitest';
import { parseCookieHeader } from './session';
import { refuseHostileCallback } from './callback-guard';

const ORIGIN = 'http://localhost:3000';
const request = (path: string, cookie?: string) =>
  new Request(`${ORIGIN}${path}`, { headers: { host: 'localhost:3000', ...(cookie ? { cookie } : {}) } });
const SAFE = `next-auth.callback-url=${encodeURIComponent(`${ORIGIN}/inbox`)}`;
const HOSTILE = `next-auth.callback-url=${encodeURIComponent('javascript:alert(1)')}`;

describe('refuseHostileCallback', () => {
  it('lets a same-origin callback through and refuses a hostile one, clearing its cookie', () => {
    expect(refuseHostileCallback(request('/api/auth/signin', SAFE))).toBeNull();
    const refused = refuseHostileCallback(request('/api/auth/signin', HOSTILE));
    expect(refused?.status).toBe(302);
    expect(refused?.headers.get('set-cookie')).toMatch(/^next-auth\.callback-url=; Path=\/; Max-Age=0/);
  });

  it('leaves the request body for next-auth to read', async () => {
    const post = new Request(`${ORIGIN}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { host: 'localhost:3000', cookie: SAFE, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40b.test',
    });
    expect(refuseHostileCallback(post)).toBeNull();
    expect(await post.text()).toBe('email=a%40b.test');
  });

  it('reads a callback cookie sent twice as next-auth does (the last one), so a hostile second copy is refused', () => {
    expect(refuseHostileCallback(request('/api/auth/signin', `${SAFE}; ${HOSTILE}`))?.status).toBe(302);
  });
});

describe('parseCookieHeader', () => {
  it('decodes values, keeps undecodable ones as written, trims, and skips pairs without a name', () => {
    expect(parseCookieHeader(' a = x%20y ; b=%E0%A4%A; =nameless; flag; c=')).toEqual({ a: 'x y', b: '%E0%A4%A', c: '' });
    expect(parseCookieHeader(undefined)).toEqual({});
  });

  it('keeps the first value of a name sent twice', () => {
    expect(parseCookieHeader('nafidha-workspace=first; nafidha-workspace=second')).toEqual({ 'nafidha-workspace': 'first' });
  });
});
