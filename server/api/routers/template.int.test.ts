import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '@/db/schema';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { emptyFakeMeta } from '@/server/channels/whatsapp/fake-meta';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createChannel, createTemplate, createUser, createWorkspace } from '@/server/testing/factories';

/** Settings → Templates' procedures: the list with its filters and pages, the numbers it filters by, and "Sync now". */

let database: TTestDatabase;
let graph: TGraphServer;
const meta = emptyFakeMeta();

beforeAll(async () => {
  database = await createTestDatabase();
  graph = await serveFakeGraph(createFakeGraph({ deliver: async () => {}, meta }));
});
afterAll(async () => {
  await graph.close();
  await database.drop();
});

let seq = 0;
/** A workspace with two WhatsApp numbers on one WABA the fake knows, an admin and a supervisor. */
async function workspaceWithNumbers() {
  seq += 1;
  const db = database.db;
  const ws = await createWorkspace(db, `Templates ${seq}`);
  const admin = await createUser(db, ws.id, 'admin');
  const supervisor = await createUser(db, ws.id, 'supervisor');
  const waba = `4400${seq}`;
  const number = async (name: string) => {
    const phoneNumberId = `55500${seq}${name.length}`;
    meta.numbers.set(phoneNumberId, { id: phoneNumberId, waba_id: waba, display_phone_number: '+966 11 000 0000', quality_rating: 'GREEN' });
    return createChannel(db, ws.id, 'whatsapp', {
      name,
      externalId: phoneNumberId,
      config: { phoneNumberId, wabaId: waba, accessToken: `EAAG-template-token-${seq}`, appSecret: `app-secret-${seq}`, verifyToken: 'v', graphBaseUrl: graph.url, requestTimeoutMs: 2000 },
    });
  };
  const riyadh = await number('Riyadh');
  const jeddah = await number('Jeddah!');
  return { ws, admin, supervisor, riyadh, jeddah, waba };
}

const body = (text: string) => [{ type: 'BODY', text }];

