import { eq } from 'drizzle-orm';
import { connect, type TDb, type TTx } from '@/db/client';
import * as s from '@/db/schema';
import type { TChannelType } from '@/server/domain/channel-types';
import { hasWindow, windowDeadlines } from '@/server/domain/window';
import { hashPassword } from '@/server/services/passwords';
import { DEMO_CHANNELS } from './demo-channels';
import { DEMO_TEMPLATES } from './demo-templates';
import * as text from './demo-texts';
import { DEMO_PASSWORD, DEMO_USERS, type TDemoUserKey } from './demo-users';
import { createRandom, type TRandom } from './random';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Loads the demo workspace, but only into a database that holds no users or workspaces yet. */
export async function seedDemoIfEmpty(url: string): Promise<{ seeded: boolean }> {
  const { db, sql } = connect(url, { max: 2 });
  try {
    const [row] = await sql<{ used: boolean }[]>`select exists(select 1 from users) or exists(select 1 from workspaces) as used`;
    if (row?.used) return { seeded: false };
    await seedDemo(db, new Date());
    return { seeded: true };
  } finally {
    await sql.end();
  }
}

type TStory = {
  firstName: string;
  lastName: string;
  phone: string;
  email?: string;
  channel: string;
  status: 'open' | 'closed';
  assignee: TDemoUserKey | null;
  team?: 'Support' | 'Sales';
  /** How long ago the customer last wrote. */
  lastInboundAgo: number;
  arabic: boolean;
  tags?: string[];
};

/**
 * Hand-written conversations that the README and the end-to-end tests talk about; everything else is generated
 * around them.
 */
const STORIES: TStory[] = [
  {
    firstName: 'نورة',
    lastName: 'الشمري',
    phone: '+966551234567',
    channel: 'wa-riyadh',
    status: 'closed',
    assignee: 'agent1',
    team: 'Support',
    lastInboundAgo: 3 * DAY,
    arabic: true,
    tags: ['vip'],
  },
  {
    firstName: 'أحمد',
    lastName: 'الزهراني',
    phone: '+966502223344',
    channel: 'wa-jeddah',
    status: 'closed',
    assignee: 'agent2',
    team: 'Support',
    lastInboundAgo: 26 * HOUR,
    arabic: true,
  },
  {
    firstName: 'فاطمة',
    lastName: 'الدوسري',
    phone: '+966533334455',
    channel: 'wa-riyadh',
    status: 'closed',
    assignee: null,
    lastInboundAgo: 5 * DAY,
    arabic: true,
    tags: ['returns'],
  },
  // The seed-001 story: a closed WhatsApp conversation whose window lapsed, last handled by someone else.
  {
    firstName: 'هدى',
    lastName: 'العنزي',
    phone: '+966561112233',
    channel: 'wa-jeddah',
    status: 'closed',
    assignee: 'agent3',
    team: 'Support',
    lastInboundAgo: 4 * DAY,
    arabic: true,
  },
  {
    firstName: 'Emma',
    lastName: 'Walker',
    phone: '+971501112233',
    email: 'emma.walker@example.com',
    channel: 'wa-dubai',
    status: 'open',
    assignee: 'agent1',
    team: 'Sales',
    lastInboundAgo: 24 * HOUR - 4 * MINUTE,
    arabic: false,
    tags: ['prospect'],
  },
  {
    firstName: 'Daniel',
    lastName: 'Hughes',
    phone: '+447700900123',
    email: 'daniel.hughes@example.co.uk',
    channel: 'messenger',
    status: 'open',
    assignee: 'agent1',
    lastInboundAgo: 3 * DAY,
    arabic: false,
  },
  {
    firstName: 'Leila',
    lastName: 'Khan',
    phone: '+971552223344',
    channel: 'instagram',
    status: 'open',
    assignee: 'agent1',
    lastInboundAgo: 9 * DAY,
    arabic: false,
  },
  {
    firstName: 'Sam',
    lastName: 'Patel',
    phone: '+14155550123',
    email: 'sam@example.com',
    channel: 'telegram',
    status: 'open',
    assignee: 'agent1',
    lastInboundAgo: 2 * HOUR,
    arabic: false,
  },
  {
    firstName: 'خالد',
    lastName: 'العتيبي',
    phone: '+966545556677',
    channel: 'wa-riyadh',
    status: 'open',
    assignee: null,
    team: 'Support',
    lastInboundAgo: 12 * MINUTE,
    arabic: true,
    tags: ['new-customer'],
  },
];

