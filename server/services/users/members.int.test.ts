import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, conversationEvents, conversations, memberships, passwordResets, users } from '@/db/schema';
import { createSignInThrottle } from '@/server/auth/sign-in-throttle';
import { REALTIME_CHANNEL, type TRealtimeEvent } from '@/server/realtime/events';
import { attemptSignIn } from '@/server/services/workspaces/auth';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { isSessionCurrent } from '@/server/services/workspaces/sessions';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
const heard: TRealtimeEvent[] = [];
let unlisten: () => Promise<void>;
let passwordHash: string;
beforeAll(async () => {
  database = await createTestDatabase();
  passwordHash = await hashPassword('the password');
  const listener = await database.sql.listen(REALTIME_CHANNEL, (payload) => heard.push(JSON.parse(payload) as TRealtimeEvent));
  unlisten = listener.unlisten;
});
afterAll(async () => {
  await unlisten();
  await database.drop();
});

const ORIGIN = 'http://127.0.0.1:3999';

async function team(name = 'Acme') {
  const db = database.db;
  const workspace = await createWorkspace(db, name);
  const admin = await createUser(db, workspace.id, 'admin', `${name} admin`);
  const agent = await createUser(db, workspace.id, 'agent', `${name} agent`, { passwordHash });
  const helper = await createUser(db, workspace.id, 'agent', `${name} helper`);
  return { workspace, admin, agent, helper, caller: callerFor(db, admin.id, workspace.id) };
}

const signIn = (email: string, password = 'the password') =>
  attemptSignIn(database.db, createSignInThrottle(database.db), { credentials: { email, password }, address: '192.0.2.7' });

async function actions(workspaceId: string) {
  const rows = await database.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.workspaceId, workspaceId)).orderBy(auditEvents.id);
  return rows.map((r) => r.action);
}

describe('user.list', () => {
  it('lists the workspace’s members with role, state and open conversations, and nobody from elsewhere', async () => {
    const { workspace, agent, caller } = await team();
    const channel = await createChannel(database.db, workspace.id);
    await createConversation(database.db, { workspaceId: workspace.id, channel, assigneeId: agent.id });
    await createConversation(database.db, { workspaceId: workspace.id, channel, assigneeId: agent.id, status: 'closed' });
    await team('Elsewhere');
    const { members } = await caller.user.list();
    expect(members.map((m) => [m.name, m.role, m.deactivatedAt, m.openConversations])).toEqual([
      ['Acme admin', 'admin', null, 0],
      ['Acme agent', 'agent', null, 1],
      ['Acme helper', 'agent', null, 0],
    ]);
  });
});

describe('user.changeRole and the last-admin rule', () => {
  it('changes a role, ends that member’s sessions, and audits before and after', async () => {
    const { workspace, agent, caller } = await team();
    expect(await caller.user.changeRole({ userId: agent.id, role: 'supervisor' })).toEqual({ changed: true });
    expect(await isSessionCurrent(database.db, { userId: agent.id, sessionVersion: 1 })).toBe(false);
    expect((await callerFor(database.db, agent.id, workspace.id, 2).me.get()).workspace.role).toBe('supervisor');
    expect(await caller.user.changeRole({ userId: agent.id, role: 'supervisor' })).toEqual({ changed: false });
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.workspaceId, workspace.id), eq(auditEvents.action, 'user.roleChanged')));
    expect(event!.data).toEqual({ name: 'Acme agent', role: ['agent', 'supervisor'] });
  });

  it('never leaves a workspace without an active admin: not by self-demotion, not by deactivation', async () => {
    const { workspace, admin, agent, caller } = await team();
    await expect(caller.user.changeRole({ userId: admin.id, role: 'agent' })).rejects.toMatchObject({ cause: { code: 'LAST_ADMIN' } });
    await expect(caller.user.deactivate({ userId: admin.id, handOverTo: null })).rejects.toMatchObject({ cause: { code: 'LAST_ADMIN' } });
    // A second admin who is deactivated does not count.
    await caller.user.changeRole({ userId: agent.id, role: 'admin' });
    await caller.user.deactivate({ userId: agent.id, handOverTo: null });
    await expect(caller.user.changeRole({ userId: admin.id, role: 'supervisor' })).rejects.toMatchObject({ cause: { code: 'LAST_ADMIN' } });
    // With another active admin, the first may step down; then the second is the last one.
    await caller.user.reactivate({ userId: agent.id });
    expect(await caller.user.changeRole({ userId: admin.id, role: 'supervisor' })).toEqual({ changed: true });
    const second = callerFor(database.db, agent.id, workspace.id, 3);
    await expect(second.user.deactivate({ userId: agent.id, handOverTo: null })).rejects.toMatchObject({ cause: { code: 'LAST_ADMIN' } });
    expect((await database.db.select().from(memberships).where(eq(memberships.workspaceId, workspace.id))).filter((m) => m.role === 'admin')).toHaveLength(1);
  });

  it('lets only one of two admins demoting each other at once succeed', async () => {
    const { workspace, admin, agent, caller } = await team();
    await caller.user.changeRole({ userId: agent.id, role: 'admin' });
    const other = callerFor(database.db, agent.id, workspace.id, 2);
    const results = await Promise.allSettled([
      caller.user.changeRole({ userId: agent.id, role: 'agent' }),
      other.user.changeRole({ userId: admin.id, role: 'agent' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = await database.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.role, 'admin')));
    expect(admins).toHaveLength(1);
  });
});

