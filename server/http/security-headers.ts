import { randomBytes } from 'node:crypto';
import type { TRequestOrigin } from './public-origin';

export type TSecurityHeaderOptions = {
  /** The nonce Next puts on its own scripts for this response (Next reads it back from the request's CSP header). */
  nonce: string;
  /** The origin the browser used: the socket's ws:// or wss:// is allowed on it, and HSTS only over https. */
  origin: TRequestOrigin;
  /** Next's dev server (React's dev tools, fast refresh) evaluates code; a production build never does. */
  dev: boolean;
};

/** 128 random bits, base64: the form Next's nonce parser accepts. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The Content-Security-Policy of every response. Scripts run only when they carry this response's nonce (Next adds
 * it to its own) or were loaded by such a script ('strict-dynamic', how Next loads its chunks); 'self' stands for
 * browsers without CSP 3. Styles may be inline: React's style attributes and the virtual list's positions need it,
 * and a style cannot run code. The page may talk to its own origin only, the socket included (ws/wss are not covered
 * by 'self' in every browser). No plugins, no <base> rewriting, no framing, forms post home.
 */
export function contentSecurityPolicy({ nonce, origin, dev }: TSecurityHeaderOptions): string {
  const socketOrigin = `${origin.protocol === 'https' ? 'wss' : 'ws'}://${origin.host}`;
  const directives = [
    ["default-src 'self'"],
    [`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`, dev ? " 'unsafe-eval'" : ''],
    ["style-src 'self' 'unsafe-inline'"],
    ["img-src 'self' data: blob:"],
    ["media-src 'self' blob:"],
    ["font-src 'self' data:"],
    [`connect-src 'self' ${socketOrigin}`],
    ["object-src 'none'"],
    ["base-uri 'self'"],
    ["form-action 'self'"],
    ["frame-ancestors 'none'"],
  ];
  return directives.map((parts) => parts.join('')).join('; ');
}

const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Every response's security headers, CSP included (OWASP ASVS 14.4). */
export function securityHeaders(options: TSecurityHeaderOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // Nothing uses these yet; a feature that needs one (voice notes: microphone) turns it on for the app's own origin.
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    // Over plain http a browser ignores HSTS, and sending it from a dev box could pin a name that later serves http.
    ...(options.origin.protocol === 'https' ? { 'Strict-Transport-Security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` } : {}),
  };
}