const GENERATED_CONTACTS = 320;
/** Mobile numbers by country (E.164), Saudi Arabia weighted as the home market. */
const COUNTRY_PHONES: [string, (r: TRandom) => string][] = [
  ['SA', (r) => `+9665${r.int(0, 9)}${r.int(1000000, 9999999)}`],
  ['SA', (r) => `+9665${r.int(0, 9)}${r.int(1000000, 9999999)}`],
  ['SA', (r) => `+9665${r.int(0, 9)}${r.int(1000000, 9999999)}`],
  ['AE', (r) => `+9715${r.pick(['0', '2', '5', '6'])}${r.int(1000000, 9999999)}`],
  ['EG', (r) => `+2010${r.int(10000000, 99999999)}`],
  ['JO', (r) => `+9627${r.pick(['7', '8', '9'])}${r.int(1000000, 9999999)}`],
  ['GB', (r) => `+447${r.int(100000000, 999999999)}`],
  ['US', (r) => `+1${r.int(201, 989)}${r.int(2000000, 9999999)}`],
];

type TMessageRow = typeof s.messages.$inferInsert;

export async function seedDemo(db: TDb, now: Date): Promise<void> {
  const random = createRandom(20261121);
  const at = (ago: number) => new Date(now.getTime() - ago);

  await db.transaction(async (tx) => {
    const [workspace] = await tx.insert(s.workspaces).values({ name: 'Demo' }).returning();
    const workspaceId = workspace!.id;
    await tx.insert(s.workspaceSettings).values({
      workspaceId,
      defaultCountry: 'SA',
      arabicIndicDigits: true,
      closingCategories: ['Resolved', 'No response', 'Sale completed', 'Spam'],
    });

    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const userRows = await tx
      .insert(s.users)
      .values(DEMO_USERS.map((u) => ({ email: u.email, name: u.name, passwordHash, locale: u.locale })))
      .returning({ id: s.users.id, email: s.users.email });
    const userId = Object.fromEntries(DEMO_USERS.map((u) => [u.key, userRows.find((r) => r.email === u.email)!.id])) as Record<
      TDemoUserKey,
      string
    >;
    await tx.insert(s.memberships).values(DEMO_USERS.map((u) => ({ workspaceId, userId: userId[u.key], role: u.role })));

    const teamRows = await tx
      .insert(s.teams)
      .values([
        { workspaceId, name: 'Support' },
        { workspaceId, name: 'Sales' },
      ])
      .returning();
    const teamId = { Support: teamRows.find((t) => t.name === 'Support')!.id, Sales: teamRows.find((t) => t.name === 'Sales')!.id };
    await tx.insert(s.teamMembers).values([
      { workspaceId, teamId: teamId.Support, userId: userId.agent1 },
      { workspaceId, teamId: teamId.Support, userId: userId.agent2 },
      { workspaceId, teamId: teamId.Support, userId: userId.supervisor },
      { workspaceId, teamId: teamId.Sales, userId: userId.agent2 },
      { workspaceId, teamId: teamId.Sales, userId: userId.agent3 },
      { workspaceId, teamId: teamId.Sales, userId: userId.supervisor },
    ]);

    const channelRows = await tx
      .insert(s.channels)
      .values(DEMO_CHANNELS.map((c) => ({ workspaceId, type: c.type, name: c.name, externalId: c.externalId, config: c.config })))
      .returning({ id: s.channels.id, externalId: s.channels.externalId });
    const channelByKey = new Map(
      DEMO_CHANNELS.map((c) => [c.key, { ...c, id: channelRows.find((r) => r.externalId === c.externalId)!.id }]),
    );
    const whatsappChannels = DEMO_CHANNELS.filter((c) => c.type === 'whatsapp').map((c) => channelByKey.get(c.key)!);

    await seedNumberHealth(tx, workspaceId, whatsappChannels, at);
    await tx.insert(s.templates).values(
      whatsappChannels.flatMap((channel) =>
        DEMO_TEMPLATES.map((t, i) => ({
          workspaceId,
          channelId: channel.id,
          providerTemplateId: `${channel.externalId.slice(-4)}${1000 + i}`,
          name: t.name,
          language: t.language,
          category: t.category,
          status: t.status,
          parameterFormat: t.parameterFormat,
          components: t.components,
          rejectedReason: t.rejectedReason ?? null,
          quality: t.status === 'APPROVED' ? 'GREEN' : null,
          syncedAt: at(2 * HOUR),
        })),
      ),
    );

    // Contacts: the stories first, then generated Arabic and English customers.
    const contactSpecs = [
      ...STORIES.map((story) => ({ ...story, email: story.email ?? null, tags: story.tags ?? [] })),
      ...Array.from({ length: GENERATED_CONTACTS }, () => generatedContact(random)),
    ];
    const contactRows = await tx
      .insert(s.contacts)
      .values(
        contactSpecs.map((c) => ({
          workspaceId,
          firstName: c.firstName,
          lastName: c.lastName,
          phone: c.phone,
          email: c.email,
          tags: c.tags,
          fields: random.chance(0.3) ? { company: random.pick(text.COMPANIES) } : {},
          createdAt: at(random.int(30, 400) * DAY),
        })),
      )
      .returning({ id: s.contacts.id, phone: s.contacts.phone });
    const contactIdByPhone = new Map(contactRows.map((r) => [r.phone!, r.id]));

    const plans: TConversationPlan[] = [];
    for (const story of STORIES) {
      plans.push({ ...story, contactId: contactIdByPhone.get(story.phone)!, channel: channelByKey.get(story.channel)! });
    }
    for (const spec of contactSpecs.slice(STORIES.length)) {
      const contactId = contactIdByPhone.get(spec.phone)!;
      const channelKeys = [pickChannelKey(random)];
      if (random.chance(0.12)) channelKeys.push(pickChannelKey(random));
      for (const key of new Set(channelKeys)) plans.push(generatedPlan(random, spec, contactId, channelByKey.get(key)!));
    }

    const identities = plans.map((plan) => ({
      workspaceId,
      contactId: plan.contactId,
      channelId: plan.channel.id,
      externalId: externalIdFor(plan.channel.type, plan.phone, plan.contactId),
      profileName: `${plan.firstName} ${plan.lastName}`,
    }));
    await tx.insert(s.contactIdentities).values(identities);

    const conversationRows = await tx
      .insert(s.conversations)
      .values(
        plans.map((plan) => ({
          workspaceId,
          contactId: plan.contactId,
          channelId: plan.channel.id,
          channelType: plan.channel.type,
          status: plan.status,
          assigneeId: plan.assignee ? userId[plan.assignee] : null,
          teamId: plan.team ? teamId[plan.team] : null,
          createdAt: at(plan.lastInboundAgo + 30 * DAY),
        })),
      )
      .returning({ id: s.conversations.id, contactId: s.conversations.contactId, channelId: s.conversations.channelId });

    const messageRows: TMessageRow[] = [];
    const eventRows: (typeof s.conversationEvents.$inferInsert)[] = [];
    const agentIds = [userId.agent1, userId.agent2, userId.agent3, userId.supervisor];
    const summaries = plans.map((plan, index) => {
      const conversationId = conversationRows[index]!.id;
      const history = buildHistory(random, plan, now, agentIds, plan.assignee ? userId[plan.assignee] : null);
      for (const m of history) messageRows.push({ ...m, workspaceId, conversationId, channelId: plan.channel.id });
      const assignedAt = history[0]!.createdAt!;
      if (plan.assignee) {
        eventRows.push({
          workspaceId,
          conversationId,
          type: 'assigned',
          actorId: userId.supervisor,
          assigneeId: userId[plan.assignee],
          createdAt: assignedAt,
        });
      }
      if (plan.status === 'closed') {
        eventRows.push({
          workspaceId,
          conversationId,
          type: 'closed',
          actorId: plan.assignee ? userId[plan.assignee] : userId.supervisor,
          details: { category: 'Resolved' },
          createdAt: history.at(-1)!.createdAt,
        });
      }
      return { conversationId, plan, history };
    });

    for (let i = 0; i < messageRows.length; i += 1000) await tx.insert(s.messages).values(messageRows.slice(i, i + 1000));
    for (let i = 0; i < eventRows.length; i += 1000) await tx.insert(s.conversationEvents).values(eventRows.slice(i, i + 1000));

    // The list's denormalized fields, computed from each history exactly as the services keep them.
    for (const { conversationId, plan, history } of summaries) {
      const visible = history.filter((m) => m.direction === 'in' || m.direction === 'out');
      const last = visible.at(-1)!;
      const lastInbound = [...visible].reverse().find((m) => m.direction === 'in');
      const lastOutboundIndex = visible.map((m) => m.direction).lastIndexOf('out');
      const unanswered = visible.slice(lastOutboundIndex + 1).filter((m) => m.direction === 'in');
      const lastInboundAt = lastInbound?.sentAt ?? null;
      await tx
        .update(s.conversations)
        .set({
          lastMessageAt: last.createdAt!,
          lastInboundAt,
          waitingSince: plan.status === 'open' && unanswered.length > 0 ? unanswered[0]!.sentAt! : null,
          ...windowDeadlines(plan.channel.type, lastInboundAt),
          previewText: last.body ?? `[${last.kind}]`,
          previewDirection: last.direction,
          unreadCount: plan.status === 'open' ? unanswered.length : 0,
          closedAt: plan.status === 'closed' ? last.createdAt! : null,
          updatedAt: last.createdAt!,
        })
        .where(eq(s.conversations.id, conversationId));
    }

    await seedBusinessInitiatedSends(
      tx,
      workspaceId,
      whatsappChannels,
      contactRows.map((c) => c.id),
      random,
      at,
    );
  });
}

