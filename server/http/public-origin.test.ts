import { describe, expect, it } from 'vitest';
import { pinForwardedHeaders, requestOrigin } from './public-origin';

const plain = { encrypted: false };
const tls = { encrypted: true };
const bare = { trustProxy: false, fallbackHost: 'localhost:3000' };
const proxied = { trustProxy: true, fallbackHost: 'localhost:3000' };

describe('requestOrigin', () => {
  it('takes the Host header the browser sent', () => {
    expect(requestOrigin({ host: '127.0.0.1:3100' }, plain, bare)).toEqual({ protocol: 'http', host: '127.0.0.1:3100' });
    expect(requestOrigin({ host: 'Inbox.Example.com' }, plain, bare)).toEqual({ protocol: 'http', host: 'inbox.example.com' });
    expect(requestOrigin({ host: '[::1]:3000' }, plain, bare)).toEqual({ protocol: 'http', host: '[::1]:3000' });
  });

  it('is https when the connection itself is TLS', () => {
    expect(requestOrigin({ host: 'inbox.example.com' }, tls, bare)).toEqual({ protocol: 'https', host: 'inbox.example.com' });
  });

  it('ignores X-Forwarded-Host and X-Forwarded-Proto without TRUST_PROXY', () => {
    const headers = { host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    expect(requestOrigin(headers, plain, bare)).toEqual({ protocol: 'http', host: '127.0.0.1:3000' });
  });

  it('believes them behind a trusted proxy, the left-most entry of a chain', () => {
    const headers = { host: '10.0.0.5:3000', 'x-forwarded-host': 'inbox.example.com, 10.0.0.2', 'x-forwarded-proto': 'HTTPS, http' };
    expect(requestOrigin(headers, plain, proxied)).toEqual({ protocol: 'https', host: 'inbox.example.com' });
  });

  it('falls back to Host and the connection when a trusted proxy sent nothing usable', () => {
    expect(requestOrigin({ host: 'inbox.example.com' }, tls, proxied)).toEqual({ protocol: 'https', host: 'inbox.example.com' });
    expect(requestOrigin({ host: 'inbox.example.com', 'x-forwarded-proto': 'gopher' }, plain, proxied)).toEqual({
      protocol: 'http',
      host: 'inbox.example.com',
    });
  });

  it.each([undefined, '', 'evil.example/path', 'user@evil.example', 'a b', 'evil.example:99999999', '<script>'])(
    'answers with the fallback host for a Host header of %j',
    (host) => {
      expect(requestOrigin(host === undefined ? {} : { host }, plain, bare).host).toBe('localhost:3000');
    },
  );

  it('refuses a malformed forwarded host the same way', () => {
    expect(requestOrigin({ host: 'ok.example', 'x-forwarded-host': 'evil.example/x' }, plain, proxied).host).toBe('localhost:3000');
  });
});

describe('pinForwardedHeaders', () => {
  it("overwrites a client's X-Forwarded-Host/Proto with the derived origin", () => {
    const headers: Record<string, string> = { host: '127.0.0.1:3000', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };
    pinForwardedHeaders(headers, requestOrigin(headers, plain, bare));
    expect(headers).toMatchObject({ 'x-forwarded-host': '127.0.0.1:3000', 'x-forwarded-proto': 'http' });
  });
});
