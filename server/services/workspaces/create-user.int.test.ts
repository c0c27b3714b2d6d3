import { afterEach, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { createSignInThrottle } from '@/server/auth/sign-in-throttle';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createWorkspace } from '@/server/testing/factories';
import { attemptSignIn } from './auth';
import { createUserAccount, DEFAULT_WORKSPACE_NAME, passwordFrom, ZCreateUserInput } from './create-user';
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
  it('on an empty database creates "My workspace" with the admin, voids the setup codes, and gives a one-time reset link', async () => {
    const database = await freshDatabase();
    const code = (await issueSetupCode(database.db))!;
    const created = await createUserAccount(database.db, input({ email: 'a@b.co' }));
    expect(created).toMatchObject({ createdWorkspace: true, workspace: { name: DEFAULT_WORKSPACE_NAME }, user: { email: 'a@b.co' } });
    expect(created.resetToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await database.db.$count(s.setupCodes)).toBe(0);
    const audit = await database.db.select().from(s.auditEvents).orderBy(s.auditEvents.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ['workspace.created', null],
      ['user.passwordResetIssued', null],
    ]);
    expect(JSON.stringify(audit)).not.toContain(created.resetToken);
    // The link is the way in: the person chooses the password, then signs in with it as the workspace's admin.
    const visitor = callerFor(database.db, null);
    expect(await visitor.passwordReset.lookup({ token: created.resetToken! })).toMatchObject({ state: 'valid', email: 'a@b.co' });
    await visitor.passwordReset.complete({ token: created.resetToken!, password: 'chosen password', confirmPassword: 'chosen password' });
    expect(await canSignIn(database, 'a@b.co', 'chosen password')).toBe(true);
    const [membership] = await database.db.select().from(s.memberships);
    expect(membership).toMatchObject({ workspaceId: created.workspace.id, userId: created.user.id, role: 'admin' });
    // The set-up page's code is void now: the set-up is done.
    await expect(
      completeSetup(database.db, {
        form: { workspaceName: 'X', name: 'Y', email: 'y@example.com', password: 'long enough', setupCode: code },
        address: '192.0.2.1',
      }),
    ).rejects.toMatchObject({ code: 'SETUP_DONE' });
  });

  it('names the first workspace after --workspace, and takes a given password without any link', async () => {
    const database = await freshDatabase();
    const created = await createUserAccount(database.db, input({ workspace: '  Acme Support ', name: 'Lina', password: 'lina password' }));
    expect(created).toMatchObject({ createdWorkspace: true, workspace: { name: 'Acme Support' } });
    expect(created.resetToken).toBeUndefined();
    expect(await database.db.$count(s.passwordResets)).toBe(0);
    expect(await canSignIn(database, 'lina@example.com', 'lina password')).toBe(true);
    // From then on --workspace names an existing one: an unknown name is refused, not a second "first" workspace.
    await expect(createUserAccount(database.db, input({ email: 'x@example.com', workspace: 'Beta' }))).rejects.toMatchObject({ detail: 'workspaceNotFound' });
    expect(await database.db.$count(s.workspaces)).toBe(1);
  });

  it('adds a user with the given role and password to the only workspace, or to the one named by id or name', async () => {
    const database = await freshDatabase();
    const acme = await createWorkspace(database.db, 'Acme');
    const only = await createUserAccount(database.db, input({ email: 'agent@example.com', role: 'agent', password: 'agent password' }));
    expect(only).toMatchObject({ createdWorkspace: false, workspace: { id: acme.id } });
    expect(only.resetToken).toBeUndefined();
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
    expect(audit.map((a) => a.action).sort()).toEqual(['user.created', 'user.created', 'user.created', 'user.passwordResetIssued', 'user.passwordResetIssued']);
  });

  it('refuses with a clear reason and changes nothing', async () => {
    const database = await freshDatabase();
    await expect(createUserAccount(database.db, input({ role: 'agent' }))).rejects.toMatchObject({ detail: 'firstUserAdmin' });
    expect(await database.db.$count(s.workspaces)).toBe(0);
    await createWorkspace(database.db, 'Acme');
    await createWorkspace(database.db, 'Acme');
    await expect(createUserAccount(database.db, input({ workspace: 'acme' }))).rejects.toMatchObject({ detail: 'workspaceAmbiguous' });
    await expect(createUserAccount(database.db, input({ workspace: 'Nope' }))).rejects.toMatchObject({ detail: 'workspaceNotFound' });
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

  it('checks its options like the forms do, and takes no password on the command line', () => {
    const issues = (options: Record<string, unknown>) => ZCreateUserInput.safeParse(options).error?.issues.map((i) => i.message);
    expect(issues({ email: 'nope', role: 'admin' })).toEqual(['EMAIL_INVALID']);
    expect(issues({ email: 'a@example.com', role: 'owner' })).toEqual(['ROLE_INVALID']);
    expect(issues({ email: 'a@example.com', role: 'admin', password: 'short' })).toEqual(['PASSWORD_TOO_SHORT']);
    expect(issues({ email: 'a@example.com', role: 'admin', workspace: 'x'.repeat(101) })).toEqual(['WORKSPACE_NAME_TOO_LONG']);
    expect(ZCreateUserInput.safeParse({ email: 'a@example.com', role: 'admin', workspaceName: 'B' }).success).toBe(false);
  });
});

describe('passwordFrom (where user:create reads the password)', () => {
  it('is stdin with --password-stdin (one trailing line break dropped), else NAFIDHA_PASSWORD, else none', () => {
    expect(passwordFrom({ passwordStdin: true, stdin: 'piped secret\n', environment: 'from env' })).toBe('piped secret');
    expect(passwordFrom({ passwordStdin: true, stdin: 'crlf secret\r\n' })).toBe('crlf secret');
    expect(passwordFrom({ passwordStdin: true, stdin: ' spaces kept \n\n' })).toBe(' spaces kept \n');
    expect(passwordFrom({ passwordStdin: false, environment: 'from env' })).toBe('from env');
    expect(passwordFrom({ passwordStdin: false, environment: '' })).toBeUndefined();
    expect(passwordFrom({ passwordStdin: false })).toBeUndefined();
  });
});
