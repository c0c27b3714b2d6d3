import type { APIRequestContext } from '@playwright/test';

/** Calls a tRPC procedure over HTTP the way the browser does (superjson envelope), with the request's session. */
export async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await request.get(`/api/trpc/${path}${query}`);
  if (!response.ok()) throw new Error(`${path} failed with ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

export async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  if (!response.ok()) throw new Error(`${path} failed with ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}
