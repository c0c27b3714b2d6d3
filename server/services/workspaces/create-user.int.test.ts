import { afterEach, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { createSignInThrottle } from '@/server/auth/sign-in-throttle';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createWorkspace } from '@/server/testing/factories';
import { attemptSignIn } from './auth';
import { createUserAccount, ZCreateUserInput } from './create-user';
import { completeSetup, issueSetupCode } from './first-run';

const databases: TTestDatabase[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) await database.drop();
});
async function freshDatabase() {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

const input = (options: Record<string, unknown>) => ZCreateUserInput.parse({ email: 'lina@example.com', role: 'admin', ...options });
const canSignIn = async (database: TTestDatabase, email: string, password: string) =>
  (await attemptSignIn(database.db, createSignInThrottle(database.db), { credentials: { email, password }, address: '192.0.2.1' })).ok;

describe('createUserAccount (npm run user:create)', () => {
  it('creates the first workspace with --workspace-name, voids the setup codes, and prints a generated password once', async () => {
    const database = await freshDatabase();
    const code = (await issueSetupCode(database.db))!;
    const created = await createUserAccount(database.db, input({ workspaceName: 'Acme Support', name: 'Lina' }));
    expect(created).toMatchObject({ createdWorkspace: true, workspace: { name: 'Acme Support' }, user: { email: 'lina@example.com' } });
    expect(created.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await canSignIn(database, 'lina@example.com', created.generatedPassword!)).toBe(true);
    expect(await database.db.$count(s.setupCodes)).toBe(0);
    const [audit] = await database.db.select().from(s.auditEvents);
    expect(audit).toMatchObject({ action: 'workspace.created', actorId: null, data: { via: 'script', name: 'Acme Support' } });
    // The set-up page's code is void now: the set-up is done.
    await expect(
      completeSetup(database.db, {
        form: { workspaceName: 'X', name: 'Y', email: 'y@example.com', password: 'long enough', setupCode: code },
        address: '192.0.2.1',
      }),
    ).rejects.toMatchObject({ code: 'SETUP_DONE' });
  });

  it('adds a user with the given role and password to the only workspace, or to the one named by id or name', async () => {
    const database = await freshDatabase();
    const acme = await createWorkspace(database.db, 'Acme');
    const only = await createUserAccount(database.db, input({ email: 'agent@example.com', role: 'agent', password: 'agent password' }));
    expect(only).toMatchObject({ createdWorkspace: false, workspace: { id: acme.id } });
    expect(only.generatedPassword).toBeUndefined();
    expect(await canSignIn(database, 'agent@example.com', 'agent password')).toBe(true);

    const other = await createWorkspace(database.db, 'Other Co');
    await expect(createUserAccount(database.db, input({ email: 'x@example.com' }))).rejects.toMatchObject({ detail: 'workspaceRequired' });
    expect((await createUserAccount(database.db, input({ email: 'byname@example.com', workspace: 'other co' }))).workspace.id).toBe(
      other.id,
    );
    expect((await createUserAccount(database.db, input({ email: 'byid@example.com', workspace: acme.id }))).workspace.id).toBe(acme.id);
    const memberships = await database.db.select().from(s.memberships);
    expect(memberships.map((m) => [m.workspaceId, m.role]).sort()).toEqual(
      [
        [acme.id, 'agent'],
        [other.id, 'admin'],
        [acme.id, 'admin'],
      ].sort(),
    );
    const audit = await database.db.select().from(s.auditEvents);
    expect(audit.map((a) => a.action)).toEqual(['user.created', 'user.created', 'user.created']);
  });

  it('refuses with a clear reason and changes nothing', async () => {
    const database = await freshDatabase();
    await expect(createUserAccount(database.db, input({}))).rejects.toMatchObject({ detail: 'noWorkspaceYet' });
    await createWorkspace(database.db, 'Acme');
    await createWorkspace(database.db, 'Acme');
    await expect(createUserAccount(database.db, input({ workspace: 'acme' }))).rejects.toMatchObject({ detail: 'workspaceAmbiguous' });
    await expect(createUserAccount(database.db, input({ workspace: 'Nope' }))).rejects.toMatchObject({ detail: 'workspaceNotFound' });
    await expect(createUserAccount(database.db, input({ workspaceName: 'Second' }))).rejects.toMatchObject({
      detail: 'workspaceNameNeedsEmpty',
    });
    expect(await database.db.$count(s.users)).toBe(0);
    expect(await database.db.$count(s.workspaces)).toBe(2);
  });

  it('refuses an email that has an account already', async () => {
    const database = await freshDatabase();
    await createWorkspace(database.db, 'Acme');
    await createUserAccount(database.db, input({ password: 'first password' }));
    await expect(createUserAccount(database.db, input({ email: 'LINA@example.com', role: 'agent' }))).rejects.toMatchObject({
      code: 'EMAIL_TAKEN',
    });
    expect(await database.db.$count(s.users)).toBe(1);
  });

  it('checks its options like the forms do', () => {
    const issues = (options: Record<string, unknown>) => ZCreateUserInput.safeParse(options).error?.issues.map((i) => i.message);
    expect(issues({ email: 'nope', role: 'admin' })).toEqual(['EMAIL_INVALID']);
    expect(issues({ email: 'a@example.com', role: 'owner' })).toEqual(['ROLE_INVALID']);
    expect(issues({ email: 'a@example.com', role: 'admin', password: 'short' })).toEqual(['PASSWORD_TOO_SHORT']);
    expect(issues({ email: 'a@example.com', role: 'agent', workspaceName: 'Acme' })).toEqual(['FIRST_USER_ADMIN']);
    expect(issues({ email: 'a@example.com', role: 'admin', workspace: 'A', workspaceName: 'B' })).toEqual(['WORKSPACE_BOTH']);
  });
});
