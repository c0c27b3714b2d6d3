import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '@/db/schema';
import { recordAudit } from '@/server/services/audit/record';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { addToTeam, callerFor, createChannel, createUser, createWorkspace } from '@/server/testing/factories';

/** Settings → Audit log's procedure: newest first, pages stable under equal timestamps, filters, tenancy. */

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const at = (iso: string) => new Date(iso);
/** `at` as text: PostgreSQL keeps microseconds, which a JS Date would round away. */
type TRow = { action: string; actorId: string | null; at: string; subjectType?: string; subjectId?: string | null; data?: Record<string, unknown> };

/** Acts as other sections record them (their action names may be new to this build), at the times given. */
async function seed(workspaceId: string, rows: TRow[]) {
  const inserted = await database.db
    .insert(auditEvents)
    .values(
      rows.map((r) => ({
        workspaceId,
        actorId: r.actorId,
        action: r.action,
        subjectType: r.subjectType ?? 'workspace',
        subjectId: r.subjectId ?? null,
        data: r.data ?? {},
        createdAt: sql`${r.at}::timestamptz`,
      })),
    )
    .returning({ id: auditEvents.id });
  return inserted.map((r) => r.id);
}

async function walk(caller: ReturnType<typeof callerFor>, input: Parameters<ReturnType<typeof callerFor>['audit']['list']>[0]) {
  const ids: number[] = [];
  let cursor: string | null = input.cursor ?? null;
  do {
    const page: Awaited<ReturnType<ReturnType<typeof callerFor>['audit']['list']>> = await caller.audit.list({ ...input, cursor });
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('audit.list', () => {
  it('lists newest first and pages through acts of one instant each exactly once, however the pages fall', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Audit paging');
    const admin = await createUser(db, ws.id, 'admin', 'Lina');
    // Eleven acts in one transaction share a timestamp to the microsecond; two are older, one newer.
    const same = '2026-03-01T10:00:00.123456Z';
    const sameIds = await seed(ws.id, Array.from({ length: 11 }, (_, i) => ({ action: `user.act_${i}`, actorId: admin.id, at: same })));
    const [older] = await seed(ws.id, [{ action: 'team.created', actorId: admin.id, at: '2026-03-01T10:00:00.123455Z' }]);
    const [oldest] = await seed(ws.id, [{ action: 'team.renamed', actorId: null, at: '2026-02-01T00:00:00Z' }]);
    const [newest] = await seed(ws.id, [{ action: 'channel.connected', actorId: admin.id, at: '2026-03-02T00:00:00Z' }]);
    const expected = [newest!, ...[...sameIds].sort((a, b) => b - a), older!, oldest!];

    const caller = callerFor(db, admin.id);
    expect((await caller.audit.list({})).items.map((i) => i.id)).toEqual(expected);
    for (const limit of [1, 2, 3, 5, 11, 13]) expect(await walk(caller, { limit })).toEqual(expected);

    // An act recorded while someone pages (newer than everything) moves nothing on the pages still to come.
    const first = await caller.audit.list({ limit: 4 });
    await recordAudit(db, { workspaceId: ws.id, actorId: admin.id, action: 'workspace.created', subject: { type: 'workspace', id: ws.id } });
    const rest = await walk(caller, { limit: 4, cursor: first.nextCursor });
    expect([...first.items.map((i) => i.id), ...rest]).toEqual(expected);
  });

  it('says who did it, to what, and what changed', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Audit rows');
    const admin = await createUser(db, ws.id, 'admin', 'Lina Haddad');
    const sara = await createUser(db, ws.id, 'agent', 'Sara');
    const channel = await createChannel(db, ws.id, 'whatsapp', { name: 'WhatsApp · Riyadh' });
    const team = await addToTeam(db, ws.id, sara.id, 'Support');
    const elsewhere = await createWorkspace(db, 'Elsewhere');
    const theirChannel = await createChannel(db, elsewhere.id, 'whatsapp', { name: 'Their number' });
    const theirTeam = await addToTeam(db, elsewhere.id, (await createUser(db, elsewhere.id, 'admin')).id, 'Their team');
    await seed(ws.id, [
      { action: 'user.role_changed', actorId: admin.id, at: '2026-03-01T10:00:04Z', subjectType: 'user', subjectId: sara.id, data: { role: ['agent', 'supervisor'], assigneeId: sara.id } },
      { action: 'channel.renamed', actorId: admin.id, at: '2026-03-01T10:00:03Z', subjectType: 'channel', subjectId: channel.id, data: { name: ['Riyadh', 'WhatsApp · Riyadh'] } },
      { action: 'team.created', actorId: null, at: '2026-03-01T10:00:02Z', subjectType: 'team', subjectId: team, data: { defaultTeamId: [theirTeam, team] } },
      // A subject id of another workspace (it cannot happen by our acts, but the log must not name it).
      { action: 'channel.connected', actorId: admin.id, at: '2026-03-01T10:00:01Z', subjectType: 'channel', subjectId: theirChannel.id },
      { action: 'invite.created', actorId: admin.id, at: '2026-03-01T10:00:00Z', subjectType: 'invite', subjectId: 'not-a-uuid', data: { email: 'new@example.com' } },
    ]);
    const { items, names } = await callerFor(db, admin.id).audit.list({});
    // Teams and people the data names are looked up in this workspace only.
    expect(names).toEqual({ [team]: 'Support', [sara.id]: 'Sara' });
    expect(items.map((i) => [i.action, i.actorName, i.subjectName])).toEqual([
      ['user.role_changed', 'Lina Haddad', 'Sara'],
      ['channel.renamed', 'Lina Haddad', 'WhatsApp · Riyadh'],
      ['team.created', null, 'Support'],
      ['channel.connected', 'Lina Haddad', null],
      ['invite.created', 'Lina Haddad', null],
    ]);
    expect(items[0]!.data).toEqual({ role: ['agent', 'supervisor'], assigneeId: sara.id });
    expect(items[2]!.actorId).toBeNull();
  });

  it('filters by action group, action, actor (or the system) and a date range, together', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Audit filters');
    const lina = await createUser(db, ws.id, 'admin', 'Lina');
    const omar = await createUser(db, ws.id, 'admin', 'Omar');
    const ids = await seed(ws.id, [
      { action: 'channel.connected', actorId: lina.id, at: '2026-03-05T09:00:00Z' },
      { action: 'channel.renamed', actorId: omar.id, at: '2026-03-04T09:00:00Z' },
      { action: 'channelx.other', actorId: omar.id, at: '2026-03-04T08:00:00Z' },
      { action: 'user.invited', actorId: lina.id, at: '2026-03-03T09:00:00Z' },
      { action: 'workspace.created', actorId: null, at: '2026-03-01T09:00:00Z' },
    ]);
    const [connected, renamed, channelx, invited, created] = ids as [number, number, number, number, number];
    const list = async (input: Parameters<ReturnType<typeof callerFor>['audit']['list']>[0]) =>
      (await callerFor(db, lina.id).audit.list(input)).items.map((i) => i.id);

    // `channel` is a group of the actions starting "channel.", not every action starting with those letters.
    expect(await list({ group: 'channel' })).toEqual([connected, renamed]);
    expect(await list({ action: 'channel.renamed' })).toEqual([renamed]);
    expect(await list({ action: 'channelx.other' })).toEqual([channelx]);
    expect(await list({ actor: omar.id })).toEqual([renamed, channelx]);
    expect(await list({ actor: 'system' })).toEqual([created]);
    expect(await list({ from: at('2026-03-03T00:00:00Z'), to: at('2026-03-05T00:00:00Z') })).toEqual([renamed, channelx, invited]);
    expect(await list({ to: at('2026-03-03T09:00:00Z') })).toEqual([created]);
    expect(await list({ from: at('2026-03-03T09:00:00Z') })).toEqual([connected, renamed, channelx, invited]);
    expect(await list({ group: 'channel', actor: lina.id, from: at('2026-03-05T00:00:00Z') })).toEqual([connected]);
    expect(await list({ group: 'team' })).toEqual([]);
    // Paging keeps the filter.
    expect(await walk(callerFor(db, lina.id), { group: 'channel', limit: 1 })).toEqual([connected, renamed]);
  });

  it('refuses bad input in words, lists nothing of another workspace, and is for admins only', async () => {
    const db = database.db;
    const ws = await createWorkspace(db, 'Audit guard');
    const admin = await createUser(db, ws.id, 'admin');
    const supervisor = await createUser(db, ws.id, 'supervisor');
    const other = await createWorkspace(db, 'Audit elsewhere');
    const theirAdmin = await createUser(db, other.id, 'admin');
    await seed(other.id, [{ action: 'channel.connected', actorId: theirAdmin.id, at: '2026-03-01T00:00:00Z' }]);
    const caller = callerFor(db, admin.id);

    expect((await caller.audit.list({})).items).toEqual([]);
    expect((await caller.audit.list({ actor: theirAdmin.id })).items).toEqual([]);
    expect((await caller.audit.actors()).map((a) => a.id).sort()).toEqual([admin.id, supervisor.id].sort());
    for (const input of [
      { from: at('2026-03-02T00:00:00Z'), to: at('2026-03-01T00:00:00Z') },
      { from: at('2026-03-02T00:00:00Z'), to: at('2026-03-02T00:00:00Z') },
      { action: "channel.connected' or 1=1" },
      { action: 'Channel' },
      { actor: 'somebody' },
      { cursor: 'not-a-cursor' },
      { cursor: Buffer.from(JSON.stringify(['0000-01-01T00:00:00Z', 1])).toString('base64url') },
      { cursor: Buffer.from(JSON.stringify(['2026-03-01T00:00:00Z', -1])).toString('base64url') },
      { limit: 1000 },
      { from: at('0001-01-01T00:00:00Z') },
    ])
      await expect(caller.audit.list(input)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // @ts-expect-error: not a group
    await expect(caller.audit.list({ group: 'conversation' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    await expect(callerFor(db, supervisor.id).audit.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(db, supervisor.id).audit.actors()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // An admin elsewhere asking for this workspace is not a member of it.
    await expect(callerFor(db, theirAdmin.id, ws.id).audit.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
