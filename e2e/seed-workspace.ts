import { randomBytes, randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import { sql } from 'drizzle-orm';
import type { TDatabase } from '../db/client';
import * as s from '../db/schema';
import { DEMO_TEMPLATES, templateAsMetaLists } from '../db/seed/demo-templates';
import type { TChannelType } from '../server/domain/channel-types';
import type { TRole } from '../server/domain/permissions';
import {
  createChannel,
  createConversation,
  createMessage,
  createNumberHealth,
  createTemplate,
  createUser,
  createWorkspace,
} from '../server/testing/factories';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The people of every seeded workspace (names as the specs read them; emails unique to the workspace). */
const PEOPLE = {
  admin: { role: 'admin', name: 'Lina Haddad' },
  supervisor: { role: 'supervisor', name: 'Omar Khalil' },
  agent1: { role: 'agent', name: 'Sara Al-Qahtani' },
  agent2: { role: 'agent', name: 'Yousef Mansour' },
  agent3: { role: 'agent', name: 'Emily Carter' },
} as const satisfies Record<string, { role: TRole; name: string }>;
export type TPersonKey = keyof typeof PEOPLE;

/** Its channels: three WhatsApp numbers in three states of health, and one of each other kind the specs use. */
const NUMBERS = {
  riyadh: { name: 'WhatsApp · Riyadh', display: '966115102030', quality: 'GREEN', status: 'CONNECTED', tier: 'TIER_10K', limit: 10_000 },
  jeddah: { name: 'WhatsApp · Jeddah', display: '966126407788', quality: 'YELLOW', status: 'FLAGGED', tier: 'TIER_2K', limit: 2_000 },
  dubai: { name: 'WhatsApp · Dubai', display: '97143201122', quality: 'RED', status: 'RESTRICTED', tier: 'TIER_250', limit: 250 },
} as const;
const OTHER_CHANNELS = {
  messenger: { type: 'messenger', name: 'Messenger · Nafidha Store' },
  instagram: { type: 'instagram', name: 'Instagram · @nafidha.store' },
  telegram: { type: 'telegram', name: 'Telegram · @NafidhaBot' },
  line: { type: 'line', name: 'LINE · Nafidha' },
} as const;
export type TChannelKey = keyof typeof NUMBERS | keyof typeof OTHER_CHANNELS;

/** Its customers, each with one conversation whose last customer message is `ago` before the seeding. */
const STORIES = {
  noura: { first: 'نورة', last: 'الشمري', phone: '+966551234567', channel: 'riyadh', status: 'closed', assignee: 'agent1', ago: 3 * DAY },
  ahmed: { first: 'أحمد', last: 'الزهراني', phone: '+966502223344', channel: 'jeddah', status: 'closed', assignee: 'agent2', ago: 26 * HOUR },
  fatima: { first: 'فاطمة', last: 'الدوسري', phone: '+966533334455', channel: 'riyadh', status: 'closed', assignee: null, ago: 5 * DAY },
  // A closed WhatsApp conversation whose window lapsed, last handled by someone else.
  huda: { first: 'هدى', last: 'العنزي', phone: '+966561112233', channel: 'jeddah', status: 'closed', assignee: 'agent3', ago: 4 * DAY },
  emma: { first: 'Emma', last: 'Walker', phone: '+971501112233', channel: 'dubai', status: 'open', assignee: 'agent1', ago: DAY - 4 * MINUTE },
  daniel: { first: 'Daniel', last: 'Hughes', phone: '+447700900123', channel: 'messenger', status: 'open', assignee: 'agent1', ago: 3 * DAY },
  leila: { first: 'Leila', last: 'Khan', phone: '+971552223344', channel: 'instagram', status: 'open', assignee: 'agent1', ago: 9 * DAY },
  sam: { first: 'Sam', last: 'Patel', phone: '+14155550123', channel: 'telegram', status: 'open', assignee: 'agent1', ago: 2 * HOUR },
  khalid: { first: 'خالد', last: 'العتيبي', phone: '+966545556677', channel: 'riyadh', status: 'open', assignee: null, ago: 12 * MINUTE },
} as const satisfies Record<
  string,
  { first: string; last: string; phone: string; channel: TChannelKey; status: 'open' | 'closed'; assignee: TPersonKey | null; ago: number }
>;
export type TStoryKey = keyof typeof STORIES;

export type TSeededUser = { id: string; email: string; name: string; role: TRole };
export type TSeededChannel = {
  id: string;
  type: TChannelType;
  name: string;
  /** WhatsApp only: the number's id (its webhook path), display number, app secret (webhook signatures) and WABA. */
  phoneNumberId?: string;
  displayPhoneNumber?: string;
  appSecret?: string;
  wabaId?: string;
};
export type TSeededConversation = { id: string; name: string; phone: string };

export type TSeededWorkspace = {
  id: string;
  users: Record<TPersonKey, TSeededUser>;
  channels: Record<TChannelKey, TSeededChannel>;
  conversations: Record<TStoryKey, TSeededConversation>;
  /** Another member of this workspace. */
  addUser: (role: TRole, name: string, options?: { locale?: 'en' | 'ar' }) => Promise<TSeededUser>;
  /** Another customer's conversation, with one message from them `ago` milliseconds before now. */
  addConversation: (
    channel: TChannelKey,
    input: { firstName: string; lastName: string; status?: 'open' | 'closed'; assignee?: TPersonKey | null; ago?: number; text?: string },
  ) => Promise<TSeededConversation>;
  /** Business-initiated sends to `count` customers on this number in the last hours (its messaging-limit usage). */
  useMessagingLimit: (channel: keyof typeof NUMBERS, count: number) => Promise<void>;
};

const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');

/**
 * A workspace of its own for one test, seeded through the test factories straight into the e2e server's database:
 * five people (one per role, signing in with E2E_PASSWORD), three WhatsApp numbers known to the app's Graph API fake,
 * four other channels, the WhatsApp templates, and nine customers with seeded timestamps. Nothing in it is shared
 * with another test, so tests run in parallel and may change whatever they like.
 */
export async function seedWorkspace(database: TDatabase, request: APIRequestContext, passwordHash: string): Promise<TSeededWorkspace> {
  const db = database.db;
  const tag = randomUUID().slice(0, 8);
  const workspace = await createWorkspace(db, `E2E ${tag}`, {
    defaultCountry: 'SA',
    arabicIndicDigits: true,
    closingCategories: ['Resolved', 'No response', 'Sale completed', 'Spam'],
  });

  const addUser = async (role: TRole, name: string, key = randomUUID().slice(0, 8), locale?: 'en' | 'ar'): Promise<TSeededUser> => {
    const email = `${key}.${tag}@e2e.nafidha.test`;
    const user = await createUser(db, workspace.id, role, name, { email, passwordHash, locale });
    return { id: user.id, email, name, role };
  };
  const users = Object.fromEntries(
    await Promise.all(Object.entries(PEOPLE).map(async ([key, p]) => [key, await addUser(p.role, p.name, key)] as const)),
  ) as Record<TPersonKey, TSeededUser>;

  const wabaId = `10${digits(13)}`;
  const channels = {} as Record<TChannelKey, TSeededChannel>;
  for (const [key, n] of Object.entries(NUMBERS)) {
    const phoneNumberId = `10${digits(13)}`;
    const appSecret = `e2e-app-secret-${randomUUID()}`;
    const channel = await createChannel(db, workspace.id, 'whatsapp', {
      name: n.name,
      externalId: phoneNumberId,
      config: {
        phoneNumberId,
        wabaId,
        displayPhoneNumber: `+${n.display}`,
        accessToken: `e2e-token-${tag}`,
        appSecret,
        verifyToken: `e2e-verify-${tag}`,
        apiVersion: 'v24.0',
        graphBaseUrl: null, // the app's own Graph API fake
      },
    });
    await createNumberHealth(db, {
      workspaceId: workspace.id,
      channelId: channel.id,
      displayPhoneNumber: n.display,
      verifiedName: `Nafidha ${key}`,
      qualityRating: n.quality,
      status: n.status,
      tier: n.tier,
      limit: n.limit,
    });
    await Promise.all(
      DEMO_TEMPLATES.map((t, i) =>
        createTemplate(db, {
          workspaceId: workspace.id,
          channelId: channel.id,
          providerTemplateId: `${wabaId}${i}`,
          name: t.name,
          language: t.language,
          category: t.category,
          status: t.status,
          parameterFormat: t.parameterFormat,
          components: t.components,
          rejectedReason: t.rejectedReason ?? null,
        }),
      ),
    );
    // Meta's side (the fake in the server) knows the number as seeded, so a sync agrees with the database.
    const known = await request.post(`/dev/graph/_fake/numbers/${phoneNumberId}`, {
      data: {
        waba_id: wabaId,
        display_phone_number: `+${n.display}`,
        verified_name: `Nafidha ${key}`,
        quality_rating: n.quality,
        status: n.status,
        name_status: 'APPROVED',
        code_verification_status: 'VERIFIED',
        whatsapp_business_manager_messaging_limit: n.tier,
        messaging_limit_tier: n.tier,
        throughput: { level: 'STANDARD' },
        platform_type: 'CLOUD_API',
        account_mode: 'LIVE',
      },
    });
    expect(known.ok()).toBe(true);
    channels[key as keyof typeof NUMBERS] = {
      id: channel.id,
      type: 'whatsapp',
      name: n.name,
      phoneNumberId,
      displayPhoneNumber: n.display,
      appSecret,
      wabaId,
    };
  }
  const templatesKnown = await request.put(`/dev/graph/_fake/templates/${wabaId}`, {
    data: DEMO_TEMPLATES.map((t, i) => templateAsMetaLists(t, `${wabaId}${i}`)),
  });
  expect(templatesKnown.ok()).toBe(true);
  for (const [key, c] of Object.entries(OTHER_CHANNELS)) {
    const channel = await createChannel(db, workspace.id, c.type, { name: c.name, externalId: `${c.type}-${tag}` });
    channels[key as keyof typeof OTHER_CHANNELS] = { id: channel.id, type: c.type, name: c.name };
  }

  let customerSeq = 0;
  const addConversation: TSeededWorkspace['addConversation'] = async (channelKey, input) => {
    customerSeq += 1;
    const channel = channels[channelKey];
    const phone = `+9665${digits(8)}`;
    return seedConversation({
      channel,
      firstName: input.firstName,
      lastName: input.lastName,
      phone,
      status: input.status ?? 'open',
      assigneeId: input.assignee ? users[input.assignee].id : null,
      ago: input.ago ?? 5 * MINUTE,
      text: input.text ?? `Hello (${customerSeq})`,
    });
  };
  async function seedConversation(input: {
    channel: TSeededChannel;
    firstName: string;
    lastName: string;
    phone: string;
    status: 'open' | 'closed';
    assigneeId: string | null;
    ago: number;
    text: string;
  }): Promise<TSeededConversation> {
    const at = new Date(Date.now() - input.ago);
    const open = input.status === 'open';
    const { conversation } = await createConversation(db, {
      workspaceId: workspace.id,
      channel: input.channel,
      status: input.status,
      assigneeId: input.assigneeId,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone,
      lastMessageAt: at,
      lastInboundAt: at,
      waitingSince: open ? at : null,
      unreadCount: open ? 1 : 0,
      closedAt: open ? null : at,
      previewText: input.text,
      externalId: input.channel.type === 'whatsapp' ? input.phone.replace('+', '') : `${input.channel.type}-${digits(12)}`,
    });
    await createMessage(db, conversation, { direction: 'in', body: input.text, at });
    return { id: conversation.id, name: `${input.firstName} ${input.lastName}`, phone: input.phone };
  }

  const conversations = Object.fromEntries(
    await Promise.all(
      Object.entries(STORIES).map(
        async ([key, story]) =>
          [
            key,
            await seedConversation({
              channel: channels[story.channel],
              firstName: story.first,
              lastName: story.last,
              phone: story.phone,
              status: story.status,
              assigneeId: story.assignee ? users[story.assignee].id : null,
              ago: story.ago,
              text: story.channel === 'riyadh' || story.channel === 'jeddah' ? 'السلام عليكم، عندي سؤال عن طلبي' : 'Hi, I have a question about my order',
            }),
          ] as const,
      ),
    ),
  ) as Record<TStoryKey, TSeededConversation>;
  // The stories' windows count as already alerted (Emma's closes minutes after seeding): a closing-soon toast
  // (role="alert") would otherwise pop up in every spec signed in as her agent. addConversation's customers alert.
  await db
    .update(s.conversations)
    .set({ closingAlertDeadline: sql`${s.conversations.windowClosesAt}`, closingAlertMinutes: 1 })
    .where(sql`${s.conversations.workspaceId} = ${workspace.id} and ${s.conversations.windowClosesAt} is not null`);

  const useMessagingLimit: TSeededWorkspace['useMessagingLimit'] = async (channelKey, count) => {
    const channelId = channels[channelKey].id;
    await db.execute(sql`
      with customers as (
        insert into ${s.contacts} (workspace_id, first_name, last_name, phone)
        select ${workspace.id}, 'Reached', 'Customer ' || n, '+9665' || lpad(n::text, 8, '7')
        from generate_series(1, ${count}::int) as n
        returning id)
      insert into ${s.businessInitiatedSends} (workspace_id, channel_id, contact_id, sent_at)
      select ${workspace.id}, ${channelId}, id, now() - interval '2 hours' from customers`);
  };

  return { id: workspace.id, users, channels, conversations, addUser: (role, name, options) => addUser(role, name, undefined, options?.locale), addConversation, useMessagingLimit };
}
