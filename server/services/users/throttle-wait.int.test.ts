import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '@/server/api/root';
import { SIGN_IN_LIMITS } from '@/server/auth/sign-in-throttle';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** A procedure called as the browser calls it: through the router's HTTP handling and its error formatter. */
async function post(path: string, input: unknown) {
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://127.0.0.1/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(superjson.serialize(input)),
    }),
    router: appRouter,
    createContext: () => ({ db: database.db, session: null, requestedWorkspaceId: null }),
  });
  const body = (await response.json()) as { error?: { json: { data: Record<string, unknown> } } };
  return { status: response.status, data: body.error?.json.data };
}

describe('a throttled invite', () => {
  it('is TOO_MANY_ATTEMPTS with how many seconds to wait, as the form needs to say "try again in N minutes"', async () => {
    const home = await createWorkspace(database.db, 'Home');
    await createUser(database.db, home.id, 'agent', 'Mona', { email: 'mona@example.com', passwordHash: await hashPassword('her own password') });
    const second = await createWorkspace(database.db, 'Second');
    const admin = await createUser(database.db, second.id, 'admin', 'Admin');
    const { url } = await callerFor(database.db, admin.id, second.id).user.invite({ email: 'mona@example.com', role: 'agent', origin: 'http://127.0.0.1' });
    const token = url.split('/invite/')[1]!;
    const visitor = callerFor(database.db, null);
    for (let i = 0; i < SIGN_IN_LIMITS.attemptsPerEmail; i++) {
      await expect(visitor.invite.accept({ kind: 'existing', token, password: `guess ${i}` })).rejects.toMatchObject({ cause: { code: 'INVALID_CREDENTIALS' } });
    }
    const refused = await post('invite.accept', { kind: 'existing', token, password: 'her own password' });
    expect(refused.status).toBe(429);
    expect(refused.data).toMatchObject({ appCode: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: expect.any(Number) });
    const wait = refused.data!.retryAfterSeconds as number;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(SIGN_IN_LIMITS.windowSeconds);
  });

  it('an error without a wait carries none', async () => {
    const refused = await post('invite.accept', { kind: 'existing', token: 'A'.repeat(43), password: 'whatever' });
    expect(refused.status).toBe(404);
    expect(refused.data).toMatchObject({ appCode: 'NOT_FOUND', appDetail: 'linkUnknown' });
    expect(refused.data).not.toHaveProperty('retryAfterSeconds');
  });
});