type TChannelInfo = { id: string; key: string; type: TChannelType; externalId: string };
type TConversationPlan = Omit<TStory, 'channel'> & { contactId: string; channel: TChannelInfo };

const STORY_NAMES = new Set(STORIES.map((story) => `${story.firstName} ${story.lastName}`));

function generatedContact(random: TRandom) {
  const arabic = random.chance(0.6);
  const [, phone] = random.pick(COUNTRY_PHONES);
  let firstName: string;
  let lastName: string;
  // The story contacts are named in the README and tests, so each of those names belongs to one person only.
  do {
    firstName = arabic ? random.pick(text.ARABIC_FIRST_NAMES) : random.pick(text.ENGLISH_FIRST_NAMES);
    lastName = arabic ? random.pick(text.ARABIC_LAST_NAMES) : random.pick(text.ENGLISH_LAST_NAMES);
  } while (STORY_NAMES.has(`${firstName} ${lastName}`));
  const latin = arabic
    ? `user${random.int(100, 9999)}`
    : `${firstName}.${lastName}`
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z.]/g, '');
  return {
    firstName,
    lastName,
    phone: phone(random),
    email: random.chance(arabic ? 0.3 : 0.7)
      ? `${latin}${random.int(1, 99)}@${random.pick(['example.com', 'mail.test', 'example.sa'])}`
      : null,
    tags: random.chance(0.35) ? [random.pick(text.TAGS)] : [],
    arabic,
  };
}