describe('template.list', () => {
  it('lists every template of the workspace by name and language, filtered by number, status and category, page by page', async () => {
    const { ws, supervisor, riyadh, jeddah } = await workspaceWithNumbers();
    const db = database.db;
    const make = (channelId: string, name: string, language: string, category: 'MARKETING' | 'UTILITY', status = 'APPROVED') =>
      createTemplate(db, { workspaceId: ws.id, channelId, name, language, category, status, components: body(`${name} {{1}}`) });
    await make(riyadh.id, 'order_update', 'en', 'UTILITY');
    await make(riyadh.id, 'order_update', 'ar', 'UTILITY');
    await make(jeddah.id, 'order_update', 'en', 'UTILITY');
    await make(riyadh.id, 'black_friday', 'ar', 'MARKETING', 'REJECTED');
    await make(jeddah.id, 'summer_offer', 'en', 'MARKETING', 'PAUSED');
    // Another workspace's templates never show.
    const other = await createWorkspace(db, 'Elsewhere');
    const theirs = await createChannel(db, other.id, 'whatsapp');
    await createTemplate(db, { workspaceId: other.id, channelId: theirs.id, name: 'aaa_theirs', language: 'en', category: 'UTILITY', components: body('x') });

    const caller = callerFor(db, supervisor.id);
    const all = await caller.template.list({});
    // Name, then language, then id: the two English order_update copies sit side by side, whichever comes first.
    expect(all.items.map((t) => `${t.name}/${t.language}`)).toEqual([
      'black_friday/ar',
      'order_update/ar',
      'order_update/en',
      'order_update/en',
      'summer_offer/en',
    ]);
    expect(all.nextCursor).toBeNull();
    expect(all.items[0]).toMatchObject({ status: 'REJECTED', category: 'MARKETING', channelId: riyadh.id, channelName: 'Riyadh' });
    expect(all.items.filter((t) => t.name === 'order_update' && t.language === 'en').map((t) => t.channelName).sort()).toEqual(['Jeddah!', 'Riyadh']);

    expect((await caller.template.list({ channelId: jeddah.id })).items.map((t) => t.name)).toEqual(['order_update', 'summer_offer']);
    expect((await caller.template.list({ status: 'REJECTED' })).items.map((t) => t.name)).toEqual(['black_friday']);
    expect((await caller.template.list({ category: 'MARKETING', channelId: jeddah.id })).items.map((t) => t.name)).toEqual(['summer_offer']);
    expect((await caller.template.list({ status: 'PENDING' })).items).toEqual([]);

    // Pages of two walk the same order, each template once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.template.list>> = await caller.template.list({ limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((t) => t.id));

    expect((await caller.template.numbers()).map((n) => n.name)).toEqual(['Jeddah!', 'Riyadh']);
  });

  it('refuses another workspace’s number, a forged cursor and a status or category it does not know', async () => {
    const { admin } = await workspaceWithNumbers();
    const other = await createWorkspace(database.db, 'Someone else’s');
    const theirNumber = await createChannel(database.db, other.id, 'whatsapp');
    const caller = callerFor(database.db, admin.id);
    await expect(caller.template.list({ channelId: theirNumber.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(caller.template.list({ cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.template.list({ cursor: Buffer.from('["a","en","not-a-uuid"]').toString('base64url') })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    // @ts-expect-error: not one of Meta's statuses
    await expect(caller.template.list({ status: "APPROVED' or 1=1" })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // @ts-expect-error: not a category
    await expect(caller.template.list({ category: 'SPAM' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.template.list({ channelId: 'riyadh' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.template.sync({ channelId: theirNumber.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('template.sync', () => {
  it('syncs every number of the workspace and says what each brought; Meta refusing the token comes back as its code', async () => {
    const { admin, supervisor, riyadh, jeddah, waba } = await workspaceWithNumbers();
    meta.templates.set(waba, [
      { id: '1', name: 'order_update', language: 'en', status: 'APPROVED', category: 'UTILITY', components: body('Hi {{1}}') },
      { id: '2', name: 'order_update', language: 'ar', status: 'PENDING', category: 'UTILITY', components: body('مرحباً {{1}}') },
    ]);
    const caller = callerFor(database.db, admin.id);
    const first = await caller.template.sync({});
    expect(first.outcomes).toEqual([
      { channelId: jeddah.id, name: 'Jeddah!', ok: true, added: 2, updated: 0, removed: 0, total: 2 },
      { channelId: riyadh.id, name: 'Riyadh', ok: true, added: 2, updated: 0, removed: 0, total: 2 },
    ]);
    expect((await caller.template.list({ channelId: riyadh.id })).items.map((t) => `${t.language}:${t.status}`)).toEqual(['ar:PENDING', 'en:APPROVED']);

    meta.templates.get(waba)![1]!.status = 'APPROVED';
    const one = await caller.template.sync({ channelId: riyadh.id });
    expect(one.outcomes).toEqual([{ channelId: riyadh.id, name: 'Riyadh', ok: true, added: 0, updated: 1, removed: 0, total: 2 }]);

    meta.numbers.get(String(riyadh.externalId))!.fail_with = 190;
    const refused = await caller.template.sync({ channelId: riyadh.id });
    expect(refused.outcomes).toEqual([
      { channelId: riyadh.id, name: 'Riyadh', ok: false, code: 190, failure: { code: '190', data: expect.objectContaining({ details: 'Access token has expired' }) } },
    ]);
    meta.numbers.get(String(riyadh.externalId))!.fail_with = undefined;
    // Neither the token nor the app secret travels back, in a success or a failure.
    for (const answer of [first, one, refused]) expect(JSON.stringify(answer)).not.toMatch(/EAAG-|app-secret-/);

    // Supervisors read templates but do not sync them.
    await expect(callerFor(database.db, supervisor.id).template.sync({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('says a number without Cloud API credentials could not be synced, and syncs the others', async () => {
    const { admin, riyadh, waba } = await workspaceWithNumbers();
    meta.templates.set(waba, []);
    const ws = (await database.db.query.channels.findFirst({ where: (c, { eq }) => eq(c.id, riyadh.id) }))!.workspaceId;
    const bare = await createChannel(database.db, ws, 'whatsapp', { name: 'Bare' });
    const outcomes = (await callerFor(database.db, admin.id).template.sync({})).outcomes;
    expect(outcomes.find((o) => o.channelId === bare.id)).toEqual({ channelId: bare.id, name: 'Bare', ok: false, code: null, failure: null, noCredentials: true });
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);

    // A number switched off is skipped by "all", and refused when asked for by name.
    await database.db.update(channels).set({ status: 'disabled' }).where(eq(channels.id, riyadh.id));
    const after = (await callerFor(database.db, admin.id).template.sync({})).outcomes;
    expect(after.map((o) => o.channelId)).not.toContain(riyadh.id);
    await expect(callerFor(database.db, admin.id).template.sync({ channelId: riyadh.id })).rejects.toMatchObject({
      cause: { code: 'CHANNEL_NOT_CONNECTED' },
    });
  });
});
