import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { pinForwardedHeaders, requestOrigin } from './public-origin';
import { newNonce, securityHeaders } from './security-headers';

export type TSecureRequestOptions = { trustProxy: boolean; dev: boolean; fallbackHost: string };

/**
 * Runs first for every request the server answers (pages, tRPC, webhooks, socket.io polling, static files, errors):
 * settles the origin the browser used, and sets the security headers with a fresh nonce. Next 16 takes its script
 * nonce from the request's own Content-Security-Policy header (parseRequestHeaders → getScriptNonceFromHeaders), so
 * the policy is written onto the request as well as the response.
 */
export function secureRequest(req: IncomingMessage, res: ServerResponse, options: TSecureRequestOptions): void {
  const origin = requestOrigin(req.headers, { encrypted: Boolean((req.socket as TLSSocket).encrypted) }, options);
  pinForwardedHeaders(req.headers, origin);
  const headers = securityHeaders({ nonce: newNonce(), origin, dev: options.dev });
  delete req.headers['content-security-policy-report-only'];
  req.headers['content-security-policy'] = headers['Content-Security-Policy'];
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
}
