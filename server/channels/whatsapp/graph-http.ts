import http from 'node:http';
import https from 'node:https';

/** Connecting (TCP and TLS) must be quick: a number whose API cannot even be reached is known not to have our message. */
export const CONNECT_TIMEOUT_MS = 3_000;
/** The whole request, connection included: well under the send job's expiry, so a hung call never outlives its job. */
export const REQUEST_TIMEOUT_MS = 10_000;

export type THttpAnswer = { ok: true; status: number; text: string };
/**
 * connect: the request never left (refused, unreachable, connect timeout): the provider cannot have it.
 * unknown: the request was written but no complete answer came back (timeout, reset): it may have been accepted.
 */
export type THttpFailure = { ok: false; phase: 'connect' | 'unknown'; timedOut: boolean; message: string };

const agents = {
  'http:': new http.Agent({ keepAlive: true, keepAliveMsecs: 15_000, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, keepAliveMsecs: 15_000, maxSockets: 64 }),
};

/**
 * One HTTP request with a connect timeout and an overall timeout, telling apart "never sent" from "outcome
 * unknown". Built on node:http rather than fetch because fetch exposes neither a connect timeout nor whether the
 * request had been written when it failed, and both decide whether a resend is safe.
 */
export function httpRequest(
  url: URL,
  options: { method: string; headers: Record<string, string>; body?: string | Buffer; timeoutMs?: number; connectTimeoutMs?: number },
): Promise<THttpAnswer | THttpFailure> {
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const connectTimeoutMs = Math.min(options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS, timeoutMs);
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    let connected = false;
    let timedOut = false;
    const finish = (value: THttpAnswer | THttpFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(overall);
      clearTimeout(connecting);
      resolve(value);
    };
    const req = transport.request(url, {
      method: options.method,
      headers: { ...options.headers, ...(options.body ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}) },
      agent: agents[url.protocol as keyof typeof agents],
    });
    const fail = (message: string) => finish({ ok: false, phase: connected ? 'unknown' : 'connect', timedOut, message });
    const overall = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const connecting = setTimeout(() => {
      if (connected) return;
      timedOut = true;
      req.destroy(new Error(`could not connect within ${connectTimeoutMs} ms`));
    }, connectTimeoutMs);
    req.on('socket', (socket) => {
      // A kept-alive socket is connected already; a new one is once TCP (and TLS) is up.
      const ready = url.protocol === 'https:' ? 'secureConnect' : 'connect';
      if (!socket.connecting && !(socket as { pending?: boolean }).pending) connected = true;
      else socket.once(ready, () => (connected = true));
    });
    req.on('error', (error) => fail(error.message));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => finish({ ok: true, status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => fail(error.message));
      res.on('aborted', () => fail('the answer was cut off'));
    });
    req.end(options.body);
  });
}
