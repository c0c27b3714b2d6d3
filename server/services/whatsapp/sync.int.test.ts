// size: template and number-health sync share one fake Graph (its Meta state), database and boss, and the number and template builders above the tests; split, each file would repeat that set-up.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, numberHealth, numberHealthHistory, templates } from '@/db/schema';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { emptyFakeMeta, type TFakeTemplate } from '@/server/channels/whatsapp/fake-meta';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { callerFor, createUser, createWorkspace } from '@/server/testing/factories';
import { approvedTemplatesFor } from '@/server/services/messages/templates';
import { handleWhatsAppWebhook } from './webhook';
import { syncAllWhatsAppChannels, syncWhatsAppChannel } from './sync';
import { resolveWorkspace } from '@/server/services/workspaces/context';

const WABA = '102290129340398';
const SECRET = 'sync-test-secret';
let database: TTestDatabase;
let graph: TGraphServer;
let graphBaseUrl: string;
const meta = emptyFakeMeta();

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  const fake = createFakeGraph({ deliver: async () => {}, meta });
  graph = await serveFakeGraph(fake);
  graphBaseUrl = graph.url;
});
afterAll(async () => {
  await graph.close();
  await stopBoss();
  await database.drop();
});

let seq = 0;
/** A workspace with one WhatsApp number known to the fake (fresh ids per test, so tests never share state). */
async function number(fields: Record<string, unknown> = {}) {
  seq += 1;
  const phoneNumberId = `77700${seq}`;
  const waba = `${WABA}${seq}`;
  const ws = await createWorkspace(database.db, `Sync ${seq}`);
  const admin = await createUser(database.db, ws.id, 'admin');
  const [channel] = await database.db
    .insert(channels)
    .values({
      workspaceId: ws.id,
      type: 'whatsapp',
      name: `WA ${seq}`,
      externalId: phoneNumberId,
      config: { phoneNumberId, wabaId: waba, accessToken: 't', appSecret: SECRET, verifyToken: 'v', graphBaseUrl, requestTimeoutMs: 2000 },
    })
    .returning();
  meta.numbers.set(phoneNumberId, {
    id: phoneNumberId,
    waba_id: waba,
    display_phone_number: '+1 555-078-3881',
    verified_name: 'Lucky Shrub',
    quality_rating: 'GREEN',
    status: 'CONNECTED',
    name_status: 'APPROVED',
    whatsapp_business_manager_messaging_limit: 'TIER_2K',
    throughput: { level: 'STANDARD' },
    ...fields,
  });
  meta.templates.set(waba, []);
  return { workspaceId: ws.id, admin, channelId: channel!.id, phoneNumberId, waba };
}

const template = (i: number, extra: Partial<TFakeTemplate> = {}): TFakeTemplate => ({
  id: String(1_000_000 + i),
  name: `template_${String(i).padStart(3, '0')}`,
  language: i % 2 ? 'en' : 'ar',
  status: 'APPROVED',
  category: 'UTILITY',
  parameter_format: 'POSITIONAL',
  components: [{ type: 'BODY', text: `Hello {{1}}, this is template ${i}.` }],
  quality_score: { score: 'GREEN' },
  ...extra,
});

const health = async (channelId: string) =>
  (await database.db.select().from(numberHealth).where(eq(numberHealth.channelId, channelId)))[0]!;
const stored = (channelId: string) =>
  database.db.select().from(templates).where(eq(templates.channelId, channelId)).orderBy(templates.name);

