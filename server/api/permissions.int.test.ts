import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberHealth } from '@/db/schema';
import { caseLabel, permissionRows, type TPermissionCase, type TPerson } from '@/server/domain/permission-cases';
import { ROLES, type TAction, type TRole } from '@/server/domain/permissions';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { addToTeam, callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';

/**
 * The permission table (server/domain/permission-cases.ts) against the real procedures: each allowed row succeeds,
 * each refused row is refused with the code its procedure uses for it, nothing else. The unit test holds `can` to the
 * same table, and the browser offers only what `can` allows.
 */

let database: TTestDatabase;
type TWorkspaceFixture = { id: string; users: Record<TRole, string>; other: string; teamId: string; channel: { id: string; type: 'whatsapp' } };
const workspaces = new Map<boolean, TWorkspaceFixture>();

async function workspaceFixture(agentsSeeAll: boolean): Promise<TWorkspaceFixture> {
  const db = database.db;
  const ws = await createWorkspace(db, `Permissions ${agentsSeeAll ? 'open' : 'restricted'}`, { agentsSeeAll });
  const users = {} as Record<TRole, string>;
  for (const role of ROLES) users[role] = (await createUser(db, ws.id, role)).id;
  const other = (await createUser(db, ws.id, 'agent', 'Someone else')).id;
  const teamId = await addToTeam(db, ws.id, other, 'Billing');
  const channel = (await createChannel(db, ws.id, 'whatsapp')) as TWorkspaceFixture['channel'];
  await db.insert(numberHealth).values({ channelId: channel.id, workspaceId: ws.id, displayPhoneNumber: '+966 11 000 0000', qualityRating: 'GREEN' });
  return { id: ws.id, users, other, teamId, channel };
}

beforeAll(async () => {
  database = await createTestDatabase();
  workspaces.set(true, await workspaceFixture(true));
  workspaces.set(false, await workspaceFixture(false));
});
afterAll(() => database.drop());

type TOutcome = 'allowed' | 'refused';

/** Runs a call that either succeeds or is refused with exactly `code`; any other failure fails the test. */
async function outcome(call: Promise<unknown>, code: 'FORBIDDEN' | 'NOT_FOUND'): Promise<TOutcome> {
  try {
    await call;
    return 'allowed';
  } catch (error) {
    expect(error).toMatchObject({ code });
    return 'refused';
  }
}

type TProbeContext = {
  ws: TWorkspaceFixture;
  caller: ReturnType<typeof callerFor>;
  person: (p: TPerson) => string | null;
  conversation: (assignee: TPerson, status?: 'open' | 'closed') => Promise<string>;
};

/** Each action, asked of the procedure that enforces it. */
const PROBES: Record<TAction, (c: TProbeContext, row: TPermissionCase) => Promise<TOutcome>> = {
  'conversation.view': async (c, row) => {
    const id = await c.conversation(row.subject!.assignee);
    const pane = await outcome(c.caller.conversation.get({ id }), 'NOT_FOUND');
    // The messages of a conversation one may not see are refused alike.
    expect(await outcome(c.caller.message.list({ conversationId: id }), 'NOT_FOUND')).toBe(pane);
    return pane;
  },
  'conversation.seeAll': async (c) => {
    const list = await outcome(c.caller.conversation.list({ view: 'all' }), 'FORBIDDEN');
    expect((await c.caller.conversation.counts()).all === null).toBe(list === 'refused');
    return list;
  },
  'conversation.close': async (c, row) => outcome(c.caller.conversation.close({ id: await c.conversation(row.subject!.assignee) }), 'FORBIDDEN'),
  'conversation.reopen': async (c) => outcome(c.caller.conversation.reopen({ id: await c.conversation(null, 'closed') }), 'FORBIDDEN'),
  'conversation.assign': async (c, row) => {
    const id = await c.conversation(row.subject!.assignee);
    return outcome(c.caller.conversation.assign({ id, assigneeId: c.person(row.subject!.next ?? null) }), 'FORBIDDEN');
  },
  'conversation.setTeam': async (c) => outcome(c.caller.conversation.setTeam({ id: await c.conversation(null), teamId: c.ws.teamId }), 'FORBIDDEN'),
  'conversation.bulk': async (c) =>
    outcome(c.caller.conversation.bulk({ target: { ids: [await c.conversation(null)] }, action: { kind: 'close' } }), 'FORBIDDEN'),
  // Not refused but withheld: the header shows the number's quality only to those who may see it.
  'number.viewQuality': async (c) =>
    (await c.caller.conversation.get({ id: await c.conversation(null) })).numberQuality === 'GREEN' ? 'allowed' : 'refused',
  'number.manage': async (c) => {
    const list = await outcome(c.caller.number.list(), 'FORBIDDEN');
    if (list === 'refused') await expect(c.caller.number.sync({ channelId: c.ws.channel.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Settings → Templates' "Sync now" is the same permission.
    if (list === 'refused') await expect(c.caller.template.sync({ channelId: c.ws.channel.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    return list;
  },
  'simulator.use': async (c) => outcome(c.caller.simulator.channels(), 'FORBIDDEN'),
  // Settings guards pages, not a procedure of its own: whoever it lets in can read Teams, the section every
  // settings.view holder has, and whoever it keeps out is refused there (the sidebar link is checked in e2e).
  'settings.view': async (c) => outcome(c.caller.team.list(), 'FORBIDDEN'),
  // Settings → Channels (#15): the list, and a write (a rename to the same name: allowed, and changes nothing).
  'channel.manage': async (c) => {
    const list = await outcome(c.caller.channel.list(), 'FORBIDDEN');
    const rename = await outcome(c.caller.channel.rename({ channelId: c.ws.channel.id, name: 'whatsapp test' }), 'FORBIDDEN');
    expect(rename).toBe(list);
    if (list === 'refused') await expect(c.caller.channel.addSimulator({ type: 'sms', name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    return list;
  },
  // Settings → Teams and Workspace (#15)
  'team.view': async (c) => outcome(c.caller.team.list(), 'FORBIDDEN'),
  'team.manage': async (c) => {
    const created = await outcome(c.caller.team.create({ name: `Probe ${randomUUID()}` }), 'FORBIDDEN');
    for (const call of [
      () => c.caller.team.rename({ teamId: c.ws.teamId, name: 'Billing' }),
      () => c.caller.team.addMember({ teamId: c.ws.teamId, userId: c.ws.other }),
      () => c.caller.team.removeMember({ teamId: c.ws.teamId, userId: randomUUID() }),
      () => c.caller.team.unarchive({ teamId: c.ws.teamId }),
    ]) {
      expect(await outcome(call(), 'FORBIDDEN')).toBe(created);
    }
    return created;
  },
  'workspace.manage': async (c) => {
    const read = await outcome(c.caller.workspaceSettings.get(), 'FORBIDDEN');
    const settings = await callerFor(database.db, c.ws.users.admin).workspaceSettings.get();
    expect(await outcome(c.caller.workspaceSettings.update(settings), 'FORBIDDEN')).toBe(read);
    return read;
  },
  // Settings → Users: the list and every act on members and invites (#15).
  'user.manage': async (c) => {
    const list = await outcome(c.caller.user.list(), 'FORBIDDEN');
    const email = `probe-${crypto.randomUUID()}@example.com`;
    const invite = await outcome(c.caller.user.invite({ email, role: 'agent' }), 'FORBIDDEN');
    const other = c.ws.other;
    const acts = [
      () => c.caller.user.changeRole({ userId: other, role: 'agent' }),
      () => c.caller.user.reactivate({ userId: other }),
      () => c.caller.user.resetPassword({ userId: other }),
      () => c.caller.user.revokeInvite({ id: crypto.randomUUID() }),
      () => c.caller.user.deactivate({ userId: crypto.randomUUID(), handOverTo: null }),
    ];
    for (const act of acts) {
      if (list === 'refused') await expect(act()).rejects.toMatchObject({ code: 'FORBIDDEN' });
      else await act().catch((error: unknown) => expect(error).toMatchObject({ code: 'NOT_FOUND' }));
    }
    expect(invite).toBe(list);
    return list;
  },
  // Settings → Templates and Audit log (#15): each procedure of the section answers as its list does.
  'template.view': async (c) => {
    const list = await outcome(c.caller.template.list({ channelId: c.ws.channel.id }), 'FORBIDDEN');
    expect(await outcome(c.caller.template.numbers(), 'FORBIDDEN')).toBe(list);
    return list;
  },
  'audit.view': async (c) => {
    const list = await outcome(c.caller.audit.list({}), 'FORBIDDEN');
    expect(await outcome(c.caller.audit.actors(), 'FORBIDDEN')).toBe(list);
    return list;
  },
  // Saved replies (#17): everyone reads them in the composer; supervisors and admins write.
  'savedReply.use': async (c) => outcome(c.caller.savedReply.list(), 'FORBIDDEN'),
  'savedReply.manage': async (c) => {
    const created = await outcome(c.caller.savedReply.create({ shortcut: `probe${randomUUID().slice(0, 8)}`, body: 'Hi', language: null }), 'FORBIDDEN');
    for (const call of [
      () => c.caller.savedReply.update({ id: randomUUID(), shortcut: 'x', body: 'y', language: null }),
      () => c.caller.savedReply.delete({ id: randomUUID() }),
    ]) {
      // Allowed callers get past the role check to find no such reply; the others are stopped at it.
      await expect(call()).rejects.toMatchObject({ code: created === 'allowed' ? 'NOT_FOUND' : 'FORBIDDEN' });
    }
    return created;
  },
};

describe('the permission table, against the procedures', () => {
  it.each(permissionRows().map((row) => [caseLabel(row), row] as const))('%s', async (_label, row) => {
    const ws = workspaces.get(row.agentsSeeAll ?? true)!;
    const me = ws.users[row.role];
    const person = (p: TPerson) => (p === 'me' ? me : p === 'other' ? ws.other : null);
    const context: TProbeContext = {
      ws,
      caller: callerFor(database.db, me),
      person,
      conversation: async (assignee, status = 'open') =>
        (await createConversation(database.db, { workspaceId: ws.id, channel: ws.channel, assigneeId: person(assignee), status })).conversation
          .id,
    };
    expect(await PROBES[row.action](context, row)).toBe(row.expected ? 'allowed' : 'refused');
  });
});

describe('another workspace’s ids', () => {
  it('are refused by reopen, setTeam, number.sync and left out of number.list and simulator.channels', async () => {
    const db = database.db;
    const here = workspaces.get(true)!;
    const elsewhere = await createWorkspace(db, 'Elsewhere');
    const theirAdmin = (await createUser(db, elsewhere.id, 'admin')).id;
    const theirChannel = await createChannel(db, elsewhere.id, 'whatsapp');
    const theirTeam = await addToTeam(db, elsewhere.id, theirAdmin, 'Their team');
    const theirs = (await createConversation(db, { workspaceId: elsewhere.id, channel: theirChannel, status: 'closed' })).conversation.id;
    const admin = callerFor(db, here.users.admin);

    await expect(admin.conversation.reopen({ id: theirs })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(admin.conversation.setTeam({ id: theirs, teamId: here.teamId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const ours = (await createConversation(db, { workspaceId: here.id, channel: here.channel })).conversation.id;
    await expect(admin.conversation.setTeam({ id: ours, teamId: theirTeam })).rejects.toMatchObject({ cause: { code: 'INVALID_INPUT' } });
    await expect(admin.number.sync({ channelId: theirChannel.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await admin.number.list()).map((n) => n.channelId)).toEqual([here.channel.id]);
    expect((await admin.simulator.channels()).map((c) => c.id)).toEqual([here.channel.id]);
    // Acting in a workspace one is not a member of is refused before any of it.
    await expect(callerFor(db, here.users.admin, elsewhere.id).number.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
