/**
 * Where the time of an inbox first page goes (issue 18, item 4): each step of a `conversation.list` + `conversation.counts`
 * batch timed on its own, in this process, on a generated bench database, then the whole batch on a local port through
 * tRPC's standalone handler and through the app's own (server/api/http.ts, whose lean path answers query batches),
 * and raw Node HTTP with an empty answer. Medians and p95 of BENCH_ITERATIONS (300) calls after a warm-up. With `--profile`, the whole
 * batch is then run again under V8's CPU profiler and its CPU time per call is shared out by package and function.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/nafidha_bench npm run bench:overhead [-- --profile]
 */
import { createServer, request, type Server } from 'node:http';
import { encode } from 'next-auth/jwt';
import postgres from 'postgres';
import superjson from 'superjson';
import { benchDatabaseUrl, requireBenchDatabase } from './bench/config';
import { profileCpu, type TProfileRow } from './bench/cpu-profile';
import { percentile } from './bench/stats';

const SECRET = process.env.NEXTAUTH_SECRET || 'bench-secret-bench-secret';
process.env.NEXTAUTH_SECRET = SECRET;
const url = benchDatabaseUrl();
process.env.DATABASE_URL = url.toString();
const meta = await requireBenchDatabase(url);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 300);

// Imported after the environment is set: the app's modules read it when first used.
const { db } = await import('@/db/client');
const { sessionFromCookies } = await import('@/server/auth/session');
const { resolveActor } = await import('@/server/auth/request-actor');
const { listConversations } = await import('@/server/services/conversations/list');
const { countViews } = await import('@/server/services/conversations/counts');
const { trpcHttp, trpcHttpHandler } = await import('@/server/api/http');
const { answerQueryBatch } = await import('@/server/api/query-batch');
const { serializeAnswer } = await import('@/server/api/wire');
const { benchActor } = await import('./bench/shapes');

const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
const actor = await benchActor(db(), sql, meta);
const [version] = await sql<{ v: number }[]>`select session_version as v from users where id = ${actor.userId}`;
const token = await encode({ token: { sub: actor.userId, sv: version!.v }, secret: SECRET, maxAge: 3600 });
const cookie = `next-auth.session-token=${token}; nafidha-workspace=${actor.workspace.id}`;
const input = { view: 'mine' as const, status: 'open' as const, sort: 'latest' as const, limit: 50 };

