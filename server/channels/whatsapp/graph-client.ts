import type { TFailureData } from '@/server/domain/delivery-status';
import type { TWhatsAppConfig } from './config';
import { env } from '@/server/env';
import { meaningOf, providerWords, type TGraphErrorMeaning } from './graph-errors';
import { httpRequest, REQUEST_TIMEOUT_MS } from './graph-http';

/** The Graph API a number talks to: its own base URL, the configured one, or this app's local fake. */
export function graphBaseUrl(configured: string | null | undefined): string {
  const config = env();
  return (configured || config.GRAPH_API_BASE_URL || `http://127.0.0.1:${config.PORT}/dev/graph`).replace(/\/$/, '');
}

export type TGraphResult<T> =
  | { ok: true; json: T }
  /**
   * code: Meta's error code when it sent one; meaning: what it implies (retry, a broken channel). failureCode: the
   * code a failed message keeps (Meta's, else TIMEOUT, ADAPTER_ERROR, HTTP_5XX or HTTP_<status>), with `data`: the
   * HTTP status when Meta sent no code, and Meta's own title and details, for the reason shown to agents.
   * unreachable: Meta did not answer properly (no connection, no answer in time, a 5xx): the number's breaker counts
   * it. outcomeUnknown: the request went out and no verdict came back, so Meta may have accepted it.
   */
  | {
      ok: false;
      httpStatus: number | null;
      code: number | null;
      meaning: TGraphErrorMeaning;
      failureCode: string;
      data: TFailureData;
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
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: {
    query?: Record<string, string>;
    body?: unknown;
    /** A body that is not JSON (a media upload's multipart form), sent as is with its content type. */
    raw?: { contentType: string; bytes: Buffer };
    timeoutMs?: number;
  } = {},
): Promise<TGraphResult<T>> {
  const url = new URL(`${graphBaseUrl(config.graphBaseUrl)}/${config.apiVersion}/${path.replace(/^\//, '')}`);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const answer = await httpRequest(url, {
    method,
    headers: {
      authorization: `Bearer ${config.accessToken}`,
      ...(options.raw ? { 'content-type': options.raw.contentType } : options.body ? { 'content-type': 'application/json' } : {}),
    },
    body: options.raw ? options.raw.bytes : options.body ? JSON.stringify(options.body) : undefined,
    timeoutMs: options.timeoutMs ?? config.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
  });
  if (!answer.ok) {
    return {
      ok: false,
      httpStatus: null,
      code: null,
      meaning: { retry: 'transient' },
      failureCode: answer.timedOut ? 'TIMEOUT' : 'ADAPTER_ERROR',
      data: {},
      timedOut: answer.timedOut,
      unreachable: true,
      outcomeUnknown: answer.phase === 'unknown',
    };
  }
  type TErrorBody = { error?: { code?: unknown; message?: unknown; error_data?: { details?: unknown } } };
  let json: (T & TErrorBody) | null = null;
  try {
    json = JSON.parse(answer.text) as T & TErrorBody;
  } catch {
    json = null;
  }
  if (answer.status >= 200 && answer.status < 300 && json && !json.error) return { ok: true, json };
  const code = typeof json?.error?.code === 'number' ? json.error.code : null;
  const title = json?.error?.message;
  const details = json?.error?.error_data?.details;
  return {
    ok: false,
    httpStatus: answer.status,
    code,
    meaning: meaningOf(code, answer.status),
    failureCode: code !== null ? String(code) : answer.status >= 500 ? 'HTTP_5XX' : `HTTP_${answer.status}`,
    data: {
      ...(code === null ? { httpStatus: answer.status } : {}),
      ...providerWords(typeof title === 'string' ? title : undefined, typeof details === 'string' ? details : undefined),
    },
    timedOut: false,
    unreachable: answer.status >= 500,
    // A 5xx without Meta's error body came from something in between (a gateway): Meta may have the message.
    outcomeUnknown: answer.status >= 500 && code === null,
  };
}