describe('template sync', () => {
  it('pages through every template with the cursor, then adds, updates and retires only what changed', async () => {
    const n = await number();
    meta.templates.set(
      n.waba,
      Array.from({ length: 230 }, (_, i) => template(i)),
    );
    const first = await syncWhatsAppChannel(database.db, n.channelId);
    expect(first?.templates).toEqual({ ok: true, added: 230, updated: 0, removed: 0, total: 230 });
    expect(await stored(n.channelId)).toHaveLength(230);

    const list = meta.templates.get(n.waba)!;
    list.splice(5, 1); // deleted at Meta
    list[0] = { ...list[0]!, status: 'PAUSED' };
    list.push(template(500, { status: 'PENDING' }));
    const second = await syncWhatsAppChannel(database.db, n.channelId);
    expect(second?.templates).toEqual({ ok: true, added: 1, updated: 1, removed: 1, total: 230 });
    const rows = await stored(n.channelId);
    expect(rows.find((t) => t.name === 'template_005')?.status).toBe('DELETED');
    expect(rows.find((t) => t.name === 'template_000')?.status).toBe('PAUSED');
    expect(rows.find((t) => t.name === 'template_500')).toMatchObject({ status: 'PENDING', providerTemplateId: '1000500' });

    const third = await syncWhatsAppChannel(database.db, n.channelId);
    expect(third?.templates).toEqual({ ok: true, added: 0, updated: 0, removed: 0, total: 230 });
  });

  it('keeps the readable templates when one in the list has an unknown shape', async () => {
    const n = await number();
    meta.templates.set(n.waba, [template(1), { ...template(2), category: 'SOMETHING_NEW' }, template(3)]);
    const result = await syncWhatsAppChannel(database.db, n.channelId);
    expect(result?.templates).toMatchObject({ ok: true, added: 2 });
  });

  it('offers only APPROVED templates to the picker', async () => {
    const n = await number();
    meta.templates.set(n.waba, [
      template(1),
      template(2, { status: 'REJECTED', rejected_reason: 'INVALID_FORMAT' }),
      template(3, { status: 'PAUSED' }),
    ]);
    await syncWhatsAppChannel(database.db, n.channelId);
    const [conversation] = await database.sql`
      insert into contacts (workspace_id, first_name) values (${n.workspaceId}, 'Sara') returning id`;
    const [c] = await database.sql`
      insert into conversations (workspace_id, channel_id, channel_type, contact_id, status)
      values (${n.workspaceId}, ${n.channelId}, 'whatsapp', ${conversation!.id}, 'open') returning id`;
    const workspace = (await resolveWorkspace(database.db, n.admin.id, n.workspaceId))!;
    const offered = await approvedTemplatesFor(database.db, workspace, n.admin.id, c!.id);
    expect(offered.map((t) => t.name)).toEqual(['template_001']);
    expect((await stored(n.channelId)).find((t) => t.name === 'template_002')?.rejectedReason).toBe('INVALID_FORMAT');
  });
});

