import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { openWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { seedDemo, seedDemoIfEmpty } from './demo';
import { DEMO_CHANNELS } from './demo-channels';
import { savedReplyProblems, ZSavedReplyShortcut } from '@/server/domain/saved-replies';

let database: TTestDatabase;
const now = new Date();

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, now);
});
afterAll(() => database.drop());

describe('demo data', () => {
  it('has the demo workspace, its five people and two teams', async () => {
    const rows = await database.sql`
      select u.email, m.role from users u join memberships m on m.user_id = u.id join workspaces w on w.id = m.workspace_id
      where w.name = 'Demo' order by u.email`;
    expect(rows.map((r) => `${r.email}:${r.role}`)).toEqual([
      'admin@nafidha.test:admin',
      'agent1@nafidha.test:agent',
      'agent2@nafidha.test:agent',
      'agent3@nafidha.test:agent',
      'supervisor@nafidha.test:supervisor',
    ]);
    expect((await database.sql`select name from teams order by name`).map((r) => r.name)).toEqual(['Sales', 'Support']);
  });

  it('has a conversation started from an ad, its referral on the first customer message', async () => {
    const [row] = await database.sql`
      select c.referral->>'headline' as headline, c.referral_at, m.sent_at as first_in, m.payload->'whatsapp'->'referral'->>'ctwa_clid' as clid
      from conversations c join contacts k on k.id = c.contact_id
      join lateral (select * from messages m where m.conversation_id = c.id and m.direction = 'in' order by m.id limit 1) m on true
      where k.phone = '+966545556677'`;
    expect(row).toMatchObject({ headline: 'عرض الصيف: توصيل مجاني طوال الأسبوع', clid: 'ARAdemoClick0001' });
    expect(row!.referral_at).toEqual(row!.first_in);
  });

  it('has one channel of every type and three WhatsApp numbers of High, Medium and Low quality', async () => {
    const types = await database.sql`select type::text, count(*)::int as n from channels group by type order by type`;
    expect(types).toHaveLength(9);
    expect(types.find((t) => t.type === 'whatsapp')?.n).toBe(3);
    const health = await database.sql`select quality_rating, status, messaging_limit_tier from number_health order by quality_rating`;
    expect(health.map((h) => h.quality_rating)).toEqual(['GREEN', 'RED', 'YELLOW']);
    expect(new Set(health.map((h) => h.status)).size).toBe(3);
    expect(new Set(health.map((h) => h.messaging_limit_tier)).size).toBe(3);
  });

  it('has 300+ contacts with Arabic and English names, E.164 phones from several countries, some emails', async () => {
    const [stats] = await database.sql`
      select count(*)::int as contacts,
             count(*) filter (where first_name ~ '[\u0600-\u06FF]')::int as arabic,
             count(*) filter (where first_name ~ '^[A-Za-zÀ-ÿ]')::int as latin,
             count(*) filter (where email is not null)::int as with_email,
             count(*) filter (where phone !~ '^\\+[1-9][0-9]{7,14}$')::int as bad_phones,
             count(distinct substring(phone from 1 for 4))::int as prefixes
      from contacts`;
    expect(stats!.contacts).toBeGreaterThanOrEqual(300);
    expect(stats!.arabic).toBeGreaterThan(100);
    expect(stats!.latin).toBeGreaterThan(50);
    expect(stats!.with_email).toBeGreaterThan(50);
    expect(stats!.bad_phones).toBe(0);
    expect(stats!.prefixes).toBeGreaterThan(4);
  });

  it('has conversations in every state: open/closed, mine/others/unassigned, with and without a team', async () => {
    const rows = await database.sql`
      select c.status::text, (c.assignee_id is null) as unassigned, (c.team_id is null) as no_team, count(*)::int as n
      from conversations c group by 1, 2, 3`;
    const has = (status: string, unassigned: boolean) => rows.some((r) => r.status === status && r.unassigned === unassigned && r.n > 0);
    expect(has('open', true) && has('open', false) && has('closed', true) && has('closed', false)).toBe(true);
    expect(rows.some((r) => !r.no_team) && rows.some((r) => r.no_team)).toBe(true);
    const assignees = await database.sql`select count(distinct assignee_id)::int as n from conversations where status = 'open'`;
    expect(assignees[0]!.n).toBeGreaterThanOrEqual(4);
  });

  it('spreads windows over the whole range: lapsed, under 5 minutes, within the hour, Messenger tag period', async () => {
    const iso = now.toISOString();
    const [w] = await database.sql`
      select count(*) filter (where window_closes_at <= ${iso})::int as lapsed,
             count(*) filter (where window_closes_at > ${iso} and window_closes_at <= ${iso}::timestamptz + interval '5 minutes')::int as under_five,
             count(*) filter (where window_closes_at > ${iso} and window_closes_at <= ${iso}::timestamptz + interval '1 hour')::int as under_hour,
             count(*) filter (where window_closes_at > ${iso}::timestamptz + interval '12 hours')::int as long_left,
             count(*) filter (where channel_type in ('messenger', 'instagram') and window_closes_at <= ${iso}
                                and last_inbound_at > ${iso}::timestamptz - interval '7 days')::int as tag_period,
             count(*) filter (where channel_type not in ('whatsapp', 'messenger', 'instagram') and window_closes_at is not null)::int as wrong
      from conversations`;
    expect(w!.lapsed).toBeGreaterThan(20);
    expect(w!.under_five).toBeGreaterThanOrEqual(3);
    expect(w!.under_hour).toBeGreaterThan(w!.under_five);
    expect(w!.long_left).toBeGreaterThan(10);
    expect(w!.tag_period).toBeGreaterThanOrEqual(3);
    expect(w!.wrong).toBe(0);
  });

  it('keeps each conversation’s list fields consistent with its messages', async () => {
    const inconsistent = await database.sql`
      select c.id from conversations c
      cross join lateral (
        select max(m.created_at) filter (where m.direction in ('in', 'out')) as last_at,
               max(m.sent_at) filter (where m.direction = 'in') as last_in,
               count(*) as n
        from messages m where m.conversation_id = c.id) m
      where m.n = 0 or c.last_message_at <> m.last_at or c.last_inbound_at is distinct from m.last_in`;
    expect(inconsistent).toEqual([]);
  });

  it('has no message in the future', async () => {
    const [row] =
      await database.sql`select count(*)::int as n from messages where created_at > ${now.toISOString()}::timestamptz or sent_at > ${now.toISOString()}::timestamptz`;
    expect(row!.n).toBe(0);
  });

  it('has approved, pending and rejected templates with positional and named variables in Arabic and English', async () => {
    const rows = await database.sql`select distinct status, parameter_format::text as format, language from templates`;
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['APPROVED', 'PENDING', 'REJECTED']));
    expect(new Set(rows.map((r) => r.format))).toEqual(new Set(['POSITIONAL', 'NAMED']));
    expect(new Set(rows.map((r) => r.language))).toEqual(new Set(['en', 'ar']));
  });

  it('has saved replies in English, Arabic and any language, each valid by the rules the settings form applies', async () => {
    const rows = await database.sql`select shortcut, body, language from saved_replies`;
    expect(new Set(rows.map((r) => r.language))).toEqual(new Set(['en', 'ar', null]));
    for (const row of rows) {
      expect(ZSavedReplyShortcut.parse(row.shortcut)).toBe(row.shortcut);
      expect(savedReplyProblems(row.body as string)).toEqual([]);
    }
    expect(rows.some((r) => (r.body as string).includes('{{contact.first_name |'))).toBe(true);
  });

  it('gives each story contact’s name to one person only', async () => {
    const rows = await database.sql`
      select first_name || ' ' || last_name as name, count(*)::int as n from contacts
      where first_name || ' ' || last_name in ('نورة الشمري', 'أحمد الزهراني', 'فاطمة الدوسري', 'هدى العنزي', 'Emma Walker', 'Daniel Hughes', 'Leila Khan', 'Sam Patel')
      group by 1`;
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it('stores the demo numbers’ secrets sealed, opening to the README’s app secrets', async () => {
    const rows = await database.sql<{ external_id: string; config: Record<string, string> }[]>`
      select external_id, config from channels where type = 'whatsapp' order by external_id`;
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const demo = DEMO_CHANNELS.find((c) => c.externalId === row.external_id)!;
      expect(JSON.stringify(row.config)).not.toContain(String(demo.config.appSecret));
      expect(row.config.appSecret).toMatch(/^sealed:v1:/);
      expect(openWhatsAppConfig(row.config)).toMatchObject({ appSecret: demo.config.appSecret, accessToken: demo.config.accessToken });
    }
  });

  it('only ever goes into an empty database', async () => {
    const before = await database.sql`select count(*)::int as n from conversations`;
    expect(await seedDemoIfEmpty(database.url)).toEqual({ seeded: false });
    expect(await database.sql`select count(*)::int as n from conversations`).toEqual(before);
  });
});
