import type { TWhatsAppConfig } from './config';
import { env } from '@/server/env';
import { meaningOf, type TGraphErrorMeaning } from './graph-errors';

const DEFAULT_TIMEOUT_MS = 15_000;

/** The Graph API a number talks to: its own base URL, the configured one, or this app's local fake. */
export function graphBaseUrl(configured: string | null | undefined): string {
  const config = env();
  return (configured || config.GRAPH_API_BASE_URL || `http://127.0.0.1:${config.PORT}/dev/graph`).replace(/\/$/, '');
}

export type TGraphResult<T> =
  | { ok: true; json: T }
  /** code: Meta's error code when it sent one; meaning: what it implies (retry, a readable reason, a broken channel). */
  | { ok: false; httpStatus: number | null; code: number | null; meaning: TGraphErrorMeaning; timedOut: boolean };

/**
 * One call to the Graph API on behalf of a WhatsApp number: its base URL (or the configured one, or the local fake),
 * its API version and its token. Network failures and Meta's error bodies come back as values, never as throws.
 */
export async function graphRequest<T>(
  config: TWhatsAppConfig,
  method: 'GET' | 'POST',
  path: string,
  options: { query?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<TGraphResult<T>> {
  const url = new URL(`${graphBaseUrl(config.graphBaseUrl)}/${config.apiVersion}/${path.replace(/^\//, '')}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${config.accessToken}`, ...(options.body ? { 'content-type': 'application/json' } : {}) },
      body: options.body ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(options.timeoutMs ?? config.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const reason = timedOut ? 'WhatsApp did not answer in time; retrying.' : 'WhatsApp could not be reached; retrying.';
    return { ok: false, httpStatus: null, code: null, meaning: { retry: 'transient', reason }, timedOut };
  }
  const json = (await response.json().catch(() => null)) as (T & { error?: { code?: unknown } }) | null;
  if (response.ok && json && !json.error) return { ok: true, json };
  const code = typeof json?.error?.code === 'number' ? json.error.code : null;
  return { ok: false, httpStatus: response.status, code, meaning: meaningOf(code, response.status), timedOut: false };
}
