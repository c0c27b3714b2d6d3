/**
 * The browser's side of the wire, without a browser: next-auth credentials sign-in over HTTP (csrf token, then the
 * credentials callback, keeping the session cookie), and tRPC calls in httpBatchLink's format with superjson.
 */
import { Agent, request } from 'node:http';

// Node's fetch keeps connections alive per origin, as a browser or a load balancer would.
function mergeCookies(jar: Map<string, string>, response: Response) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const index = pair!.indexOf('=');
    if (index > 0) jar.set(pair!.slice(0, index).trim(), pair!.slice(index + 1).trim());
  }
}

export async function signIn(base: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  mergeCookies(jar, csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  mergeCookies(jar, response);
  await response.arrayBuffer();
  if (![...jar.keys()].some((k) => k.includes('session-token'))) throw new Error(`sign-in failed for ${email} (${response.status})`);
  return cookie();
}

type TBatchResult = { result?: { data: { json: unknown } }; error?: { json: { message: string } } };

/** One batched GET, as the browser's httpBatchLink sends queries issued together (e.g. list + counts). */
export async function trpcBatchQuery(base: string, cookie: string, calls: { path: string; input?: unknown }[]): Promise<unknown[]> {
  const input: Record<string, unknown> = {};
  calls.forEach((c, i) => {
    input[i] = c.input === undefined ? {} : { json: c.input };
  });
  const url = `${base}/api/trpc/${calls.map((c) => c.path).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(url, { headers: { cookie } });
  const body = (await response.json()) as TBatchResult[];
  if (!response.ok) throw new Error(`${calls.map((c) => c.path).join(',')} → ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body.map((b) => b.result?.data.json);
}

export async function trpcMutation(base: string, cookie: string, path: string, input: unknown): Promise<unknown> {
  const response = await fetch(`${base}/api/trpc/${path}?batch=1`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ 0: { json: input } }),
  });
  const body = (await response.json()) as TBatchResult[];
  if (!response.ok) throw new Error(`${path} → ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body[0]?.result?.data.json;
}

const keptAlive = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * A POST over kept-alive connections with Node's own http client, answering the status. For load generators that
 * share the machine with the app they measure: it costs a fraction of fetch's CPU per request, so the figure is the
 * app's and not the generator's.
 */
export function postQuick(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: keptAlive, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