describe('user.deactivate', () => {
  it('ends their sessions, hands their conversations (closed ones too) over with the bulk events, and hides them as an assignee', async () => {
    const { workspace, admin, agent, helper, caller } = await team();
    const channel = await createChannel(database.db, workspace.id);
    const open = [];
    for (let i = 0; i < 3; i++) open.push((await createConversation(database.db, { workspaceId: workspace.id, channel, assigneeId: agent.id })).conversation.id);
    const closed = (await createConversation(database.db, { workspaceId: workspace.id, channel, assigneeId: agent.id, status: 'closed' })).conversation.id;
    heard.length = 0;

    expect(await caller.user.deactivate({ userId: agent.id, handOverTo: helper.id })).toEqual({ changed: true, handedOver: 3 });

    const rows = await database.db.select({ id: conversations.id, assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.workspaceId, workspace.id));
    // The closed one too: a customer writing again must reopen it into the heir's inbox, not a ghost's.
    expect(Object.fromEntries(rows.map((r) => [r.id, r.assigneeId]))).toEqual(Object.fromEntries([...open, closed].map((id) => [id, helper.id])));
    const lines = await database.db.select().from(conversationEvents).where(eq(conversationEvents.workspaceId, workspace.id));
    expect(lines.map((l) => [l.conversationId, l.type, l.assigneeId, l.actorId]).sort()).toEqual([...open, closed].map((id) => [id, 'assigned', helper.id, admin.id]).sort());
    await expect.poll(() => heard.find((e) => e.type === 'conversations.bulk')).toMatchObject({
      type: 'conversations.bulk',
      workspaceId: workspace.id,
      assigneeIds: [agent.id, helper.id],
      newAssigneeId: helper.id,
      count: 3,
    });

    // Signed out everywhere, refused at sign-in, and no longer a member who can act or be assigned.
    expect(await isSessionCurrent(database.db, { userId: agent.id, sessionVersion: 1 })).toBe(false);
    expect(await signIn(agent.email)).toEqual({ ok: false, error: 'ACCOUNT_DEACTIVATED' });
    await expect(callerFor(database.db, agent.id, workspace.id, 2).me.get()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const options = await caller.conversation.filterOptions();
    expect(options.members.map((m) => m.id)).not.toContain(agent.id);
    await expect(caller.conversation.assign({ id: open[0]!, assigneeId: agent.id })).rejects.toMatchObject({ cause: { detail: 'notAMember' } });
    expect((await caller.user.list()).members.find((m) => m.id === agent.id)?.deactivatedAt).toBeInstanceOf(Date);
    expect(await actions(workspace.id)).toEqual(['user.deactivated']);
    expect(await caller.user.deactivate({ userId: agent.id, handOverTo: null })).toEqual({ changed: false, handedOver: 0 });
  });

  it('leaves their conversations unassigned when nobody is chosen, and refuses an heir who is not an active member here', async () => {
    const { workspace, agent, helper, caller } = await team();
    const elsewhere = await team('Elsewhere');
    const channel = await createChannel(database.db, workspace.id);
    const { conversation } = await createConversation(database.db, { workspaceId: workspace.id, channel, assigneeId: agent.id });
    const closed = (await createConversation(database.db, { workspaceId: workspace.id, channel, assigneeId: agent.id, status: 'closed' })).conversation;
    await caller.user.deactivate({ userId: helper.id, handOverTo: null });
    for (const heir of [helper.id, elsewhere.agent.id, agent.id, crypto.randomUUID()]) {
      await expect(caller.user.deactivate({ userId: agent.id, handOverTo: heir })).rejects.toMatchObject({ cause: { code: 'INVALID_INPUT', detail: 'handOverNotActive' } });
    }
    expect(await isSessionCurrent(database.db, { userId: agent.id, sessionVersion: 1 })).toBe(true);
    expect(await caller.user.deactivate({ userId: agent.id, handOverTo: null })).toEqual({ changed: true, handedOver: 1 });
    for (const id of [conversation.id, closed.id]) {
      const [row] = await database.db.select({ assigneeId: conversations.assigneeId }).from(conversations).where(eq(conversations.id, id));
      expect(row!.assigneeId).toBeNull();
    }
  });

  it('is membership-level: a member of two workspaces deactivated in one still signs in to the other', async () => {
    const first = await team('First');
    const second = await team('Second');
    await database.db.insert(memberships).values({ workspaceId: second.workspace.id, userId: first.agent.id, role: 'agent' });
    await first.caller.user.deactivate({ userId: first.agent.id, handOverTo: null });
    expect((await signIn(first.agent.email)).ok).toBe(true);
    const me = await callerFor(database.db, first.agent.id, null, 2).me.get();
    expect([me.workspace.id, me.memberships.map((m) => m.id)]).toEqual([second.workspace.id, [second.workspace.id]]);
    await expect(callerFor(database.db, first.agent.id, first.workspace.id, 2).me.get()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('is reactivated with the same role, audited; another workspace’s user is not found', async () => {
    const { workspace, agent, caller } = await team();
    const elsewhere = await team('Elsewhere');
    for (const call of [
      () => caller.user.deactivate({ userId: elsewhere.agent.id, handOverTo: null }),
      () => caller.user.reactivate({ userId: elsewhere.agent.id }),
      () => caller.user.changeRole({ userId: elsewhere.agent.id, role: 'admin' }),
      () => caller.user.resetPassword({ userId: elsewhere.agent.id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await isSessionCurrent(database.db, { userId: elsewhere.agent.id, sessionVersion: 1 })).toBe(true);
    await caller.user.deactivate({ userId: agent.id, handOverTo: null });
    expect(await caller.user.reactivate({ userId: agent.id })).toEqual({ changed: true });
    expect(await caller.user.reactivate({ userId: agent.id })).toEqual({ changed: false });
    expect((await signIn(agent.email)).ok).toBe(true);
    expect((await callerFor(database.db, agent.id, workspace.id, 2).me.get()).workspace.role).toBe('agent');
    expect(await actions(workspace.id)).toEqual(['user.deactivated', 'user.reactivated']);
  });
});

describe('reset-password links', () => {
  it('set a new password once, end every session, and never store or audit the token', async () => {
    const { workspace, admin, agent, caller } = await team();
    const { url } = await caller.user.resetPassword({ userId: agent.id, origin: ORIGIN });
    const token = url.split('/reset-password/')[1]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:3999\/reset-password\/[A-Za-z0-9_-]{43}$/);
    const visitor = callerFor(database.db, null);
    expect(await visitor.passwordReset.lookup({ token })).toEqual({ state: 'valid', email: agent.email, name: 'Acme agent' });
    await expect(visitor.passwordReset.complete({ token, password: 'brand new pass', confirmPassword: 'brand new pas' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await visitor.passwordReset.complete({ token, password: 'brand new pass', confirmPassword: 'brand new pass' })).toEqual({ email: agent.email });
    expect(await isSessionCurrent(database.db, { userId: agent.id, sessionVersion: 1 })).toBe(false);
    expect(await signIn(agent.email)).toMatchObject({ ok: false, error: 'INVALID_CREDENTIALS' });
    expect((await signIn(agent.email, 'brand new pass')).ok).toBe(true);
    expect(await visitor.passwordReset.lookup({ token })).toEqual({ state: 'used' });
    await expect(visitor.passwordReset.complete({ token, password: 'another new one', confirmPassword: 'another new one' })).rejects.toMatchObject({
      cause: { detail: 'linkUsed' },
    });
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.workspaceId, workspace.id)).orderBy(auditEvents.id);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['user.passwordResetIssued', admin.id],
      ['user.passwordReset', agent.id],
    ]);
    expect(JSON.stringify(events)).not.toContain(token);
    expect(JSON.stringify(await database.db.select().from(passwordResets))).not.toContain(token);
  });

  it('expire, are replaced by a newer link, and are refused for a deactivated member or one who belongs elsewhere too', async () => {
    const { workspace, agent, helper, caller } = await team();
    const visitor = callerFor(database.db, null);
    const tokenOf = (url: string) => url.split('/reset-password/')[1]!;
    const first = tokenOf((await caller.user.resetPassword({ userId: agent.id, origin: ORIGIN })).url);
    const second = tokenOf((await caller.user.resetPassword({ userId: agent.id, origin: ORIGIN })).url);
    expect(await visitor.passwordReset.lookup({ token: first })).toEqual({ state: 'revoked' });
    await database.db.update(passwordResets).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(passwordResets.userId, agent.id));
    expect(await visitor.passwordReset.lookup({ token: second })).toEqual({ state: 'expired' });
    await expect(visitor.passwordReset.complete({ token: second, password: 'brand new pass', confirmPassword: 'brand new pass' })).rejects.toMatchObject({
      cause: { detail: 'linkExpired' },
    });
    expect(await visitor.passwordReset.lookup({ token: 'B'.repeat(43) })).toEqual({ state: 'unknown' });
    await expect(visitor.passwordReset.complete({ token: 'B'.repeat(43), password: 'brand new pass', confirmPassword: 'brand new pass' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { detail: 'linkUnknown' },
    });

    // Deactivation revokes a pending link, and no new one is issued for a deactivated member.
    const pending = tokenOf((await caller.user.resetPassword({ userId: helper.id, origin: ORIGIN })).url);
    await caller.user.deactivate({ userId: helper.id, handOverTo: null });
    expect(await visitor.passwordReset.lookup({ token: pending })).toEqual({ state: 'revoked' });
    await expect(caller.user.resetPassword({ userId: helper.id })).rejects.toMatchObject({ cause: { detail: 'memberDeactivated' } });

    const elsewhere = await createWorkspace(database.db, 'Their other job');
    await database.db.insert(memberships).values({ workspaceId: elsewhere.id, userId: agent.id, role: 'agent' });
    await expect(caller.user.resetPassword({ userId: agent.id })).rejects.toMatchObject({ code: 'FORBIDDEN', cause: { detail: 'resetOtherWorkspaces' } });
    const [user] = await database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, agent.id));
    expect(user!.passwordHash).toBe(passwordHash);
    expect(await actions(workspace.id)).not.toContain('user.passwordReset');
  });

  it('is refused once its member is deactivated, even when the link itself was never revoked', async () => {
    const { workspace, agent, caller } = await team();
    const visitor = callerFor(database.db, null);
    const token = (await caller.user.resetPassword({ userId: agent.id, origin: ORIGIN })).url.split('/reset-password/')[1]!;
    // Deactivated by a path that leaves the link alone: the redemption itself must check the membership.
    await database.db.update(memberships).set({ deactivatedAt: new Date() }).where(and(eq(memberships.workspaceId, workspace.id), eq(memberships.userId, agent.id)));
    expect(await visitor.passwordReset.lookup({ token })).toEqual({ state: 'revoked' });
    await expect(visitor.passwordReset.complete({ token, password: 'brand new pass', confirmPassword: 'brand new pass' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      cause: { detail: 'linkRevoked' },
    });
    const [user] = await database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, agent.id));
    expect(user!.passwordHash).toBe(passwordHash);
    const [reset] = await database.db.select({ usedAt: passwordResets.usedAt }).from(passwordResets).where(eq(passwordResets.userId, agent.id));
    expect(reset!.usedAt).toBeNull();
  });

  it('is revoked when its account joins another workspace through an invite', async () => {
    const { agent, caller } = await team();
    const elsewhere = await team('Elsewhere');
    const visitor = callerFor(database.db, null);
    const token = (await caller.user.resetPassword({ userId: agent.id, origin: ORIGIN })).url.split('/reset-password/')[1]!;
    const invite = (await elsewhere.caller.user.invite({ email: agent.email, role: 'agent', origin: ORIGIN })).url.split('/invite/')[1]!;
    await visitor.invite.accept({ kind: 'existing', token: invite, password: 'the password' });
    expect(await visitor.passwordReset.lookup({ token })).toEqual({ state: 'revoked' });
    await expect(visitor.passwordReset.complete({ token, password: 'brand new pass', confirmPassword: 'brand new pass' })).rejects.toMatchObject({
      cause: { detail: 'linkRevoked' },
    });
    const [reset] = await database.db.select({ revokedAt: passwordResets.revokedAt }).from(passwordResets).where(eq(passwordResets.userId, agent.id));
    expect(reset!.revokedAt).toBeInstanceOf(Date);
  });
});