describe('number health sync', () => {
  it('stores every field Meta reports, records what changed, and stamps the sync time', async () => {
    const n = await number({ quality_rating: 'NA', status: 'FLAGGED', messaging_limit_tier: 'TIER_1K', throughput: { level: 'HIGH' } });
    await syncWhatsAppChannel(database.db, n.channelId);
    expect(await health(n.channelId)).toMatchObject({
      displayPhoneNumber: '15550783881',
      verifiedName: 'Lucky Shrub',
      qualityRating: 'UNKNOWN', // NA: not yet determined
      status: 'FLAGGED',
      nameStatus: 'APPROVED',
      messagingLimitTier: 'TIER_2K', // the portfolio-level field wins over the deprecated one
      messagingLimit: 2000,
      throughputLevel: 'HIGH',
    });
    expect((await health(n.channelId)).lastSyncedAt).toBeInstanceOf(Date);

    meta.numbers.set(n.phoneNumberId, { ...meta.numbers.get(n.phoneNumberId)!, quality_rating: 'RED' });
    const before = (await health(n.channelId)).lastSyncedAt!;
    await syncWhatsAppChannel(database.db, n.channelId);
    const history = await database.db.select().from(numberHealthHistory).where(eq(numberHealthHistory.channelId, n.channelId));
    expect(history.at(-1)).toMatchObject({ source: 'sync', changes: { qualityRating: ['UNKNOWN', 'RED'] } });
    expect((await health(n.channelId)).lastSyncedAt!.getTime()).toBeGreaterThanOrEqual(before.getTime());

    await syncWhatsAppChannel(database.db, n.channelId); // nothing new: no history line
    expect(await database.db.select().from(numberHealthHistory).where(eq(numberHealthHistory.channelId, n.channelId))).toHaveLength(
      history.length,
    );
  });

  it('keeps a display number written with Arabic-Indic digits as its digits, and lists it as people read it', async () => {
    const n = await number({ display_phone_number: '+٩٦٦ ١١ ٥١٠ ٢٠٣٠' });
    await syncWhatsAppChannel(database.db, n.channelId);
    expect(await health(n.channelId)).toMatchObject({ displayPhoneNumber: '966115102030' });
    const [listed] = await callerFor(database.db, n.admin.id, n.workspaceId).number.list();
    expect(listed).toMatchObject({ displayPhoneNumber: '966115102030', displayPhone: '+966 11 510 2030' });
  });

  it('marks the number as needing attention when Meta refuses the token, and changes nothing else', async () => {
    const n = await number();
    await syncWhatsAppChannel(database.db, n.channelId);
    meta.numbers.set(n.phoneNumberId, { ...meta.numbers.get(n.phoneNumberId)!, quality_rating: 'RED', fail_with: 190 });
    const result = await syncWhatsAppChannel(database.db, n.channelId);
    expect(result?.health).toMatchObject({ ok: false, code: 190 });
    expect(result?.templates).toMatchObject({ ok: false, code: 190 });
    expect((await health(n.channelId)).qualityRating).toBe('GREEN');
    const [channel] = await database.db.select().from(channels).where(eq(channels.id, n.channelId));
    // The code is what the interface says it from, in the reader's language; the English reason is for operators.
    expect(channel).toMatchObject({ status: 'needs_attention', statusCode: '190', statusReason: expect.stringContaining('access token') });
  });

  it('reports an unreachable Graph API without touching anything', async () => {
    const n = await number();
    await database.db
      .update(channels)
      .set({
        config: {
          phoneNumberId: n.phoneNumberId,
          wabaId: n.waba,
          accessToken: 't',
          appSecret: SECRET,
          verifyToken: 'v',
          graphBaseUrl: 'http://127.0.0.1:9',
        },
      })
      .where(eq(channels.id, n.channelId));
    const result = await syncWhatsAppChannel(database.db, n.channelId);
    expect(result?.health).toMatchObject({ ok: false, code: null });
    const [channel] = await database.db.select().from(channels).where(eq(channels.id, n.channelId));
    expect(channel!.status).toBe('active');
  });

  it('the sync on connect picks only numbers never synced', async () => {
    const n = await number();
    const results = await syncAllWhatsAppChannels(database.db, { onlyNeverSynced: true });
    expect(results.map((r) => r.channelId)).toContain(n.channelId);
    const again = await syncAllWhatsAppChannels(database.db, { onlyNeverSynced: true });
    expect(again.map((r) => r.channelId)).not.toContain(n.channelId);
  });
});

