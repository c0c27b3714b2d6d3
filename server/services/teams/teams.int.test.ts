import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, memberships, teams } from '@/db/schema';
import { TEAM_NAME_MAX } from '@/server/domain/teams';
import { renameTeam } from '@/server/services/teams/manage';
import { workspaceContextOf } from '@/server/services/workspaces/context';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
let ws: { id: string };
let admin: { id: string };
let supervisor: { id: string };
let agent: { id: string; name: string };
let elsewhere: { id: string };
let outsider: { id: string };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  ws = await createWorkspace(db, 'Teams');
  admin = await createUser(db, ws.id, 'admin', 'Hala');
  supervisor = await createUser(db, ws.id, 'supervisor', 'Lina');
  agent = await createUser(db, ws.id, 'agent', 'Sara');
  elsewhere = await createWorkspace(db, 'Elsewhere');
  outsider = await createUser(db, elsewhere.id, 'admin', 'Stranger');
});
afterAll(() => database.drop());

const audit = async (teamId: string) =>
  (await database.db.select().from(auditEvents).where(and(eq(auditEvents.workspaceId, ws.id), eq(auditEvents.subjectId, teamId))).orderBy(auditEvents.id)).map(
    (row) => ({ action: row.action, actorId: row.actorId, data: row.data }),
  );

