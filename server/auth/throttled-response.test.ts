import { describe, expect, it } from 'vitest';
import { throttledAsTooManyRequests } from './throttled-response';

const json = (status: number, url: string) =>
  new Response(JSON.stringify({ url }), { status, headers: { 'content-type': 'application/json', 'set-cookie': 'a=b' } });

describe('throttledAsTooManyRequests', () => {
  it('turns a throttled JSON refusal into a 429 with Retry-After, keeping the body the client reads', async () => {
    const response = await throttledAsTooManyRequests(json(401, 'http://localhost:3000/api/auth/error?error=TOO_MANY_ATTEMPTS%3A840'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('840');
    expect(response.headers.get('set-cookie')).toBe('a=b');
    expect(await response.json()).toEqual({ url: 'http://localhost:3000/api/auth/error?error=TOO_MANY_ATTEMPTS%3A840' });
  });

  it('turns a throttled redirect into a 429 as well', async () => {
    const redirect = new Response(null, { status: 302, headers: { location: '/login?error=TOO_MANY_ATTEMPTS%3A60' } });
    const response = await throttledAsTooManyRequests(redirect);
    expect([response.status, response.headers.get('retry-after'), response.headers.get('location')]).toEqual([429, '60', null]);
  });

  it('leaves every other answer as it is', async () => {
    for (const original of [
      json(401, 'http://localhost/api/auth/error?error=INVALID_CREDENTIALS'),
      json(200, 'http://localhost/inbox'),
      new Response(null, { status: 302, headers: { location: '/inbox' } }),
      new Response('not json', { status: 401, headers: { 'content-type': 'application/json' } }),
      new Response('<html>', { status: 401, headers: { 'content-type': 'text/html' } }),
    ]) {
      expect(await throttledAsTooManyRequests(original)).toBe(original);
    }
  });
});
