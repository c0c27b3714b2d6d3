import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountAlerts, businessInitiatedSends, contacts } from '@/db/schema';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createNumberHealth, createUser, createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { emptyFakeMeta } from '@/server/channels/whatsapp/fake-meta';
import { serveFakeGraph } from '@/server/testing/graph-server';
import { applyPortfolioLimit } from './number-health';
import { syncWhatsAppChannel } from './sync';
import { handleWhatsAppWebhook } from './webhook';

/** One portfolio's limit and usage on each of its numbers; Meta's account alerts, stored once and listed. */

const SECRET = 'portfolio-secret';
const WABA = '524126980791429';
const DAY = 86_400_000;
let database: TTestDatabase;
let ws: { id: string };
let admin: { id: string };
let riyadh: { id: string; externalId: string };
let jeddah: { id: string; externalId: string };
let dubai: { id: string; externalId: string };

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  const db = database.db;
  ws = await createWorkspace(db, 'Acme');
  admin = await createUser(db, ws.id, 'admin');
  const number = async (phoneNumberId: string, wabaId: string, quality: string, display: string) => {
    const channel = await createWhatsAppChannel(db, { workspaceId: ws.id, phoneNumberId, appSecret: SECRET, name: phoneNumberId });
    await db.execute(
      // The WABA a number belongs to, as the connect form stores it.
      `update channels set config = config || '{"wabaId": "${wabaId}"}'::jsonb where id = '${channel.id}'`,
    );
    await createNumberHealth(db, {
      workspaceId: ws.id,
      channelId: channel.id,
      displayPhoneNumber: display,
      qualityRating: quality,
      status: 'CONNECTED',
      tier: 'TIER_250',
      limit: 250,
    });
    return channel;
  };
  riyadh = await number('1001', WABA, 'GREEN', '966115102030');
  jeddah = await number('1002', WABA, 'YELLOW', '966126407788');
  dubai = await number('1003', '999', 'GREEN', '97143201122');
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

function webhook(field: string, value: unknown, time = Math.floor(Date.now() / 1000)) {
  const raw = Buffer.from(
    JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: WABA, time, changes: [{ field, value }] }] }),
  );
  return handleWhatsAppWebhook(database.db, riyadh.externalId, raw, signatureOf(raw, SECRET));
}

async function reach(channelId: string, count: number, ago: number) {
  const reached = await database.db
    .insert(contacts)
    .values(Array.from({ length: count }, (_, i) => ({ workspaceId: ws.id, firstName: `Reached ${i}` })))
    .returning({ id: contacts.id });
  await database.db
    .insert(businessInitiatedSends)
    .values(reached.map((c) => ({ workspaceId: ws.id, channelId, contactId: c.id, sentAt: new Date(Date.now() - ago) })));
}

describe('portfolio limits on the numbers page', () => {
  it('gives every number of the portfolio the same limit, usage and upgrade path, and leaves other WABAs alone', async () => {
    // Meta raises the portfolio to 2K (an integer, as its example sends it), for the WABA the entry names.
    expect((await webhook('business_capability_update', { max_daily_conversations_per_business: 2000 })).status).toBe(200);
    await reach(riyadh.id, 700, DAY / 2); // today, through Riyadh
    await reach(jeddah.id, 400, 3 * DAY); // this week, through Jeddah

    const list = await callerFor(database.db, admin.id).number.list();
    const [r, j, d] = [riyadh, jeddah, dubai].map((c) => list.find((n) => n.channelId === c.id)!);
    for (const n of [r!, j!]) {
      expect(n).toMatchObject({ messagingLimitTier: 'TIER_2K', portfolioId: WABA, portfolioNumbers: 2 });
      expect(n.usage).toMatchObject({ used: 700, limit: 2000, reach: { last7Days: 1100, last30Days: 1100 } });
      // 1,100 unique customers in 7 days against half of 2,000: eligible for 10K (quality is not low on either number).
      expect(n.upgrade).toEqual({ kind: 'automatic', next: 'TIER_10K', reached: 1100, needed: 1000, eligible: true, qualityLow: false });
    }
    expect(r!.usage).toEqual(j!.usage);
    // Another WABA's number keeps its own limit and counts only its own customers.
    expect(d).toMatchObject({ messagingLimitTier: 'TIER_250', portfolioId: null, usage: { used: 0, limit: 250 } });
    expect(d!.upgrade).toMatchObject({ kind: 'verification', next: 'TIER_2K', reached: 0, needed: 2000, eligible: false });
  });

  it('takes a limit synced for one number onto all numbers of its portfolio (legacy tiers mapped)', async () => {
    expect(await applyPortfolioLimit(database.db, jeddah.id, { tier: 'TIER_10K', limit: 10_000 }, 'sync', null)).toBe(2);
    const list = await callerFor(database.db, admin.id).number.list();
    for (const id of [riyadh.id, jeddah.id])
      expect(list.find((n) => n.channelId === id)).toMatchObject({ messagingLimitTier: 'TIER_10K', usage: { limit: 10_000 } });
    // Legacy quality webhook (TIER_1K, per number) for Riyadh's display number: 2K on the current ladder, for both.
    await webhook('phone_number_quality_update', { display_phone_number: '966115102030', event: 'DOWNGRADE', current_limit: 'TIER_1K' });
    const after = await callerFor(database.db, admin.id).number.list();
    for (const id of [riyadh.id, jeddah.id]) expect(after.find((n) => n.channelId === id)).toMatchObject({ messagingLimitTier: 'TIER_2K' });
  });
});

