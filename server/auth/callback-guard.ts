import { NextRequest } from 'next/server';
import { sameOriginCallbackUrl } from '@/server/domain/callback-url';
import { env } from '@/server/env';

const CALLBACK_COOKIES = ['next-auth.callback-url', '__Secure-next-auth.callback-url'];

/**
 * The origin next-auth works on for this request: NEXTAUTH_URL, else the one the custom server pinned in
 * X-Forwarded-Host/Proto (the Host header, or a trusted proxy's).
 */
export function authOriginOf(headers: Headers): string {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const protocol = headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${protocol}://${headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost'}`;
}

/**
 * next-auth answers a callbackUrl it cannot use (javascript:, a bare word), in the query or in its callback cookie,
 * with a 500 "server configuration" page, and takes other origins and "//host" as far as its sign-in page. Any
 * such request is sent home instead, with the cookie cleared so the next one is not refused again.
 */
export function refuseHostileCallback(request: Request): Response | null {
  const origin = authOriginOf(request.headers);
  const fromQuery = new URL(request.url).searchParams.getAll('callbackUrl');
  // Read as next-auth will read them (Next's own cookie parser: of a name sent twice the last value counts, and a
  // value that is not valid percent-encoding is skipped): a parser that picked another duplicate would let a hostile
  // second cookie through. Built from the URL and headers only: a NextRequest made from the request itself would
  // take its body (the sign-in form next-auth still has to read).
  const cookies = new NextRequest(request.url, { headers: request.headers }).cookies;
  const hostileCookies = CALLBACK_COOKIES.filter((name) => {
    const value = cookies.get(name)?.value;
    return value !== undefined && sameOriginCallbackUrl(value, origin) === null;
  });
  const hostileQuery = fromQuery.length > 1 || fromQuery.some((value) => sameOriginCallbackUrl(value, origin) === null);
  if (!hostileQuery && hostileCookies.length === 0) return null;
  const headers = new Headers({ location: `${origin}/`, 'cache-control': 'no-store' });
  for (const name of hostileCookies) {
    headers.append('set-cookie', `${name}=; Path=/; Max-Age=0; SameSite=Lax${name.startsWith('__Secure-') ? '; Secure' : ''}`);
  }
  return new Response(null, { status: 302, headers });
}