function pickChannelKey(random: TRandom): string {
  return random.weighted({
    'wa-riyadh': 26,
    'wa-jeddah': 16,
    'wa-dubai': 12,
    messenger: 12,
    instagram: 10,
    telegram: 5,
    webchat: 6,
    email: 5,
    sms: 3,
    viber: 3,
    line: 2,
  });
}

function generatedPlan(
  random: TRandom,
  contact: ReturnType<typeof generatedContact>,
  contactId: string,
  channel: TChannelInfo,
): TConversationPlan {
  // Windows spread over the whole range: fresh, mid-window, closing within the hour (some within 5 minutes),
  // lapsed (the Messenger/Instagram tag period) and long gone.
  const bucket = random.weighted({ fresh: 18, mid: 24, lastHour: 7, lastFiveMinutes: 3, lapsed: 28, old: 20 });
  const lastInboundAgo = {
    fresh: random.int(1, 59) * MINUTE,
    mid: random.int(1 * 60, 22 * 60) * MINUTE,
    lastHour: 23 * HOUR + random.int(5, 54) * MINUTE,
    lastFiveMinutes: 23 * HOUR + 55 * MINUTE + random.int(10, 280) * 1000,
    lapsed: random.int(25, 6 * 24 + 12) * HOUR,
    old: random.int(8, 60) * DAY,
  }[bucket];
  const recent = lastInboundAgo < 3 * DAY;
  const status = random.chance(recent ? 0.85 : 0.25) ? 'open' : 'closed';
  const assignee =
    status === 'open' && random.chance(0.28)
      ? null
      : random.weighted<TDemoUserKey>({ agent1: 34, agent2: 26, agent3: 22, supervisor: 8, admin: 2 });
  const team = random.weighted({ Support: 50, Sales: 25, none: 25 });
  return {
    firstName: contact.firstName,
    lastName: contact.lastName,
    phone: contact.phone,
    email: contact.email ?? undefined,
    channel,
    contactId,
    status,
    assignee,
    team: team === 'none' ? undefined : team,
    lastInboundAgo,
    arabic: contact.arabic,
    tags: contact.tags,
  };
}

