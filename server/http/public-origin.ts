import type { IncomingHttpHeaders } from 'node:http';

export type TRequestOrigin = { protocol: 'http' | 'https'; host: string };

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  // A chain of proxies appends to the list: the left-most entry is what the client asked for.
  const first = value?.split(',')[0]?.trim();
  return first ? first : undefined;
}

// A host header is a name or an address and an optional port; anything else (a path, credentials, spaces) is refused.
const HOST_PATTERN = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/**
 * The origin a browser used to reach this request. X-Forwarded-Host and X-Forwarded-Proto are anyone's to send,
 * so they count only behind a trusted reverse proxy (TRUST_PROXY=true), which overwrites them; otherwise the Host
 * header and whether the connection itself is TLS decide.
 */
export function requestOrigin(
  headers: IncomingHttpHeaders,
  connection: { encrypted: boolean },
  options: { trustProxy: boolean; fallbackHost: string },
): TRequestOrigin {
  const forwardedProto = options.trustProxy ? firstValue(headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  const forwardedHost = options.trustProxy ? firstValue(headers['x-forwarded-host']) : undefined;
  const protocol = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : connection.encrypted ? 'https' : 'http';
  const candidate = forwardedHost ?? firstValue(headers.host);
  const host = candidate && HOST_PATTERN.test(candidate) ? candidate.toLowerCase() : options.fallbackHost;
  return { protocol, host };
}

/**
 * Writes the derived origin back as X-Forwarded-Host/Proto, the headers next-auth (with AUTH_TRUST_HOST) and Next
 * read to build absolute URLs: a client's own X-Forwarded-* never reaches them unless a trusted proxy sent it.
 */
export function pinForwardedHeaders(headers: IncomingHttpHeaders, origin: TRequestOrigin): void {
  headers['x-forwarded-host'] = origin.host;
  headers['x-forwarded-proto'] = origin.protocol;
}
