import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createContextFromCookies } from './context';
import { appRouter } from './root';

export const TRPC_PREFIX = '/api/trpc/';

/**
 * The tRPC API, served by the custom server on Node's own request objects rather than through a Next route handler:
 * every list, count and send goes through here, and on the bench data Next's request machinery cost several times
 * the 2–3 ms PostgreSQL needs for a page (see README, Benchmarks). Same router, same context, same wire format.
 */
export const trpcHttpHandler = createHTTPHandler({
  router: appRouter,
  basePath: TRPC_PREFIX,
  createContext: ({ req, res }) => createContextFromCookies(req.headers.cookie, res),
});
