import { parseCookie } from 'cookie';
import { encode, getToken, type JWT } from 'next-auth/jwt';
import { env } from '@/server/env';
import type { TSessionClaim } from '@/server/services/workspaces/sessions';

/**
 * A Cookie header as name → value (percent-decoded where the value is valid percent-encoding, as written otherwise).
 * A name sent twice keeps its first value (RFC 6265 sends the most specific path first). Cookies whose reading must
 * agree with next-auth's own (the callback guard) are read with Next's parser instead, which keeps the last.
 */
export function parseCookieHeader(header: string | undefined | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseCookie(header ?? ''))) if (name && value !== undefined) cookies[name] = value;
  return cookies;
}

export function sessionMaxAgeSeconds(): number {
  return Math.round(env().SESSION_MAX_AGE_HOURS * 3600);
}

/** What the session JWT carries besides next-auth's own fields. */
export type TSessionToken = JWT & { sv?: unknown };

export type TCookieSession = { claim: TSessionClaim; token: TSessionToken; secure: boolean };

export function claimOf(token: TSessionToken | null | undefined): TSessionClaim | null {
  if (typeof token?.sub !== 'string' || typeof token.sv !== 'number' || !Number.isInteger(token.sv)) return null;
  return { userId: token.sub, sessionVersion: token.sv };
}

/**
 * The session a request's Cookie header carries, or null: signed, unexpired, and naming a user and a session version
 * (tokens from before session versions name none and are refused, so every older session ended with the upgrade).
 * Whether the version is still the user's is for the caller to check, folded into a query it makes anyway.
 * One path for tRPC, socket.io and route handlers. getToken reads `req.cookies` as an object (not the raw header),
 * so the header is parsed first.
 */
export async function sessionFromCookies(cookieHeader: string | undefined | null): Promise<TCookieSession | null> {
  const cookies = parseCookieHeader(cookieHeader);
  const secure = Object.keys(cookies).some((name) => name.startsWith('__Secure-next-auth.session-token'));
  const token = (await getToken({
    req: { headers: { cookie: cookieHeader ?? '' }, cookies } as never,
    secret: env().NEXTAUTH_SECRET,
    secureCookie: secure,
  })) as TSessionToken | null;
  const claim = claimOf(token);
  return claim && token ? { claim, token, secure } : null;
}

/**
 * Sessions last SESSION_MAX_AGE_HOURS from the last activity: a request made with a token older than this renews it
 * (a fresh token, same claims, in a Set-Cookie). Renewing at most every quarter hour keeps that off the hot path.
 */
export async function renewedSessionCookie(session: TCookieSession, now = Date.now()): Promise<string | null> {
  const maxAge = sessionMaxAgeSeconds();
  const issuedAt = typeof session.token.iat === 'number' ? session.token.iat : 0;
  if (now / 1000 - issuedAt < Math.min(15 * 60, maxAge / 4)) return null;
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = session.token;
  const value = await encode({ token: claims, secret: env().NEXTAUTH_SECRET!, maxAge });
  const name = session.secure ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
  const expires = new Date(now + maxAge * 1000).toUTCString();
  return `${name}=${value}; Path=/; Expires=${expires}; HttpOnly; SameSite=Lax${session.secure ? '; Secure' : ''}`;
}

export const WORKSPACE_COOKIE = 'nafidha-workspace';
