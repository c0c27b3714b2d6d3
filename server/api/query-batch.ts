import type { IncomingMessage, ServerResponse } from 'node:http';
import { callTRPCProcedure, getErrorShape, getTRPCErrorFromUnknown, transformTRPCResponse, type AnyRouter } from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';

type TCallResult = { result: { data: unknown } } | { error: ReturnType<typeof getErrorShape> };
type TQueryBatch = { paths: string[]; inputs: unknown[] };

/**
 * The request the inbox makes most (a batch of queries over GET: a list and its counts, a conversation and its
 * timeline), answered on Node's own request and response. tRPC's Node adapters build a fetch `Request`, `Headers`,
 * `AbortSignal` and `Response` around every call, which on the bench data cost as much CPU as the page's SQL.
 * Same router, same context, same procedures, same answer byte for byte (status, headers, body: its test compares
 * the two). Anything else (a mutation, a single call, a stream, a path that is no query, input that does not parse)
 * returns false untouched, for tRPC's own handler to answer or refuse as it always has.
 */
export async function answerQueryBatch<TContext extends object>(
  req: IncomingMessage,
  res: ServerResponse,
  options: { router: AnyRouter; prefix: string; createContext: () => Promise<TContext> },
): Promise<boolean> {
  const batch = readQueryBatch(req, options.router, options.prefix);
  if (!batch) return false;
  const config = options.router._def._config;

  let ctx: TContext | undefined;
  let contextError: unknown;
  try {
    ctx = await options.createContext();
  } catch (error) {
    contextError = error;
  }
  const answers = await Promise.all(
    batch.paths.map(async (path, index): Promise<TCallResult> => {
      try {
        if (contextError !== undefined) throw contextError;
        const data = await callTRPCProcedure({
          router: options.router,
          path,
          getRawInput: () => Promise.resolve(batch.inputs[index]),
          ctx,
          type: 'query',
          signal: undefined,
          batchIndex: index,
        });
        return { result: { data } };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        return { error: getErrorShape({ config, error, type: 'query', path, input: batch.inputs[index], ctx }) };
      }
    }),
  );
  const body = JSON.stringify(transformTRPCResponse(config, answers));
  if (!res.headersSent) {
    res.statusCode = getHTTPStatusCode(answers);
    res.setHeader('vary', 'trpc-accept, accept');
    res.setHeader('content-type', 'application/json');
  }
  res.end(body);
  return true;
}

/** The batch's paths and deserialized inputs, or null when this is not a plain batch of queries we can answer. */
function readQueryBatch(req: IncomingMessage, router: AnyRouter, prefix: string): TQueryBatch | null {
  if (req.method !== 'GET' || !req.url?.startsWith(prefix)) return null;
  // Streamed batches (httpBatchStreamLink) answer in JSON lines: tRPC's own.
  if (req.headers['trpc-accept'] === 'application/jsonl' || req.headers.accept === 'application/jsonl') return null;
  const url = new URL(req.url, 'http://localhost');
  if (url.searchParams.get('batch') !== '1' || url.searchParams.has('connectionParams')) return null;
  let paths: string[];
  try {
    paths = decodeURIComponent(url.pathname.slice(prefix.length)).split(',');
  } catch {
    return null;
  }
  const procedures = router._def.procedures as Record<string, { _def: { type: string } } | undefined>;
  if (!paths.every((path) => Object.hasOwn(procedures, path) && procedures[path]?._def.type === 'query')) return null;
  try {
    const raw = url.searchParams.get('input');
    const given: unknown = raw ? JSON.parse(raw) : {};
    if (typeof given !== 'object' || given === null || Array.isArray(given)) return null;
    const deserialize = router._def._config.transformer.input.deserialize;
    const inputs = paths.map((_, index) => {
      const input = (given as Record<string, unknown>)[index];
      return input === undefined ? undefined : deserialize(input);
    });
    return { paths, inputs };
  } catch {
    return null;
  }
}