describe('the business portfolio, as the sync learns it', () => {
  it('joins numbers of two WABAs of one business under its id, so they share one limit and one count', async () => {
    const db = database.db;
    const meta = emptyFakeMeta();
    const graph = await serveFakeGraph(createFakeGraph({ deliver: async () => {}, meta }));
    try {
      const biz = await createWorkspace(db, 'Two WABAs');
      const bizAdmin = await createUser(db, biz.id, 'admin');
      const made = [];
      for (const [phoneNumberId, wabaId] of [
        ['2001', 'waba-a'],
        ['2002', 'waba-b'],
      ] as const) {
        const channel = await createWhatsAppChannel(db, { workspaceId: biz.id, phoneNumberId, appSecret: SECRET, graphBaseUrl: graph.url });
        await db.execute(`update channels set config = config || '{"wabaId": "${wabaId}"}'::jsonb where id = '${channel.id}'`);
        meta.numbers.set(phoneNumberId, {
          id: phoneNumberId,
          waba_id: wabaId,
          business_id: '88990011',
          display_phone_number: `+1 555 000 ${phoneNumberId}`,
          quality_rating: 'GREEN',
          status: 'CONNECTED',
          whatsapp_business_manager_messaging_limit: phoneNumberId === '2001' ? 'TIER_10K' : 'TIER_2K',
        });
        made.push(channel);
      }
      await syncWhatsAppChannel(db, made[0]!.id);
      await syncWhatsAppChannel(db, made[1]!.id);
      const list = await callerFor(db, bizAdmin.id).number.list();
      // The last limit Meta reported is the portfolio's, on both numbers; one count across them.
      for (const n of list) expect(n).toMatchObject({ portfolioId: '88990011', messagingLimitTier: 'TIER_2K', portfolioNumbers: 2 });

      // A capability webhook for one WABA raises both (the other under its second WABA), and keeps the business key.
      const raw = Buffer.from(
        JSON.stringify({
          object: 'whatsapp_business_account',
          entry: [
            {
              id: 'waba-a',
              changes: [{ field: 'business_capability_update', value: { max_daily_conversations_per_business: 'TIER_100K' } }],
            },
          ],
        }),
      );
      expect((await handleWhatsAppWebhook(db, made[0]!.externalId, raw, signatureOf(raw, SECRET))).status).toBe(200);
      const after = await callerFor(db, bizAdmin.id).number.list();
      for (const n of after)
        expect(n).toMatchObject({ portfolioId: '88990011', messagingLimitTier: 'TIER_100K', usage: { limit: 100_000 } });
    } finally {
      await graph.close();
    }
  });
});

describe('account_alerts', () => {
  const alert = (type: string, extra: Record<string, unknown> = {}) => ({
    entity_type: 'BUSINESS',
    entity_id: '2233445566',
    alert_info: { alert_severity: 'WARNING', alert_status: 'ACTIVE', alert_type: type, alert_description: 'Meta words', ...extra },
  });

  it('stores each alert once with Meta’s time, and lists them newest first for admins of this workspace only', async () => {
    const at = Math.floor(Date.UTC(2026, 10, 20, 9, 30) / 1000);
    expect((await webhook('account_alerts', alert('INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED'), at)).status).toBe(200);
    await webhook('account_alerts', alert('INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED'), at); // Meta redelivers
    await webhook('account_alerts', alert('INCREASED_CAPABILITIES_ELIGIBILITY_NEED_MORE_INFO'), at + 3600);
    // A flattened shape (alert_* beside entity_*) reads too; a value with no alert type is skipped, not a 500.
    await webhook('account_alerts', { entity_type: 'PHONE_NUMBER', entity_id: 1001, alert_type: 'PROFILE_PICTURE_LOST' }, at + 7200);
    expect((await webhook('account_alerts', { entity_type: 'BUSINESS', entity_id: 'x' })).status).toBe(200);

    const alerts = await callerFor(database.db, admin.id).number.alerts();
    expect(alerts.map((a) => a.alertType)).toEqual([
      'PROFILE_PICTURE_LOST',
      'INCREASED_CAPABILITIES_ELIGIBILITY_NEED_MORE_INFO',
      'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
    ]);
    expect(alerts[2]).toMatchObject({
      entityType: 'BUSINESS',
      entityId: '2233445566',
      severity: 'WARNING',
      status: 'ACTIVE',
      occurredAt: new Date(at * 1000),
    });
    expect(alerts[0]).toMatchObject({ entityType: 'PHONE_NUMBER', entityId: '1001', severity: null });
    expect(await database.db.$count(accountAlerts)).toBe(3);

    const agent = await createUser(database.db, ws.id, 'agent');
    await expect(callerFor(database.db, agent.id).number.alerts()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await createWorkspace(database.db, 'Other');
    const otherAdmin = await createUser(database.db, other.id, 'admin');
    expect(await callerFor(database.db, otherAdmin.id).number.alerts()).toEqual([]);
  });
});
