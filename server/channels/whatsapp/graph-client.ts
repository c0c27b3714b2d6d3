import type { TWhatsAppConfig } from './config';
import { env } from '@/server/env';
import { meaningOf, type TGraphErrorMeaning } from './graph-errors';
import { httpRequest, REQUEST_TIMEOUT_MS } from './graph-http';

/** The Graph API a number talks to: its own base URL, the configured one, or this app's local fake. */
export function graphBaseUrl(configured: string | null | undefined): string {
  const config = env();
  return (configured || config.GRAPH_API_BASE_URL || `http://127.0.0.1:${config.PORT}/dev/graph`).replace(/\/$/, '');
}

export type TGraphResult<T> =
  | { ok: true; json: T }
  /**
   * code: Meta's error code when it sent one; meaning: what it implies (retry, a readable reason, a broken channel).
   * unreachable: Meta did not answer properly (no connection, no answer in time, a 5xx): the number's breaker counts
   * it. outcomeUnknown: the request went out and no verdict came back, so Meta may have accepted it.
   */
  | {
      ok: false;
      httpStatus: number | null;
      code: number | null;
      meaning: TGraphErrorMeaning;
      timedOut: boolean;
      unreachable: boolean;
      outcomeUnknown: boolean;
    };

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
  const answer = await httpRequest(url, {
    method,
    headers: { authorization: `Bearer ${config.accessToken}`, ...(options.body ? { 'content-type': 'application/json' } : {}) },
    body: options.body ? JSON.stringify(options.body) : undefined,
    timeoutMs: options.timeoutMs ?? config.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
  });
  if (!answer.ok) {
    const reason = answer.timedOut ? 'WhatsApp did not answer in time; retrying.' : 'WhatsApp could not be reached; retrying.';
    return {
      ok: false,
      httpStatus: null,
      code: null,
      meaning: { retry: 'transient', reason },
      timedOut: answer.timedOut,
      unreachable: true,
      outcomeUnknown: answer.phase === 'unknown',
    };
  }
  let json: (T & { error?: { code?: unknown } }) | null = null;
  try {
    json = JSON.parse(answer.text) as T & { error?: { code?: unknown } };
  } catch {
    json = null;
  }
  if (answer.status >= 200 && answer.status < 300 && json && !json.error) return { ok: true, json };
  const code = typeof json?.error?.code === 'number' ? json.error.code : null;
  return {
    ok: false,
    httpStatus: answer.status,
    code,
    meaning: meaningOf(code, answer.status),
    timedOut: false,
    unreachable: answer.status >= 500,
    // A 5xx without Meta's error body came from something in between (a gateway): Meta may have the message.
    outcomeUnknown: answer.status >= 500 && code === null,
  };
}
