import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { createSignInThrottle } from '@/server/auth/sign-in-throttle';
import { ZSetupInput } from '@/server/domain/first-run';
import { formatSetupCode } from '@/server/domain/setup-code';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createUser, createWorkspace } from '@/server/testing/factories';
import { attemptSignIn } from './auth';
import { completeSetup, hasAnyUser, issueSetupCode, SETUP_LIMITS } from './first-run';
import { handleSetupRequest } from './setup-request';

// Every test needs a database without any user: each gets its own (a template clone costs milliseconds).
const databases: TTestDatabase[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.drop();
});
async function freshDatabase() {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

const form = (setupCode: string, change: Record<string, unknown> = {}) =>
  ZSetupInput.parse({
    workspaceName: 'Acme Support',
    name: 'Lina Haddad',
    email: 'Lina@Example.com',
    password: 'correct horse battery',
    setupCode: formatSetupCode(setupCode).toLowerCase(),
    ...change,
  });

async function counts(database: TTestDatabase) {
  const [workspaces, users, memberships, settings, audit, codes] = await Promise.all(
    [s.workspaces, s.users, s.memberships, s.workspaceSettings, s.auditEvents, s.setupCodes].map((table) => database.db.$count(table)),
  );
  return { workspaces, users, memberships, settings, audit, codes };
}

const post = (database: TTestDatabase, body: unknown, contentType = 'application/json') =>
  handleSetupRequest(
    database.db,
    new Request('http://localhost/api/setup', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    '192.0.2.50',
  );

describe('the setup code', () => {
  it('is issued only while the database has no user, and only its hash is stored', async () => {
    const database = await freshDatabase();
    const code = await issueSetupCode(database.db);
    expect(code).toMatch(/^[A-Z2-9]{12}$/);
    const [row] = await database.db.select().from(s.setupCodes);
    expect(row!.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.codeHash).not.toContain(code!);

    const other = await freshDatabase();
    const workspace = await createWorkspace(other.db);
    await createUser(other.db, workspace.id, 'admin');
    expect(await issueSetupCode(other.db)).toBeNull();
    expect(await other.db.$count(s.setupCodes)).toBe(0);
  });

  it('of each of two instances started together is valid; the set-up voids both', async () => {
    const database = await freshDatabase();
    const [first, second] = await Promise.all([issueSetupCode(database.db), issueSetupCode(database.db)]);
    expect(first).not.toBe(second);
    expect(await database.db.$count(s.setupCodes)).toBe(2);
    await completeSetup(database.db, { form: form(second!), address: '192.0.2.1' });
    expect(await database.db.$count(s.setupCodes)).toBe(0);
    await expect(
      completeSetup(database.db, { form: form(first!, { email: 'other@example.com' }), address: '192.0.2.1' }),
    ).rejects.toMatchObject({
      code: 'SETUP_DONE',
    });
  });
});

describe('completeSetup', () => {
  it('creates the workspace, its settings, the admin and the audit entry in one go, and the admin can sign in', async () => {
    const database = await freshDatabase();
    const code = (await issueSetupCode(database.db))!;
    expect(await hasAnyUser(database.db)).toBe(false);
    const result = await completeSetup(database.db, { form: form(code, { locale: 'ar' }), address: '192.0.2.1' });

    expect(await counts(database)).toEqual({ workspaces: 1, users: 1, memberships: 1, settings: 1, audit: 1, codes: 0 });
    const [membership] = await database.db.select().from(s.memberships);
    expect(membership).toMatchObject({ workspaceId: result.workspace.id, userId: result.user.id, role: 'admin' });
    const [user] = await database.db.select().from(s.users);
    expect(user).toMatchObject({ email: 'lina@example.com', name: 'Lina Haddad', locale: 'ar' });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    const [audit] = await database.db.select().from(s.auditEvents);
    expect(audit).toMatchObject({ workspaceId: result.workspace.id, actorId: result.user.id, action: 'workspace.created' });
    expect(await hasAnyUser(database.db)).toBe(true);

    const signIn = await attemptSignIn(database.db, createSignInThrottle(database.db), {
      credentials: { email: 'lina@example.com', password: 'correct horse battery' },
      address: '192.0.2.1',
    });
    expect(signIn.ok).toBe(true);
  });

  it('refuses a wrong code and changes nothing', async () => {
    const database = await freshDatabase();
    await issueSetupCode(database.db);
    const before = await counts(database);
    await expect(completeSetup(database.db, { form: form('ABCDEFGHJKMN'), address: '192.0.2.1' })).rejects.toMatchObject({
      code: 'SETUP_CODE_INVALID',
    });
    expect(await counts(database)).toEqual(before);
  });

  it('cannot be used again once it succeeded, not even with the same code', async () => {
    const database = await freshDatabase();
    const code = (await issueSetupCode(database.db))!;
    await completeSetup(database.db, { form: form(code), address: '192.0.2.1' });
    const after = await counts(database);
    await expect(
      completeSetup(database.db, { form: form(code, { email: 'mallory@example.com' }), address: '192.0.2.66' }),
    ).rejects.toMatchObject({
      code: 'SETUP_DONE',
    });
    expect(await counts(database)).toEqual(after);
  });

  it('lets exactly one of two simultaneous submissions win; the other is told the set-up is done', async () => {
    const database = await freshDatabase();
    const code = (await issueSetupCode(database.db))!;
    const results = await Promise.allSettled([
      completeSetup(database.db, { form: form(code, { workspaceName: 'First' }), address: '192.0.2.1' }),
      completeSetup(database.db, { form: form(code, { workspaceName: 'Second', email: 'omar@example.com' }), address: '192.0.2.2' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'SETUP_DONE' });
    expect(await counts(database)).toMatchObject({ workspaces: 1, users: 1, memberships: 1 });
  });

  it('throttles guesses from one address, before looking at the code', async () => {
    const database = await freshDatabase();
    const code = (await issueSetupCode(database.db))!;
    let now = new Date('2026-12-02T08:00:00Z');
    const throttle = createSignInThrottle(database.db, { limits: SETUP_LIMITS, now: () => now });
    for (let i = 0; i < SETUP_LIMITS.failuresPerAddress; i++) {
      await expect(completeSetup(database.db, { form: form('ABCDEFGHJKMN'), address: '198.51.100.7', throttle })).rejects.toMatchObject({
        code: 'SETUP_CODE_INVALID',
      });
    }
    // Now even the right code is refused from there, with the wait; nothing is created.
    await expect(completeSetup(database.db, { form: form(code), address: '198.51.100.7', throttle })).rejects.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      details: { retryAfterSeconds: 15 * 60 },
    });
    expect(await database.db.$count(s.users)).toBe(0);
    now = new Date(now.getTime() + 15 * 60_000 + 1000);
    await completeSetup(database.db, { form: form(code), address: '198.51.100.7', throttle });
    expect(await database.db.$count(s.users)).toBe(1);
  });
});

describe('POST /api/setup', () => {
  it.each([
    ['a body that is not JSON', 'workspaceName=Acme', 'application/json', 400],
    ['a form post', 'workspaceName=Acme', 'application/x-www-form-urlencoded', 415],
    ['a huge body', JSON.stringify({ workspaceName: 'x'.repeat(20_000) }), 'application/json', 413],
    ['JSON that is not an object', '[1,2,3]', 'application/json', 400],
    ['null', 'null', 'application/json', 400],
  ])('answers %s with a clear refusal, not a 500', async (_what, body, contentType, status) => {
    const database = await freshDatabase();
    await issueSetupCode(database.db);
    const response = await post(database, body, contentType);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ ok: false, appCode: 'INVALID_INPUT' });
    expect(await database.db.$count(s.users)).toBe(0);
  });

  it('names each invalid field with the form’s own message key', async () => {
    const database = await freshDatabase();
    await issueSetupCode(database.db);
    const response = await post(database, { workspaceName: '', name: 'x'.repeat(121), email: 'nope', password: 'short', setupCode: '' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      ok: false,
      appCode: 'INVALID_INPUT',
      fields: {
        workspaceName: 'WORKSPACE_NAME_REQUIRED',
        name: 'NAME_TOO_LONG',
        email: 'EMAIL_INVALID',
        password: 'PASSWORD_TOO_SHORT',
        setupCode: 'SETUP_CODE_REQUIRED',
      },
    });
  });

  it('creates the workspace for the right code, then answers 409 SETUP_DONE', async () => {
    const database = await freshDatabase();
    const code = (await issueSetupCode(database.db))!;
    const body = {
      workspaceName: 'Acme',
      name: 'Lina',
      email: 'LINA@example.com',
      password: 'correct horse',
      setupCode: formatSetupCode(code),
    };
    const wrong = await post(database, { ...body, setupCode: 'ABCD-EFGH-JKMN' });
    expect([wrong.status, await wrong.json()]).toEqual([403, { ok: false, appCode: 'SETUP_CODE_INVALID' }]);
    const created = await post(database, body);
    expect([created.status, await created.json()]).toEqual([200, { ok: true, email: 'lina@example.com' }]);
    const again = await post(database, body);
    expect([again.status, await again.json()]).toEqual([409, { ok: false, appCode: 'SETUP_DONE' }]);
    const [user] = await database.db.select({ name: s.users.name }).from(s.users).where(eq(s.users.email, 'lina@example.com'));
    expect(user?.name).toBe('Lina');
  });
});
