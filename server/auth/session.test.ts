import { randomBytes } from 'node:crypto';
import { decode, encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { publishEnv } from '@/server/env';
import { claimOf, renewedSessionCookie, sessionFromCookies, sessionMaxAgeSeconds } from './session';

let secret: string;
beforeAll(() => {
  secret = randomBytes(24).toString('base64url');
  publishEnv('NEXTAUTH_SECRET', secret);
});

describe('session claims', () => {
  it('need a user and a whole session version', () => {
    expect(claimOf({ sub: 'u1', sv: 3 })).toEqual({ userId: 'u1', sessionVersion: 3 });
    expect(claimOf({ sub: 'u1' })).toBeNull();
    expect(claimOf({ sub: 'u1', sv: '3' })).toBeNull();
    expect(claimOf({ sub: 'u1', sv: 1.5 })).toBeNull();
    expect(claimOf({ sv: 1 })).toBeNull();
    expect(claimOf(null)).toBeNull();
  });

  it('are read from a signed cookie only', async () => {
    const token = await encode({ token: { sub: 'u1', sv: 2 }, secret });
    expect((await sessionFromCookies(`a=b; next-auth.session-token=${token}`))?.claim).toEqual({ userId: 'u1', sessionVersion: 2 });
    expect(await sessionFromCookies('next-auth.session-token=forged')).toBeNull();
    expect(await sessionFromCookies(undefined)).toBeNull();
  });
});

describe('renewedSessionCookie', () => {
  it('lasts 12 hours by default', () => {
    expect(sessionMaxAgeSeconds()).toBe(12 * 3600);
  });

  it('leaves a token issued less than a quarter hour ago alone, and renews an older one with the same claims', async () => {
    const session = (await sessionFromCookies(`next-auth.session-token=${await encode({ token: { sub: 'u1', sv: 4, name: 'Maha' }, secret })}`))!;
    expect(await renewedSessionCookie(session, Date.now() + 14 * 60_000)).toBeNull();

    const later = Date.now() + 16 * 60_000;
    const cookie = (await renewedSessionCookie(session, later))!;
    expect(cookie).toMatch(/^next-auth\.session-token=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    expect(Date.parse(/Expires=([^;]+)/.exec(cookie)![1]!)).toBeCloseTo(later + 12 * 3600_000, -4);
    const renewed = await decode({ token: /=([^;]+)/.exec(cookie)![1]!, secret });
    expect(renewed).toMatchObject({ sub: 'u1', sv: 4, name: 'Maha' });
    expect(renewed!.jti).not.toBe(session.token.jti);
  });

  it('keeps a secure cookie secure', async () => {
    const token = await encode({ token: { sub: 'u1', sv: 1 }, secret });
    const session = (await sessionFromCookies(`__Secure-next-auth.session-token=${token}`))!;
    expect(await renewedSessionCookie(session, Date.now() + 3600_000)).toMatch(/^__Secure-next-auth\.session-token=.*; Secure$/);
  });
});
