import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, invites, memberships, users } from '@/db/schema';
import { createSignInThrottle } from '@/server/auth/sign-in-throttle';
import { attemptSignIn } from '@/server/services/workspaces/auth';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createUser, createWorkspace } from '@/server/testing/factories';
import { hashLinkToken } from './tokens';

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const ORIGIN = 'http://127.0.0.1:3999';
const tokenOf = (url: string) => url.split('/invite/')[1]!;

async function adminWorkspace(name = 'Acme') {
  const workspace = await createWorkspace(database.db, name);
  const admin = await createUser(database.db, workspace.id, 'admin', `${name} admin`);
  return { workspace, admin, caller: callerFor(database.db, admin.id, workspace.id) };
}

async function audit(workspaceId: string) {
  return database.db
    .select({ action: auditEvents.action, data: auditEvents.data, actorId: auditEvents.actorId, subjectId: auditEvents.subjectId })
    .from(auditEvents)
    .where(eq(auditEvents.workspaceId, workspaceId))
    .orderBy(auditEvents.id);
}

describe('user.invite', () => {
  it('stores the email lower-cased and only the token’s hash, lists the invite as pending, and audits it without the token', async () => {
    const { workspace, admin, caller } = await adminWorkspace();
    const created = await caller.user.invite({ email: '  New.Agent@Example.COM ', role: 'agent', origin: ORIGIN });
    expect(created.url).toMatch(/^http:\/\/127\.0\.0\.1:3999\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(created.email).toBe('off');
    const token = tokenOf(created.url);
    const [row] = await database.db.select().from(invites).where(eq(invites.id, created.id));
    expect(row).toMatchObject({ email: 'new.agent@example.com', role: 'agent', tokenHash: hashLinkToken(token), createdBy: admin.id });
    expect(JSON.stringify(row)).not.toContain(token);
    // Seven days from now, by the database's clock.
    expect(Math.abs(row!.expiresAt.getTime() - row!.createdAt.getTime() - 7 * 24 * 3600_000)).toBeLessThan(5_000);
    expect((await caller.user.list()).invites).toMatchObject([{ id: created.id, email: 'new.agent@example.com', role: 'agent', expired: false }]);
    const events = await audit(workspace.id);
    expect(events).toEqual([{ action: 'user.invited', actorId: admin.id, subjectId: created.id, data: { email: 'new.agent@example.com', role: 'agent' } }]);
    expect(JSON.stringify(events)).not.toContain(token);
  });

  it('replaces the pending invite of the same email: the old link is revoked, one invite is pending', async () => {
    const { caller } = await adminWorkspace();
    const first = await caller.user.invite({ email: 'twice@example.com', role: 'agent', origin: ORIGIN });
    const second = await caller.user.invite({ email: 'TWICE@example.com', role: 'supervisor', origin: ORIGIN });
    expect((await caller.user.list()).invites.map((i) => [i.id, i.role])).toEqual([[second.id, 'supervisor']]);
    expect(await caller.invite.lookup({ token: tokenOf(first.url) })).toEqual({ state: 'revoked' });
    expect(await caller.invite.lookup({ token: tokenOf(second.url) })).toMatchObject({ state: 'valid', role: 'supervisor' });
  });

  it('refuses someone already a member here, active or deactivated, and bad input, changing nothing', async () => {
    const { workspace, caller } = await adminWorkspace();
    const member = await createUser(database.db, workspace.id, 'agent', 'Member', { email: 'member@example.com' });
    await expect(caller.user.invite({ email: 'Member@Example.com', role: 'agent' })).rejects.toMatchObject({ cause: { code: 'ALREADY_MEMBER' } });
    await database.db.update(memberships).set({ deactivatedAt: new Date() }).where(eq(memberships.userId, member.id));
    await expect(caller.user.invite({ email: 'member@example.com', role: 'agent' })).rejects.toMatchObject({
      cause: { code: 'ALREADY_MEMBER', detail: 'memberDeactivated' },
    });
    await expect(caller.user.invite({ email: 'not-an-email', role: 'agent' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.user.invite({ email: 'x@example.com', role: 'owner' as 'agent' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await caller.user.list()).invites).toEqual([]);
  });

  it('revokes a pending invite once (audited), refuses another workspace’s invite as not found', async () => {
    const { workspace, caller } = await adminWorkspace();
    const other = await adminWorkspace('Elsewhere');
    const theirs = await other.caller.user.invite({ email: 'theirs@example.com', role: 'agent', origin: ORIGIN });
    await expect(caller.user.revokeInvite({ id: theirs.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.user.revokeInvite({ id: crypto.randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await other.caller.invite.lookup({ token: tokenOf(theirs.url) })).toMatchObject({ state: 'valid' });

    const ours = await caller.user.invite({ email: 'ours@example.com', role: 'agent', origin: ORIGIN });
    expect(await caller.user.revokeInvite({ id: ours.id })).toEqual({ changed: true });
    expect(await caller.user.revokeInvite({ id: ours.id })).toEqual({ changed: false });
    expect((await caller.user.list()).invites).toEqual([]);
    expect((await audit(workspace.id)).map((e) => e.action)).toEqual(['user.invited', 'invite.revoked']);
  });
});

describe('accepting an invite', () => {
  it('creates the account with its name and password, joins it with the invited role, once', async () => {
    const { workspace, caller } = await adminWorkspace();
    const { url } = await caller.user.invite({ email: 'Newcomer@example.com', role: 'supervisor', origin: ORIGIN });
    const token = tokenOf(url);
    const visitor = callerFor(database.db, null);
    expect(await visitor.invite.lookup({ token })).toEqual({
      state: 'valid',
      email: 'newcomer@example.com',
      role: 'supervisor',
      workspaceName: 'Acme',
      existingAccount: false,
      alreadyMember: false,
    });
    const accept = { kind: 'new' as const, token, name: '  Nour Saleh ', password: 'correct horse', confirmPassword: 'correct horse' };
    expect(await visitor.invite.accept(accept)).toEqual({ email: 'newcomer@example.com', workspaceId: workspace.id });
    const [user] = await database.db.select().from(users).where(eq(users.email, 'newcomer@example.com'));
    expect(user!.name).toBe('Nour Saleh');
    const signIn = await attemptSignIn(database.db, createSignInThrottle(database.db), {
      credentials: { email: 'newcomer@example.com', password: 'correct horse' },
      address: '192.0.2.1',
    });
    expect(signIn.ok).toBe(true);
    expect((await callerFor(database.db, user!.id).me.get()).workspace).toMatchObject({ id: workspace.id, role: 'supervisor' });
    // Single use: the same link again, in any form, is "used".
    expect(await visitor.invite.lookup({ token })).toEqual({ state: 'used' });
    await expect(visitor.invite.accept({ ...accept, name: 'Someone else' })).rejects.toMatchObject({ cause: { code: 'NOT_FOUND', detail: 'linkUsed' } });
    expect((await audit(workspace.id)).map((e) => [e.action, e.actorId])).toEqual([
      ['user.invited', expect.any(String)],
      ['user.joined', user!.id],
    ]);
  });

  it('refuses mismatched or short passwords and a missing name, changing nothing', async () => {
    const { caller } = await adminWorkspace();
    const token = tokenOf((await caller.user.invite({ email: 'careful@example.com', role: 'agent', origin: ORIGIN })).url);
    const visitor = callerFor(database.db, null);
    const base = { kind: 'new' as const, token, name: 'Careful', password: 'long enough', confirmPassword: 'long enough' };
    await expect(visitor.invite.accept({ ...base, confirmPassword: 'long enough!' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { issues: [{ path: ['confirmPassword'], message: 'PASSWORDS_DIFFER' }] },
    });
    await expect(visitor.invite.accept({ ...base, password: 'short', confirmPassword: 'short' })).rejects.toMatchObject({
      cause: { issues: [{ path: ['password'], message: 'PASSWORD_TOO_SHORT' }] },
    });
    await expect(visitor.invite.accept({ ...base, name: '   ' })).rejects.toMatchObject({ cause: { issues: [{ message: 'NAME_REQUIRED' }] } });
    expect(await visitor.invite.lookup({ token })).toMatchObject({ state: 'valid' });
  });

  it('joins an existing account (a member elsewhere) once its password is proven, without a second user', async () => {
    const home = await adminWorkspace('Home');
    const passwordHash = await hashPassword('her own password');
    const existing = await createUser(database.db, home.workspace.id, 'agent', 'Mona', { email: 'mona@example.com', passwordHash });
    const { workspace, caller } = await adminWorkspace('Second');
    const token = tokenOf((await caller.user.invite({ email: 'MONA@example.com', role: 'agent', origin: ORIGIN })).url);
    const visitor = callerFor(database.db, null);
    expect(await visitor.invite.lookup({ token })).toMatchObject({ state: 'valid', existingAccount: true, alreadyMember: false });
    // A new account for an email that has one is refused: the account must be proven instead.
    await expect(
      visitor.invite.accept({ kind: 'new', token, name: 'Impostor', password: 'another password', confirmPassword: 'another password' }),
    ).rejects.toMatchObject({ cause: { code: 'CONFLICT', detail: 'inviteHasAccount' } });
    await expect(visitor.invite.accept({ kind: 'existing', token, password: 'wrong password' })).rejects.toMatchObject({
      cause: { code: 'INVALID_CREDENTIALS' },
    });
    expect(await visitor.invite.accept({ kind: 'existing', token, password: 'her own password' })).toEqual({
      email: 'mona@example.com',
      workspaceId: workspace.id,
    });
    const accounts = await database.db.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, 'mona@example.com'));
    expect(accounts).toEqual([{ id: existing.id, name: 'Mona' }]);
    const me = await callerFor(database.db, existing.id).me.get();
    expect(me.memberships.map((m) => m.name).sort()).toEqual(['Home', 'Second']);
    expect((await callerFor(database.db, existing.id, workspace.id).me.get()).workspace.name).toBe('Second');
    expect((await audit(workspace.id)).at(-1)).toMatchObject({ action: 'user.joined', actorId: existing.id, data: { existingAccount: true } });
  });

  it('tells expired, revoked, used and unknown links apart, by the database clock (seeded timestamps)', async () => {
    const { caller } = await adminWorkspace();
    const visitor = callerFor(database.db, null);
    const expiring = await caller.user.invite({ email: 'late@example.com', role: 'agent', origin: ORIGIN });
    await database.db.update(invites).set({ expiresAt: sql`now() + interval '1 minute'` }).where(eq(invites.id, expiring.id));
    expect(await visitor.invite.lookup({ token: tokenOf(expiring.url) })).toMatchObject({ state: 'valid' });
    await database.db.update(invites).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invites.id, expiring.id));
    expect(await visitor.invite.lookup({ token: tokenOf(expiring.url) })).toEqual({ state: 'expired' });
    await expect(
      visitor.invite.accept({ kind: 'new', token: tokenOf(expiring.url), name: 'Late', password: 'long enough', confirmPassword: 'long enough' }),
    ).rejects.toMatchObject({ cause: { code: 'NOT_FOUND', detail: 'linkExpired' } });
    expect((await caller.user.list()).invites).toMatchObject([{ id: expiring.id, expired: true }]);

    const revoked = await caller.user.invite({ email: 'gone@example.com', role: 'agent', origin: ORIGIN });
    await caller.user.revokeInvite({ id: revoked.id });
    expect(await visitor.invite.lookup({ token: tokenOf(revoked.url) })).toEqual({ state: 'revoked' });
    await expect(
      visitor.invite.accept({ kind: 'new', token: tokenOf(revoked.url), name: 'Gone', password: 'long enough', confirmPassword: 'long enough' }),
    ).rejects.toMatchObject({ cause: { detail: 'linkRevoked' } });

    for (const token of ['A'.repeat(43), 'short', '../../etc/passwd', '']) {
      expect(await visitor.invite.lookup({ token })).toEqual({ state: 'unknown' });
      await expect(visitor.invite.accept({ kind: 'existing', token, password: 'whatever' })).rejects.toMatchObject({ cause: { detail: 'linkUnknown' } });
    }
    expect(await database.db.select({ id: users.id }).from(users).where(eq(users.email, 'late@example.com'))).toEqual([]);
  });

  it('lets one of two tabs accepting at once join, the other finds the link used', async () => {
    const { workspace, caller } = await adminWorkspace();
    const token = tokenOf((await caller.user.invite({ email: 'race@example.com', role: 'agent', origin: ORIGIN })).url);
    const visitor = callerFor(database.db, null);
    const accept = (name: string) => visitor.invite.accept({ kind: 'new', token, name, password: 'long enough', confirmPassword: 'long enough' });
    const results = await Promise.allSettled([accept('First'), accept('Second')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const joined = await database.db.select({ userId: memberships.userId }).from(memberships).where(eq(memberships.workspaceId, workspace.id));
    expect(joined).toHaveLength(2);
  });

  it('answers inviteHasAccount, not a 500, when the email’s account is being created by another transaction meanwhile', async () => {
    const { workspace, caller } = await adminWorkspace();
    const token = tokenOf((await caller.user.invite({ email: 'between@example.com', role: 'agent', origin: ORIGIN })).url);
    const visitor = callerFor(database.db, null);
    // Another transaction (set-up, the script, another workspace's invite) has inserted the account, not committed yet.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const elsewhere = database.sql.begin(async (sql) => {
      await sql`insert into users (email, name, password_hash) values ('between@example.com', 'Made elsewhere', 'x')`;
      await released;
    });
    const accepting = visitor.invite
      .accept({ kind: 'new', token, name: 'Between', password: 'long enough', confirmPassword: 'long enough' })
      .then(() => null, (error: unknown) => error);
    // The accept has reached its insert and waits on the unique email: the race, not a plain "account exists".
    await expect
      .poll(async () => {
        const [row] = await database.sql<{ n: number }[]>`
          select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
        return row!.n;
      })
      .toBe(1);
    release();
    await elsewhere;
    expect(await accepting).toMatchObject({ code: 'CONFLICT', cause: { code: 'CONFLICT', detail: 'inviteHasAccount' } });
    expect(await database.db.select().from(memberships).where(eq(memberships.workspaceId, workspace.id))).toHaveLength(1);
    expect(await visitor.invite.lookup({ token })).toMatchObject({ state: 'valid', existingAccount: true });
  });
});
