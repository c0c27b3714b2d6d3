import { drizzle } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '@/db/client';
import * as schema from '@/db/schema';
import { createCaller } from '@/server/api/root';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createUser, createWorkspace } from '@/server/testing/factories';

/**
 * A request's procedures share one actor resolution (server/api/trpc.ts, perRequest): the inbox's list + counts batch
 * asks the membership query once. Without the memo (tests' callers, other contexts) every procedure asks its own, and
 * a request of another user or workspace never sees this one's answer.
 */
let database: TTestDatabase;
let statements: string[] = [];
let counting: TDb;
let workspaceId: string;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  counting = drizzle(database.sql, { schema, logger: { logQuery: (query) => statements.push(query) } }) as unknown as TDb;
  workspaceId = (await createWorkspace(database.db, 'Memo')).id;
  userId = (await createUser(database.db, workspaceId, 'supervisor')).id;
});
afterAll(() => database.drop());

/** The actor query is the one reading memberships with the session version (resolveSessionWorkspace). */
const actorQueries = () => statements.filter((q) => /"memberships"/.test(q) && /session_version/.test(q)).length;

describe('per-request actor', () => {
  it('is resolved once for the procedures of one request, once per procedure without the memo', async () => {
    const session = { userId, sessionVersion: 1 };
    statements = [];
    const batch = createCaller({ db: counting, session, requestedWorkspaceId: workspaceId, perRequest: {} });
    await Promise.all([batch.conversation.list({ view: 'all', status: 'open' }), batch.conversation.counts()]);
    expect(actorQueries()).toBe(1);

    statements = [];
    const plain = createCaller({ db: counting, session, requestedWorkspaceId: workspaceId });
    await Promise.all([plain.conversation.list({ view: 'all', status: 'open' }), plain.conversation.counts()]);
    expect(actorQueries()).toBe(2);
  });

  it('still refuses a revoked session and a workspace the user is not in', async () => {
    const other = (await createWorkspace(database.db, 'Not theirs')).id;
    const stranger = createCaller({ db: counting, session: { userId, sessionVersion: 1 }, requestedWorkspaceId: other, perRequest: {} });
    await expect(stranger.conversation.list({ view: 'all', status: 'open' })).rejects.toMatchObject({ cause: { code: 'NO_WORKSPACE' } });
    const revoked = createCaller({ db: counting, session: { userId, sessionVersion: 99 }, requestedWorkspaceId: workspaceId, perRequest: {} });
    await expect(revoked.conversation.counts()).rejects.toMatchObject({ cause: { code: 'UNAUTHENTICATED' } });
  });
});