async function timeIt(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  const row = { step: label, p50: +percentile(samples, 50).toFixed(3), p95: +percentile(samples, 95).toFixed(3) };
  console.log(`${label.padEnd(72)} p50 ${row.p50.toFixed(3).padStart(7)}  p95 ${row.p95.toFixed(3).padStart(7)} ms`);
  return row;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { cookie }, agent: keepAlive }, (res) => {
      let size = 0;
      res.on('data', (chunk: Buffer) => (size += chunk.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(size) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The batch's CPU time per call, by package and by function: what the steps above leave unexplained. */
async function profileBatch(call: () => Promise<unknown>) {
  const calls = ITERATIONS * 3;
  const t0 = performance.now();
  const summary = await profileCpu(async () => {
    for (let i = 0; i < calls; i++) await call();
  });
  const wallPerCall = (performance.now() - t0) / calls;
  const perCall = (row: TProfileRow) => `${((row.ms / calls) * 1000).toFixed(0).padStart(5)} µs  ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.name}`;
  console.log(`\nCPU profile of ${calls} whole batches: ${wallPerCall.toFixed(2)} ms wall a call, of which this process was busy ${(summary.busyMs / calls).toFixed(2)} ms`);
  console.log('(the rest is waiting: PostgreSQL, the socket). Busy time a call, by place:');
  for (const row of summary.byPlace.slice(0, 18)) console.log(`  ${perCall(row)}`);
  console.log('By function (self time):');
  for (const row of summary.byFunction.slice(0, 30)) console.log(`  ${perCall(row)}`);
}

const { Agent } = await import('node:http');
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

try {
  console.log(`First page (Mine/Open) + counts, as ${actor.email}; ${ITERATIONS} calls a step\n`);
  const session = (await sessionFromCookies(cookie))!;
  const page = await listConversations(db(), actor.workspace, actor.userId, input);
  const counts = await countViews(db(), actor.workspace, actor.userId);
  await timeIt('session: decrypt and check the JWT cookie (next-auth getToken)', () => sessionFromCookies(cookie));
  await timeIt('context: session version + membership + workspace (one query)', () =>
    resolveActor(db(), session.claim, actor.workspace.id),
  );
  await timeIt('list: listConversations (its SQL, mapping rows)', () => listConversations(db(), actor.workspace, actor.userId, input));
  await timeIt('counts: countViews', () => countViews(db(), actor.workspace, actor.userId));
  await timeIt('superjson + JSON.stringify of both answers', async () => JSON.stringify([superjson.serialize(page), superjson.serialize(counts)]));
  await timeIt('the same, written by our writer of its format (server/api/wire.ts)', async () =>
    JSON.stringify([serializeAnswer(page), serializeAnswer(counts)]),
  );

  const trpc = createServer((req, res) => trpcHttpHandler(req, res));
  // The same adapter and procedure layers around two procedures that do nothing: what tRPC itself costs a batch.
  const { publicProcedure, router } = await import('@/server/api/trpc');
  const { createHTTPHandler } = await import('@trpc/server/adapters/standalone');
  const { createContextFromCookies } = await import('@/server/api/context');
  const noop = createHTTPHandler({
    router: router({ a: publicProcedure.query(() => null), b: publicProcedure.query(() => null) }),
    basePath: '/api/trpc/',
    createContext: ({ req, res }) => createContextFromCookies(req.headers.cookie, res),
  });
  const noopServer = createServer((req, res) => noop(req, res));
  const noopRouter = router({ a: publicProcedure.query(() => null), b: publicProcedure.query(() => null) });
  const leanNoopServer = createServer((req, res) => {
    void answerQueryBatch(req, res, { router: noopRouter, prefix: '/api/trpc/', createContext: () => createContextFromCookies(req.headers.cookie, res) });
  });
  const leanNoopPort = await listen(leanNoopServer);
  const app = createServer(trpcHttp);
  const appPort = await listen(app);
  const noopPort = await listen(noopServer);
  const empty = createServer((_req, res) => res.end('[]'));
  const trpcPort = await listen(trpc);
  const emptyPort = await listen(empty);
  const batch = `/api/trpc/conversation.list,conversation.counts?batch=1&input=${encodeURIComponent(
    JSON.stringify({ 0: { json: input }, 1: { json: null } }),
  )}`;
  await timeIt('Node HTTP alone: keep-alive request, empty answer', () => get(emptyPort, '/'));
  await timeIt('tRPC handler, cookie context, two procedures that do nothing', () => get(noopPort, '/api/trpc/a,b?batch=1&input=%7B%7D'));
  await timeIt('the same two through the lean path for query batches (server/api/query-batch.ts)', () =>
    get(leanNoopPort, '/api/trpc/a,b?batch=1&input=%7B%7D'),
  );
  await timeIt("whole batch through tRPC's standalone HTTP handler (both procedures)", () => get(trpcPort, batch));
  await timeIt("whole batch through the app's handler (the lean path; what the app does)", () => get(appPort, batch));
  const single = `/api/trpc/conversation.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: input } }))}`;
  await timeIt("conversation.list alone through the app's handler", () => get(appPort, single));
  if (process.argv.includes('--profile')) await profileBatch(() => get(appPort, batch));
  trpc.close();
  app.close();
  leanNoopServer.close();
  empty.close();
  noopServer.close();
} finally {
  keepAlive.destroy();
  await sql.end();
  process.exit(0);
}
