import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '@/db/schema';
import { publishEnv } from '@/server/env';
import { revokeSessions } from '@/server/services/workspaces/sessions';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createUser, createWorkspace } from '@/server/testing/factories';
import { sessionCookieFor } from '@/server/testing/session-cookie';
import { requestActor } from './request-actor';
import { WORKSPACE_COOKIE } from './session';

let database: TTestDatabase;

beforeAll(async () => {
  publishEnv('NEXTAUTH_SECRET', randomBytes(24).toString('base64url'));
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** The one resolution behind tRPC, the socket handshake and the admin pages. */
describe('requestActor', () => {
  it('gives the actor in the workspace the cookie asks for, with what its permissions depend on', async () => {
    const db = database.db;
    const first = await createWorkspace(db, 'First');
    const second = await createWorkspace(db, 'Second', { agentsSeeAll: false });
    const user = await createUser(db, first.id, 'supervisor');
    await db.insert(memberships).values({ workspaceId: second.id, userId: user.id, role: 'agent' });
    const cookie = await sessionCookieFor(user.id);

    expect(await requestActor(db, cookie)).toMatchObject({
      status: 'ok',
      claim: { userId: user.id, sessionVersion: 1 },
      actor: { userId: user.id, role: 'supervisor', agentsSeeAll: true, workspace: { id: first.id } },
    });
    expect(await requestActor(db, `${cookie}; ${WORKSPACE_COOKIE}=${second.id}`)).toMatchObject({
      status: 'ok',
      actor: { userId: user.id, role: 'agent', agentsSeeAll: false, workspace: { id: second.id } },
    });
  });

  it('tells a missing or forged session, a revoked one and a non-member apart', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Mine');
    const elsewhere = await createWorkspace(db, 'Not mine');
    const user = await createUser(db, ws.id, 'agent');
    const cookie = await sessionCookieFor(user.id);

    expect(await requestActor(db, null)).toEqual({ status: 'signed-out' });
    expect(await requestActor(db, 'next-auth.session-token=forged')).toEqual({ status: 'signed-out' });
    expect(await requestActor(db, `${cookie}; ${WORKSPACE_COOKIE}=${elsewhere.id}`)).toEqual({
      status: 'no-workspace',
      claim: { userId: user.id, sessionVersion: 1 },
    });
    await revokeSessions(db, user.id);
    expect(await requestActor(db, cookie)).toEqual({ status: 'revoked' });
    expect(await requestActor(db, await sessionCookieFor(user.id, 2))).toMatchObject({ status: 'ok', actor: { userId: user.id } });
  });
});
