import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { database as appDatabase } from '@/db/client';
import { createContextFromCookies } from '@/server/api/context';
import { TRPC_PREFIX, trpcHttp, trpcHttpHandler } from '@/server/api/http';
import { answerQueryBatch } from '@/server/api/query-batch';
import { appRouter } from '@/server/api/root';
import { publishEnv } from '@/server/env';
import { createTestDatabase, testServerUrl, type TTestDatabase } from '@/server/testing/database';
import { createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { sessionCookieFor } from '@/server/testing/session-cookie';
import { revokeSessions } from '@/server/services/workspaces/sessions';

/**
 * The lean path for batches of queries (./query-batch.ts) must answer exactly as tRPC's own handler does. Each request
 * goes to both, on the same database, and the two answers are compared whole: status, the headers a client reads,
 * the body byte for byte. The lean server also records whether it answered or handed the request on, so a request
 * meant for the lean path is known to have taken it.
 */
let database: TTestDatabase;
const servers: Server[] = [];
let reference: string;
let lean: string;
const answeredByLean: boolean[] = [];

let workspaceId: string;
let agentCookie: string;
let adminCookie: string;
let conversationId: string;
let strangersConversationId: string;

async function listen(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  publishEnv('NEXTAUTH_SECRET', randomBytes(24).toString('base64url'));
  database = await createTestDatabase();
  process.env.TEST_DATABASE_URL = testServerUrl();
  publishEnv('DATABASE_URL', database.url);

  const workspace = await createWorkspace(database.db, 'Lean');
  workspaceId = workspace.id;
  const agent = await createUser(database.db, workspace.id, 'agent');
  const admin = await createUser(database.db, workspace.id, 'admin');
  agentCookie = `${await sessionCookieFor(agent.id)}; nafidha-workspace=${workspace.id}`;
  adminCookie = `${await sessionCookieFor(admin.id)}; nafidha-workspace=${workspace.id}`;
  const channel = await createChannel(database.db, workspace.id);
  conversationId = (await createConversation(database.db, { workspaceId: workspace.id, channel, assigneeId: agent.id, firstName: 'Lina' })).conversation.id;
  const stranger = await createWorkspace(database.db, 'Elsewhere');
  const theirChannel = await createChannel(database.db, stranger.id);
  strangersConversationId = (await createConversation(database.db, { workspaceId: stranger.id, channel: theirChannel })).conversation.id;

  reference = await listen((req, res) => void trpcHttpHandler(req, res));
  lean = await listen((req, res) => {
    void answerQueryBatch(req, res, {
      router: appRouter,
      prefix: TRPC_PREFIX,
      createContext: () => createContextFromCookies(req.headers.cookie, res),
    }).then((answered) => {
      answeredByLean.push(answered);
      if (!answered) void trpcHttpHandler(req, res);
    });
  });
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await appDatabase().sql.end();
  await database.drop();
});

type TAnswer = { status: number; contentType: string | null; vary: string | null; renewed: boolean; body: string };

async function ask(base: string, path: string, headers: Record<string, string>): Promise<TAnswer> {
  const response = await fetch(`${base}${path}`, { headers });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    vary: response.headers.get('vary'),
    renewed: response.headers.get('set-cookie') !== null,
    // The parts of an answer that differ by when it was made: the list's server time, the counts' snapshot.
    body: (await response.text()).replace(/"(asOf|snapshot)":"[^"]+"/g, '"$1":"…"'),
  };
}

/** The same request to both servers: the two answers, and whether the lean path answered it itself. */
async function both(path: string, headers: Record<string, string> = {}) {
  const expected = await ask(reference, path, headers);
  const actual = await ask(lean, path, headers);
  return { expected, actual, lean: answeredByLean.at(-1) };
}