describe('template webhooks', () => {
  function post(n: { channelId: string; waba: string }, field: string, value: Record<string, unknown>) {
    const raw = Buffer.from(
      JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: n.waba, time: 1751247548, changes: [{ field, value }] }] }),
    );
    return handleWhatsAppWebhook(database.db, n.channelId, raw, signatureOf(raw, SECRET));
  }

  it('applies status changes (REJECTED with its reason, REINSTATED back to APPROVED) and quality changes', async () => {
    const n = await number();
    meta.templates.set(n.waba, [template(1)]);
    await syncWhatsAppChannel(database.db, n.channelId);
    const rejected = {
      event: 'REJECTED',
      message_template_id: 1000001, // an integer in Meta's payload
      message_template_name: 'template_001',
      message_template_language: 'en',
      reason: 'INVALID_FORMAT',
      message_template_category: 'MARKETING',
      rejection_info: { reason: 'Parameters placed next to each other.', recommendation: 'Separate them.' },
    };
    expect((await post(n, 'message_template_status_update', rejected)).status).toBe(200);
    expect((await stored(n.channelId))[0]).toMatchObject({ status: 'REJECTED', rejectedReason: 'Parameters placed next to each other.' });

    await post(n, 'message_template_status_update', { ...rejected, event: 'REINSTATED', reason: 'NONE', rejection_info: undefined });
    expect((await stored(n.channelId))[0]).toMatchObject({ status: 'APPROVED', rejectedReason: null });

    // Meta's own quality example carries the status field name: the shape decides.
    await post(n, 'message_template_status_update', {
      previous_quality_score: 'GREEN',
      new_quality_score: 'YELLOW',
      message_template_id: 1000001,
      message_template_name: 'template_001',
      message_template_language: 'en',
    });
    await post(n, 'message_template_quality_update', {
      previous_quality_score: 'YELLOW',
      new_quality_score: 'RED',
      message_template_id: 1000001,
    });
    expect((await stored(n.channelId))[0]!.quality).toBe('RED');
  });

  it('a template we have never seen schedules a sync of the WABA’s numbers', async () => {
    const n = await number();
    const response = await post(n, 'message_template_status_update', {
      event: 'APPROVED',
      message_template_id: 99,
      message_template_name: 'new_one',
      message_template_language: 'en',
      reason: 'NONE',
    });
    expect(response.status).toBe(200);
    const jobs = await database.sql`select data from pgboss.job where name = 'whatsapp-sync' and data->>'channelId' = ${n.channelId}`;
    expect(jobs).toHaveLength(1);
  });

  it('a category change (template_category_update) moves the template, on every number of the WABA; changed components sync', async () => {
    const n = await number();
    meta.templates.set(n.waba, [template(1)]);
    await syncWhatsAppChannel(database.db, n.channelId);
    const before = (await stored(n.channelId))[0]!.category;
    const next = before === 'MARKETING' ? 'UTILITY' : 'MARKETING';
    // Meta's reference: ids as integers, categories in capitals.
    const update = {
      message_template_id: 1000001,
      message_template_name: 'template_001',
      message_template_language: 'en',
      previous_category: before,
      new_category: next,
    };
    expect((await post(n, 'template_category_update', update)).status).toBe(200);
    expect((await stored(n.channelId))[0]!.category).toBe(next);
    // A category this build does not know is not forced into the column: a sync reads what Meta says instead.
    await post(n, 'template_category_update', { ...update, new_category: 'SERVICE_PLUS' });
    expect((await stored(n.channelId))[0]!.category).toBe(next);
    const m = await number();
    meta.templates.set(m.waba, [template(1)]);
    await syncWhatsAppChannel(database.db, m.channelId);
    await post(m, 'message_template_components_update', { message_template_id: 1000001, message_template_name: 'template_001' });
    const jobs = await database.sql`select data from pgboss.job where name = 'whatsapp-sync' and data->>'channelId' = ${m.channelId}`;
    expect(jobs).toHaveLength(1);
  });

  it('an update in an unknown shape is skipped without failing the request', async () => {
    const n = await number();
    expect((await post(n, 'message_template_status_update', { surprise: true })).status).toBe(200);
  });
});

describe('number.sync (Sync now)', () => {
  it('syncs a number of the caller’s workspace and refuses other workspaces and non-admins', async () => {
    const n = await number();
    meta.templates.set(n.waba, [template(1), template(2)]);
    const result = await callerFor(database.db, n.admin.id, n.workspaceId).number.sync({ channelId: n.channelId });
    expect(result).toMatchObject({ health: { ok: true }, templates: { ok: true, added: 2 } });

    const other = await number();
    await expect(callerFor(database.db, n.admin.id, n.workspaceId).number.sync({ channelId: other.channelId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const agent = await createUser(database.db, n.workspaceId, 'agent');
    await expect(callerFor(database.db, agent.id, n.workspaceId).number.sync({ channelId: n.channelId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(callerFor(database.db, n.admin.id, n.workspaceId).number.sync({ channelId: 'not-a-uuid' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('says how a failed sync failed instead of throwing', async () => {
    const n = await number({ fail_with: 190 });
    const result = await callerFor(database.db, n.admin.id, n.workspaceId).number.sync({ channelId: n.channelId });
    expect(result).toMatchObject({ health: { ok: false, code: 190 }, templates: { ok: false, code: 190 } });
    const [row] = await database.db
      .select()
      .from(channels)
      .where(and(eq(channels.id, n.channelId)));
    expect(row!.status).toBe('needs_attention');
  });
});