describe('teams', () => {
  it('creates a team with a trimmed name, lists it for supervisors, and audits it', async () => {
    const { id } = await callerFor(database.db, admin.id).team.create({ name: '  Billing  ' });
    const list = await callerFor(database.db, supervisor.id).team.list();
    expect(list.teams.find((t) => t.id === id)).toMatchObject({ name: 'Billing', archivedAt: null, members: [] });
    expect(list.people.map((p) => p.name)).toEqual(['Hala', 'Lina', 'Sara']);
    expect(await audit(id)).toEqual([{ action: 'team.created', actorId: admin.id, data: { name: [null, 'Billing'] } }]);
  });

  it('refuses empty, over-long and duplicate names (whatever the case), changing nothing', async () => {
    const caller = callerFor(database.db, admin.id);
    await caller.team.create({ name: 'Sales' });
    const before = await database.db.select().from(teams).where(eq(teams.workspaceId, ws.id));
    await expect(caller.team.create({ name: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST', cause: { issues: [{ message: 'nameRequired' }] } });
    await expect(caller.team.create({ name: 'x'.repeat(TEAM_NAME_MAX + 1) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.team.create({ name: ' sales ' })).rejects.toMatchObject({ code: 'CONFLICT', cause: { detail: 'teamNameTaken' } });
    const support = await caller.team.create({ name: 'Support' });
    await expect(caller.team.rename({ teamId: support.id, name: 'SALES' })).rejects.toMatchObject({ cause: { detail: 'teamNameTaken' } });
    expect((await database.db.select().from(teams).where(eq(teams.workspaceId, ws.id))).length).toBe(before.length + 1);
  });

  it('the unique index settles two admins creating one name at the same moment', async () => {
    const caller = callerFor(database.db, admin.id);
    const results = await Promise.allSettled([caller.team.create({ name: 'Racing' }), caller.team.create({ name: 'racing' })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
  });

  it('a rename racing another onto the same name (whatever the case) hears the conflict sentence, not a 500', async () => {
    const caller = callerFor(database.db, admin.id);
    const harbour = await caller.team.create({ name: 'Harbour A' });
    const quay = await caller.team.create({ name: 'Harbour B' });
    const workspace = workspaceContextOf({ id: ws.id, name: 'Teams', role: 'admin', unassignOnClose: null, agentsSeeAll: null, defaultCountry: null, arabicIndicDigits: null });
    const lockWaiters = async () =>
      (await database.sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)[0]!.n;
    let second!: Promise<PromiseSettledResult<unknown>>;
    // The first rename is made and not yet committed when the second starts: the second's own check sees the name
    // free, so only the unique index stops it, once the first commits.
    await database.db.transaction(async (tx) => {
      await renameTeam(tx, workspace, admin.id, { teamId: harbour.id, name: 'Harbour' });
      second = caller.team.rename({ teamId: quay.id, name: 'harbour' }).then(
        (value) => ({ status: 'fulfilled', value }) as const,
        (reason: unknown) => ({ status: 'rejected', reason }) as const,
      );
      await expect.poll(lockWaiters, { timeout: 10_000 }).toBe(1);
    });
    expect(await second).toMatchObject({ status: 'rejected', reason: { code: 'CONFLICT', cause: { detail: 'teamNameTaken' } } });
    const names = await database.db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, ws.id));
    expect(names.filter((t) => [harbour.id, quay.id].includes(t.id)).map((t) => t.name).sort()).toEqual(['Harbour', 'Harbour B']);
  });

  it('renames, and audits the name before and after', async () => {
    const caller = callerFor(database.db, admin.id);
    const { id } = await caller.team.create({ name: 'VIP' });
    expect(await caller.team.rename({ teamId: id, name: 'VIP customers' })).toEqual({ changed: true });
    expect(await caller.team.rename({ teamId: id, name: 'VIP customers' })).toEqual({ changed: false });
    expect((await audit(id)).at(-1)).toEqual({ action: 'team.renamed', actorId: admin.id, data: { name: ['VIP', 'VIP customers'] } });
  });

  it('adds and removes active members of the workspace only', async () => {
    const caller = callerFor(database.db, admin.id);
    const { id } = await caller.team.create({ name: 'Members' });
    expect(await caller.team.addMember({ teamId: id, userId: agent.id })).toEqual({ changed: true });
    expect(await caller.team.addMember({ teamId: id, userId: agent.id })).toEqual({ changed: false });
    await expect(caller.team.addMember({ teamId: id, userId: outsider.id })).rejects.toMatchObject({ cause: { code: 'INVALID_INPUT', detail: 'notAMember' } });
    expect((await caller.team.list()).teams.find((t) => t.id === id)!.members).toEqual([{ id: agent.id, name: 'Sara' }]);
    expect(await caller.team.removeMember({ teamId: id, userId: agent.id })).toEqual({ changed: true });
    expect(await caller.team.removeMember({ teamId: id, userId: agent.id })).toEqual({ changed: false });
    expect((await audit(id)).slice(1).map((a) => [a.action, a.data])).toEqual([
      ['team.memberAdded', { team: 'Members', userId: agent.id, user: 'Sara' }],
      ['team.memberRemoved', { team: 'Members', userId: agent.id, user: 'Sara' }],
    ]);
  });

  it('leaves deactivated members out of the lists and refuses to add them; reactivated, they are back in their teams', async () => {
    const db = database.db;
    const caller = callerFor(db, admin.id);
    const leaver = await createUser(db, ws.id, 'agent', 'Leaver');
    const { id } = await caller.team.create({ name: 'Deactivation' });
    await caller.team.addMember({ teamId: id, userId: leaver.id });
    const deactivate = (at: Date | null) =>
      db.update(memberships).set({ deactivatedAt: at }).where(and(eq(memberships.workspaceId, ws.id), eq(memberships.userId, leaver.id)));
    await deactivate(new Date());
    const list = await caller.team.list();
    expect(list.teams.find((t) => t.id === id)!.members).toEqual([]);
    expect(list.people.map((p) => p.id)).not.toContain(leaver.id);
    const other = await caller.team.create({ name: 'Deactivation elsewhere' });
    await expect(caller.team.addMember({ teamId: other.id, userId: leaver.id })).rejects.toMatchObject({ cause: { code: 'INVALID_INPUT', detail: 'notAMember' } });
    await deactivate(null);
    expect((await caller.team.list()).teams.find((t) => t.id === id)!.members).toEqual([{ id: leaver.id, name: 'Leaver' }]);
  });

  it('refuses another workspace’s team ids in every procedure, and lists none of them', async () => {
    const theirs = await callerFor(database.db, outsider.id).team.create({ name: 'Theirs' });
    const caller = callerFor(database.db, admin.id);
    const refusal = { code: 'NOT_FOUND', cause: { detail: 'teamNotFound' } };
    await expect(caller.team.rename({ teamId: theirs.id, name: 'Mine now' })).rejects.toMatchObject(refusal);
    await expect(caller.team.archive({ teamId: theirs.id })).rejects.toMatchObject(refusal);
    await expect(caller.team.unarchive({ teamId: theirs.id })).rejects.toMatchObject(refusal);
    await expect(caller.team.addMember({ teamId: theirs.id, userId: agent.id })).rejects.toMatchObject(refusal);
    await expect(caller.team.removeMember({ teamId: theirs.id, userId: outsider.id })).rejects.toMatchObject(refusal);
    expect((await caller.team.list()).teams.map((t) => t.id)).not.toContain(theirs.id);
    expect((await database.db.select().from(teams).where(eq(teams.id, theirs.id)))[0]!.name).toBe('Theirs');
  });

  it('archives: the team keeps its conversations but is no longer offered, routed to, or a view; unarchive brings it back', async () => {
    const db = database.db;
    const caller = callerFor(db, admin.id);
    const { id } = await caller.team.create({ name: 'Night shift' });
    await caller.team.addMember({ teamId: id, userId: supervisor.id });
    const channel = await createChannel(db, ws.id, 'sms');
    const kept = (await createConversation(db, { workspaceId: ws.id, channel, teamId: id })).conversation.id;
    const other = (await createConversation(db, { workspaceId: ws.id, channel })).conversation.id;
    const lina = callerFor(db, supervisor.id);
    expect((await lina.conversation.counts()).teams.map((t) => t.id)).toContain(id);

    expect(await caller.team.archive({ teamId: id })).toEqual({ changed: true });
    expect(await caller.team.archive({ teamId: id })).toEqual({ changed: false });
    expect((await lina.conversation.get({ id: kept })).teamName).toBe('Night shift');
    expect((await lina.conversation.list({ view: 'all', team: id })).items.map((r) => r.id)).toEqual([kept]);
    expect((await lina.conversation.filterOptions()).teams.map((t) => t.id)).not.toContain(id);
    expect((await lina.conversation.counts()).teams.map((t) => t.id)).not.toContain(id);
    await expect(lina.conversation.list({ view: `team:${id}` })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(lina.conversation.setTeam({ id: other, teamId: id })).rejects.toMatchObject({ cause: { detail: 'teamArchived' } });
    // Its name is free for a new team while it is archived; it cannot come back under a name taken meanwhile.
    const replacement = await caller.team.create({ name: 'night shift' });
    await expect(caller.team.unarchive({ teamId: id })).rejects.toMatchObject({ code: 'CONFLICT', cause: { detail: 'teamNameTaken' } });
    await caller.team.archive({ teamId: replacement.id });

    expect(await caller.team.unarchive({ teamId: id })).toEqual({ changed: true });
    expect((await lina.conversation.counts()).teams.find((t) => t.id === id)).toMatchObject({ count: 1 });
    await lina.conversation.setTeam({ id: other, teamId: id });
    expect((await audit(id)).map((a) => a.action)).toEqual(['team.created', 'team.memberAdded', 'team.archived', 'team.unarchived']);
  });

  it('lets supervisors read but not change, and agents neither', async () => {
    const { id } = await callerFor(database.db, admin.id).team.create({ name: 'Read only' });
    const lina = callerFor(database.db, supervisor.id);
    await expect(lina.team.create({ name: 'Nope' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(lina.team.rename({ teamId: id, name: 'Nope' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(lina.team.archive({ teamId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(lina.team.addMember({ teamId: id, userId: agent.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(database.db, agent.id).team.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
