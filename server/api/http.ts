import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { logger } from '@/server/logger';
import { createContextFromCookies } from './context';
import { answerQueryBatch } from './query-batch';
import { appRouter } from './root';

export const TRPC_PREFIX = '/api/trpc/';

/**
 * The tRPC API, served by the custom server on Node's own request objects rather than through a Next route handler:
 * every list, count and send goes through here, and on the bench data Next's request machinery cost several times
 * the 2–3 ms PostgreSQL needs for a page (see docs/benchmarks.md). Same router, same context, same wire format.
 */
export const trpcHttpHandler = createHTTPHandler({
  router: appRouter,
  basePath: TRPC_PREFIX,
  createContext: ({ req, res }) => createContextFromCookies(req.headers.cookie, res),
});

/** Batches of queries (most of the traffic) by the lean path of ./query-batch; everything else by tRPC's handler. */
export function trpcHttp(req: IncomingMessage, res: ServerResponse): void {
  answerQueryBatch(req, res, {
    router: appRouter,
    prefix: TRPC_PREFIX,
    createContext: () => createContextFromCookies(req.headers.cookie, res),
  }).then(
    (answered) => {
      if (!answered) void trpcHttpHandler(req, res);
    },
    (error: unknown) => {
      logger.error({ err: error, url: req.url?.split('?')[0] }, 'query batch failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end();
    },
  );
}