function externalIdFor(type: TChannelType, phone: string, contactId: string): string {
  if (type === 'whatsapp' || type === 'sms' || type === 'viber') return phone.replace('+', '');
  if (type === 'email') return `${contactId.slice(0, 8)}@customers.test`;
  return `${type}-${contactId.slice(0, 12)}`;
}

/** A believable back-and-forth ending with the customer's last message at plan.lastInboundAgo. */
function buildHistory(random: TRandom, plan: TConversationPlan, now: Date, agentIds: string[], assigneeId: string | null): TMessageRow[] {
  const lastInbound = now.getTime() - plan.lastInboundAgo;
  const exchanges = random.int(1, 5);
  let t = lastInbound - exchanges * random.int(20, 240) * MINUTE - random.int(0, 2) * DAY;
  const author = assigneeId ?? random.pick(agentIds);
  const inbound = plan.arabic ? text.ARABIC_INBOUND : text.ENGLISH_INBOUND;
  const outbound = plan.arabic ? text.ARABIC_OUTBOUND : text.ENGLISH_OUTBOUND;
  const rows: TMessageRow[] = [];
  const push = (row: Omit<TMessageRow, 'workspaceId' | 'conversationId' | 'channelId'>) => rows.push(row as TMessageRow);
  let providerSeq = 0;
  const providerId = () => `seed.${plan.contactId.slice(0, 8)}.${plan.channel.key}.${providerSeq++}`;

  for (let i = 0; i < exchanges; i++) {
    const sentAt = new Date(Math.min(t, lastInbound));
    push({
      direction: 'in',
      kind: 'text',
      body: random.pick(inbound),
      sentAt,
      createdAt: new Date(sentAt.getTime() + 900),
      providerMessageId: providerId(),
    });
    t = sentAt.getTime() + random.int(2, 40) * MINUTE;
    // Earlier exchanges stay before the customer's final message (which fixes the window), never after it.
    if (i < exchanges - 1 && t >= lastInbound - MINUTE) break;
    if (i === 1 && i < exchanges - 1 && random.chance(0.15)) {
      push({ direction: 'note', kind: 'text', body: random.pick(text.NOTES), authorId: author, createdAt: new Date(t) });
      t += MINUTE;
    }
    if (i < exchanges - 1) {
      push({
        direction: 'out',
        kind: 'text',
        body: random.pick(outbound),
        authorId: author,
        status: random.pick(['delivered', 'read', 'read'] as const),
        createdAt: new Date(t),
        providerMessageId: providerId(),
        sentAt: new Date(t),
      });
      t += random.int(10, 300) * MINUTE;
    }
  }
  // The customer's final message lands exactly at the planned time, which fixes the window.
  const final = rows.filter((m) => m.direction === 'in').at(-1)!;
  final.sentAt = new Date(lastInbound);
  final.createdAt = new Date(lastInbound + 900);

  // Often an agent has already answered the last message; closed conversations always were.
  const replyAt = lastInbound + random.int(1, 50) * MINUTE;
  if ((plan.status === 'closed' || random.chance(0.45)) && replyAt < now.getTime()) {
    const failed = random.chance(0.04);
    push({
      direction: 'out',
      kind: 'text',
      body: random.pick(outbound),
      authorId: author,
      status: failed ? 'failed' : random.pick(['sent', 'delivered', 'read', 'read'] as const),
      errorCode: failed ? '131026' : null,
      errorReason: failed ? 'Message undeliverable: the number may not be on WhatsApp.' : null,
      createdAt: new Date(replyAt),
      sentAt: new Date(replyAt),
      providerMessageId: providerId(),
    });
  }
  if (hasWindow(plan.channel.type) && plan.channel.type === 'whatsapp' && plan.lastInboundAgo > 2 * DAY && random.chance(0.3)) {
    const templateAt = now.getTime() - random.int(1, 20) * HOUR;
    if (templateAt > replyAt) {
      push({
        direction: 'out',
        kind: 'template',
        body: plan.arabic
          ? 'أهلاً، نتابع معك طلبك. ردّ على هذه الرسالة لمتابعة المحادثة.'
          : 'Hi! We are here if you still need help with your request. Just reply to this message.',
        templateName: plan.arabic ? 'follow_up' : 'still_there',
        templateLanguage: plan.arabic ? 'ar' : 'en',
        authorId: author,
        status: 'delivered',
        createdAt: new Date(templateAt),
        sentAt: new Date(templateAt),
        providerMessageId: providerId(),
      });
    }
  }
  return rows.sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
}

