import { readSignInError } from '@/server/domain/credentials';

/**
 * next-auth answers every refused sign-in the same way (a 401 with the error in a URL, or a redirect to it). A
 * throttled one becomes a real 429 with Retry-After, for clients and proxies that go by the status; the body stays
 * what next-auth's own client reads, so the form still gets the error and its wait.
 */
export async function throttledAsTooManyRequests(response: Response): Promise<Response> {
  if (response.status !== 401 && response.status !== 302) return response;
  const target =
    response.headers.get('location') ??
    (response.headers.get('content-type')?.includes('application/json')
      ? ((await response
          .clone()
          .json()
          .catch(() => null)) as { url?: unknown } | null)?.url
      : null);
  if (typeof target !== 'string') return response;
  let error: string | null;
  try {
    error = new URL(target, 'http://localhost').searchParams.get('error');
  } catch {
    return response;
  }
  const { code, retryAfterSeconds } = readSignInError(error);
  if (code !== 'TOO_MANY_ATTEMPTS') return response;
  const headers = new Headers(response.headers);
  headers.delete('location');
  headers.set('retry-after', String(retryAfterSeconds ?? 60));
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify({ url: target }), { status: 429, headers });
}