/** A GET batch as httpBatchLink writes it: paths joined by commas, inputs by index, each superjson-serialized. */
function batchPath(calls: [path: string, input?: unknown][]): string {
  const inputs = Object.fromEntries(calls.flatMap(([, input], index) => (input === undefined ? [] : [[index, superjson.serialize(input)]])));
  return `/api/trpc/${calls.map(([path]) => path).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
}

describe('a batch of queries by the lean path', () => {
  it('answers the inbox first page (list and counts) as tRPC does', async () => {
    const { expected, actual, lean: took } = await both(
      batchPath([['conversation.list', { view: 'mine', status: 'open', sort: 'latest', limit: 50 }], ['conversation.counts']]),
      { cookie: agentCookie },
    );
    expect(took).toBe(true);
    expect(actual).toEqual(expected);
    expect(actual.status).toBe(200);
    expect(JSON.parse(actual.body)[0].result.data.json.items[0]).toMatchObject({ id: conversationId });
  });

  it('answers refusals in the same words and status: bad input beside a good call, another workspace, signed out, revoked', async () => {
    const mixed = await both(batchPath([['conversation.list', { view: 'nope', status: 'open' }], ['conversation.counts']]), { cookie: agentCookie });
    expect([mixed.lean, mixed.actual.status]).toEqual([true, 207]);
    expect(mixed.actual).toEqual(mixed.expected);

    const theirs = await both(batchPath([['conversation.get', { id: strangersConversationId }]]), { cookie: agentCookie });
    expect(theirs.lean).toBe(true);
    expect(theirs.actual).toEqual(theirs.expected);
    expect(theirs.actual.status).toBeGreaterThanOrEqual(400);
    expect(theirs.actual.body).not.toContain('Elsewhere');

    const signedOut = await both(batchPath([['conversation.counts'], ['conversation.row', { id: conversationId }]]));
    expect([signedOut.lean, signedOut.actual.status]).toEqual([true, 401]);
    expect(signedOut.actual).toEqual(signedOut.expected);

    const user = await createUser(database.db, workspaceId, 'agent');
    const cookie = `${await sessionCookieFor(user.id)}; nafidha-workspace=${workspaceId}`;
    await revokeSessions(database.db, user.id);
    const revoked = await both(batchPath([['conversation.counts']]), { cookie });
    expect([revoked.lean, revoked.actual.status]).toEqual([true, 401]);
    expect(revoked.actual).toEqual(revoked.expected);
  });

  it('deserializes superjson inputs (a Date) and refuses by role as tRPC does', async () => {
    const from = new Date('2026-01-01T00:00:00Z');
    const admin = await both(batchPath([['audit.list', { from, limit: 5 }], ['audit.actors']]), { cookie: adminCookie });
    expect([admin.lean, admin.actual.status]).toEqual([true, 200]);
    expect(admin.actual).toEqual(admin.expected);

    const agent = await both(batchPath([['audit.list', { from }]]), { cookie: agentCookie });
    expect([agent.lean, agent.actual.status]).toEqual([true, 403]);
    expect(agent.actual).toEqual(agent.expected);
  });

  it('renews an old session cookie on its answer', async () => {
    const user = await createUser(database.db, workspaceId, 'agent');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() - 20 * 60_000);
    const old = await sessionCookieFor(user.id);
    vi.useRealTimers();
    const { actual, lean: took } = await both(batchPath([['conversation.counts']]), { cookie: `${old}; nafidha-workspace=${workspaceId}` });
    expect([took, actual.status, actual.renewed]).toEqual([true, 200, true]);
  });
});

describe('everything else goes to tRPC untouched', () => {
  it.each([
    ['a single call', '/api/trpc/conversation.counts'],
    ['a path that is no procedure', batchPath([['conversation.counts'], ['conversation.nope']])],
    ['a mutation asked by GET', batchPath([['conversation.markRead', { id: conversationId }]])],
    ['input that is not JSON', '/api/trpc/conversation.counts?batch=1&input=%7Bnot-json'],
    ['input that is not an object', `/api/trpc/conversation.counts?batch=1&input=${encodeURIComponent('[1]')}`],
    ['a path that does not decode', '/api/trpc/conversation.counts%E0%A4%A?batch=1'],
    ['an inherited name', batchPath([['constructor']])],
  ])('%s', async (_, path) => {
    const { expected, actual, lean: took } = await both(path, { cookie: agentCookie });
    expect(took).toBe(false);
    expect(actual).toEqual(expected);
  });

  it('a streamed batch (JSON lines)', async () => {
    const { expected, actual, lean: took } = await both(batchPath([['conversation.counts']]), { cookie: agentCookie, 'trpc-accept': 'application/jsonl' });
    expect(took).toBe(false);
    expect(actual.status).toBe(expected.status);
  });
});

describe('the app handler', () => {
  it('serves a query batch and a mutation', async () => {
    const app = await listen(trpcHttp);
    const read = await ask(app, batchPath([['conversation.counts']]), { cookie: agentCookie });
    expect(read.status).toBe(200);
    const write = await fetch(`${app}/api/trpc/conversation.markRead?batch=1`, {
      method: 'POST',
      headers: { cookie: agentCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ 0: superjson.serialize({ id: conversationId }) }),
    });
    expect([write.status, await write.text()]).toEqual([200, expect.stringContaining('"result"')]);
  });
});
