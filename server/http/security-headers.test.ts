import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders } from './security-headers';

const http = { protocol: 'http' as const, host: '127.0.0.1:3000' };
const https = { protocol: 'https' as const, host: 'inbox.example.com' };

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('contentSecurityPolicy', () => {
  it('lets only nonce-bearing scripts (and what they load) run in production, never eval', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123==', origin: http, dev: false }));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(contentSecurityPolicy({ nonce: 'n', origin: http, dev: false })).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy({ nonce: 'n', origin: http, dev: false })).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it("allows eval for Next's dev server only", () => {
    expect(directives(contentSecurityPolicy({ nonce: 'n', origin: http, dev: true })).get('script-src')).toContain("'unsafe-eval'");
  });

  it('connects to its own origin and its socket on the same host, ws over http and wss over https', () => {
    expect(directives(contentSecurityPolicy({ nonce: 'n', origin: http, dev: false })).get('connect-src')).toEqual([
      "'self'",
      'ws://127.0.0.1:3000',
    ]);
    expect(directives(contentSecurityPolicy({ nonce: 'n', origin: https, dev: false })).get('connect-src')).toEqual([
      "'self'",
      'wss://inbox.example.com',
    ]);
  });

  it('refuses framing, plugins, <base> rewriting and posting forms elsewhere', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'n', origin: http, dev: false }));
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'self'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });
});

describe('securityHeaders', () => {
  it('sends the fixed headers on every response', () => {
    const headers = securityHeaders({ nonce: 'n', origin: http, dev: false });
    expect(headers).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\)/);
    expect(headers['Permissions-Policy']).toMatch(/microphone=\(\)/);
    expect(headers['Permissions-Policy']).toMatch(/geolocation=\(\)/);
  });

  it('sends HSTS over https only', () => {
    expect(securityHeaders({ nonce: 'n', origin: http, dev: false })['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders({ nonce: 'n', origin: https, dev: false })['Strict-Transport-Security']).toMatch(/^max-age=31536000/);
  });
});

describe('newNonce', () => {
  it('is fresh each time and in the form Next reads back from the header', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/_-]+={0,2}$/);
  });
});
