import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { secureRequest, type TSecureRequestOptions } from './secure-request';

let server: Server | undefined;

afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A real HTTP server that runs secureRequest and echoes the request headers the app's handlers would see. */
async function serve(options: TSecureRequestOptions): Promise<string> {
  server = createServer((req, res) => {
    secureRequest(req, res, options);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('secureRequest', () => {
  it('puts the same policy, and so the same nonce, on the request (for Next) and on the response', async () => {
    const base = await serve({ trustProxy: false, dev: false, fallbackHost: 'localhost:3000' });
    const response = await fetch(`${base}/`, { headers: { 'content-security-policy-report-only': "script-src 'nonce-forged'" } });
    const seen = (await response.json()) as Record<string, string>;
    expect(seen['content-security-policy']).toBe(response.headers.get('content-security-policy'));
    expect(seen['content-security-policy-report-only']).toBeUndefined();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("pins X-Forwarded-Host/Proto to the connection without TRUST_PROXY: no HSTS, no client's host", async () => {
    const base = await serve({ trustProxy: false, dev: false, fallbackHost: 'localhost:3000' });
    const response = await fetch(`${base}/`, { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } });
    const seen = (await response.json()) as Record<string, string>;
    expect(seen['x-forwarded-host']).toBe(new URL(base).host);
    expect(seen['x-forwarded-proto']).toBe('http');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('content-security-policy')).toContain(`ws://${new URL(base).host}`);
  });

  it("takes a trusted proxy's https and host: HSTS on, the socket on wss", async () => {
    const base = await serve({ trustProxy: true, dev: false, fallbackHost: 'localhost:3000' });
    const response = await fetch(`${base}/`, { headers: { 'x-forwarded-host': 'inbox.example.com', 'x-forwarded-proto': 'https' } });
    const seen = (await response.json()) as Record<string, string>;
    expect(seen['x-forwarded-host']).toBe('inbox.example.com');
    expect(seen['x-forwarded-proto']).toBe('https');
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(response.headers.get('content-security-policy')).toContain('wss://inbox.example.com');
  });
});
