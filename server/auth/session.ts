import { getToken } from 'next-auth/jwt';
import { env } from '@/server/env';

export function parseCookieHeader(header: string | undefined | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 1) continue;
    const name = part.slice(0, index).trim();
    const raw = part.slice(index + 1).trim();
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}

/**
 * The signed-in user's id from a request's Cookie header, or null. One path for tRPC, socket.io and route
 * handlers. getToken reads `req.cookies` as an object (not the raw header), so the header is parsed first.
 */
export async function userIdFromCookies(cookieHeader: string | undefined | null): Promise<string | null> {
  const cookies = parseCookieHeader(cookieHeader);
  const secure = Object.keys(cookies).some((name) => name.startsWith('__Secure-next-auth.session-token'));
  const token = await getToken({
    req: { headers: { cookie: cookieHeader ?? '' }, cookies } as never,
    secret: env().NEXTAUTH_SECRET,
    secureCookie: secure,
  });
  return typeof token?.sub === 'string' ? token.sub : null;
}

export const WORKSPACE_COOKIE = 'nafidha-workspace';
