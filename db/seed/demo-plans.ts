import type { TChannelType } from '@/server/domain/channel-types';
import type { TConversationStatus } from '@/server/domain/conversation';
import type { TDemoUserKey } from './demo-users';
import * as text from './demo-texts';
import type { TRandom } from './random';

/** Who the demo's customers are and what their conversations look like: the hand-written stories and the generated rest. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export type TStory = {
  firstName: string;
  lastName: string;
  phone: string;
  email?: string;
  channel: string;
  status: TConversationStatus;
  assignee: TDemoUserKey | null;
  team?: 'Support' | 'Sales';
  /** How long ago the customer last wrote. */
  lastInboundAgo: number;
  arabic: boolean;
  tags?: string[];
  /** The customer first wrote from a click-to-WhatsApp ad with this headline (a free entry point: demo-referral.ts). */
  fromAd?: string;
};

/**
 * Hand-written conversations that the README and the end-to-end tests talk about; everything else is generated
 * around them.
 */
export const STORIES: TStory[] = [
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
    fromAd: 'عرض الصيف: توصيل مجاني طوال الأسبوع',
  },
];

export const GENERATED_CONTACTS = 320;
/** Mobile numbers by country (E.164), Saudi Arabia weighted as the home market. */
export const COUNTRY_PHONES: [string, (r: TRandom) => string][] = [
  ['SA', (r) => `+9665${r.int(0, 9)}${r.int(1000000, 9999999)}`],
  ['SA', (r) => `+9665${r.int(0, 9)}${r.int(1000000, 9999999)}`],
  ['SA', (r) => `+9665${r.int(0, 9)}${r.int(1000000, 9999999)}`],
  ['AE', (r) => `+9715${r.pick(['0', '2', '5', '6'])}${r.int(1000000, 9999999)}`],
  ['EG', (r) => `+2010${r.int(10000000, 99999999)}`],
  ['JO', (r) => `+9627${r.pick(['7', '8', '9'])}${r.int(1000000, 9999999)}`],
  ['GB', (r) => `+447${r.int(100000000, 999999999)}`],
  ['US', (r) => `+1${r.int(201, 989)}${r.int(2000000, 9999999)}`],
];

export type TChannelInfo = { id: string; key: string; type: TChannelType; externalId: string };
export type TConversationPlan = Omit<TStory, 'channel'> & { contactId: string; channel: TChannelInfo };

const STORY_NAMES = new Set(STORIES.map((story) => `${story.firstName} ${story.lastName}`));

export function generatedContact(random: TRandom) {
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

export function pickChannelKey(random: TRandom): string {
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

export function generatedPlan(
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

export function externalIdFor(type: TChannelType, phone: string, contactId: string): string {
  if (type === 'whatsapp' || type === 'sms' || type === 'viber') return phone.replace('+', '');
  if (type === 'email') return `${contactId.slice(0, 8)}@customers.test`;
  return `${type}-${contactId.slice(0, 12)}`;
}

/** A believable back-and-forth ending with the customer's last message at plan.lastInboundAgo. */