async function seedNumberHealth(
  tx: TTx,
  workspaceId: string,
  numbers: (TChannelInfo & { health?: (typeof DEMO_CHANNELS)[number]['health'] })[],
  at: (ago: number) => Date,
) {
  for (const number of numbers) {
    const health = number.health!;
    await tx.insert(s.numberHealth).values({
      channelId: number.id,
      workspaceId,
      displayPhoneNumber: health.displayPhoneNumber,
      verifiedName: health.verifiedName,
      qualityRating: health.qualityRating,
      status: health.status,
      nameStatus: 'APPROVED',
      messagingLimitTier: health.tier,
      messagingLimit: health.limit,
      throughputLevel: 'STANDARD',
      lastSyncedAt: at(20 * MINUTE),
      updatedAt: at(20 * MINUTE),
    });
    const history: (typeof s.numberHealthHistory.$inferInsert)[] = [
      {
        workspaceId,
        channelId: number.id,
        source: 'seed',
        changes: { qualityRating: [null, 'GREEN'], status: [null, 'CONNECTED'], messagingLimitTier: [null, 'TIER_250'] },
        createdAt: at(90 * DAY),
      },
    ];
    if (health.tier !== 'TIER_250') {
      history.push({
        workspaceId,
        channelId: number.id,
        source: 'webhook',
        event: 'UPGRADE',
        changes: { messagingLimitTier: ['TIER_250', health.tier] },
        createdAt: at(40 * DAY),
      });
    }
    if (health.qualityRating !== 'GREEN') {
      history.push({
        workspaceId,
        channelId: number.id,
        source: 'sync',
        changes: { qualityRating: ['GREEN', health.qualityRating], status: ['CONNECTED', health.status] },
        createdAt: at(3 * DAY),
      });
    }
    await tx.insert(s.numberHealthHistory).values(history);
  }
}

/** Usage for the numbers page: the Dubai number is close to its 250 limit, the others moderately used. */
async function seedBusinessInitiatedSends(
  tx: TTx,
  workspaceId: string,
  numbers: TChannelInfo[],
  contactIds: string[],
  random: TRandom,
  at: (ago: number) => Date,
) {
  const usage: Record<string, number> = { 'wa-riyadh': 140, 'wa-jeddah': 61, 'wa-dubai': 187 };
  const rows: (typeof s.businessInitiatedSends.$inferInsert)[] = [];
  for (const number of numbers) {
    const recipients = random.shuffle(contactIds).slice(0, usage[number.key] ?? 0);
    for (const contactId of recipients)
      rows.push({ workspaceId, channelId: number.id, contactId, sentAt: at(random.int(5, 23 * 60) * MINUTE) });
    // Earlier in the week, for tier-upgrade progress.
    for (const contactId of random.shuffle(contactIds).slice(0, 60)) {
      rows.push({ workspaceId, channelId: number.id, contactId, sentAt: at(random.int(2, 6) * DAY) });
    }
  }
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(s.businessInitiatedSends).values(rows.slice(i, i + 1000));
}
