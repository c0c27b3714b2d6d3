import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TDb } from '@/db/client';
import * as schema from '@/db/schema';
import { messages, workspaceSettings } from '@/db/schema';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import { resolveWorkspace } from '@/server/services/workspaces/context';
import { monthToDateSpend } from './spend';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createConversation, createTemplate, createUser, createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';

const SECRET = 'pricing-secret';
const HOUR = 3_600_000;
let database: TTestDatabase;
let ws: { id: string };
let admin: { id: string };
let channel: { id: string; type: 'whatsapp' };
let second: { id: string; type: 'whatsapp' };
const templateIds: Record<'MARKETING' | 'UTILITY', string> = { MARKETING: '', UTILITY: '' };

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  const db = database.db;
  ws = await createWorkspace(db, 'Spend');
  admin = await createUser(db, ws.id, 'admin', 'Hala');
  channel = (await createWhatsAppChannel(db, { workspaceId: ws.id, phoneNumberId: '106540352242922', appSecret: SECRET })) as typeof channel;
  second = (await createWhatsAppChannel(db, { workspaceId: ws.id, phoneNumberId: '106540352242923', appSecret: SECRET })) as typeof second;
  for (const category of ['MARKETING', 'UTILITY'] as const) {
    const template = await createTemplate(db, {
      workspaceId: ws.id,
      channelId: channel.id,
      name: category.toLowerCase(),
      language: 'en',
      category,
      components: [{ type: 'BODY', text: 'Hello' }],
    });
    templateIds[category] = template.id;
  }
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

async function sendTemplate(category: 'MARKETING' | 'UTILITY', lastInboundAt: Date | null) {
  const { conversation } = await createConversation(database.db, { workspaceId: ws.id, channel, lastInboundAt, phone: '+966551234567' });
  const caller = callerFor(database.db, admin.id);
  const sent = await caller.message.send({
    conversationId: conversation.id,
    clientKey: randomUUID(),
    content: { kind: 'template', templateId: templateIds[category], params: {} },
  });
  const [row] = await database.db.select().from(messages).where(eq(messages.id, sent.messageId));
  return row!;
}

describe('the estimate stored with each template at send', () => {
  it('is the rule’s verdict on the card of that moment, and a later card edit does not rewrite it', async () => {
    const utilityInWindow = await sendTemplate('UTILITY', new Date());
    expect(utilityInWindow).toMatchObject({ costAmount: null, costCurrency: null, costBasis: 'utility_in_window' });
    const marketingInWindow = await sendTemplate('MARKETING', new Date());
    expect(marketingInWindow).toMatchObject({ costAmount: '0.045500', costCurrency: 'USD', costBasis: 'charge' });
    const utilityLapsed = await sendTemplate('UTILITY', new Date(Date.now() - 30 * HOUR));
    expect(utilityLapsed).toMatchObject({ costAmount: '0.011500', costCurrency: 'USD', costBasis: 'charge' });

    await callerFor(database.db, admin.id).pricing.saveCard({ currency: 'USD', rates: { SA: { marketing: '0.06' } }, version: 0 });
    const later = await sendTemplate('MARKETING', new Date());
    expect(later.costAmount).toBe('0.060000');
    const [before] = await database.db.select().from(messages).where(eq(messages.id, marketingInWindow.id));
    expect(before!.costAmount).toBe('0.045500');
  });
});

function statusWebhook(providerMessageId: string, status: string, pricing?: Record<string, unknown>) {
  return Buffer.from(
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                statuses: [
                  { id: providerMessageId, status, timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: '966551234567', ...(pricing ? { pricing } : {}) },
                ],
              },
            },
          ],
        },
      ],
    }),
  );
}

async function post(body: Buffer) {
  expect((await handleWhatsAppWebhook(database.db, channel.id, body, signatureOf(body, SECRET))).status).toBe(200);
}

describe('Meta’s pricing from status webhooks', () => {
  it('is stored from the first status that carries it, once, whatever comes after or is replayed', async () => {
    const message = await sendTemplate('MARKETING', new Date());
    const wamid = `wamid.pricing.${message.id}`;
    await database.db.update(messages).set({ providerMessageId: wamid, status: 'sent' }).where(eq(messages.id, message.id));
    const regular = { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' };
    await post(statusWebhook(wamid, 'sent', regular));
    await post(statusWebhook(wamid, 'delivered', { ...regular, category: 'utility' }));
    await post(statusWebhook(wamid, 'sent', { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' }));
    await post(statusWebhook(wamid, 'read'));
    const [row] = await database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(row).toMatchObject({
      status: 'read',
      pricing: { billable: true, pricingModel: 'PMP', type: 'regular', category: 'marketing' },
    });
  });

  it('keeps a delivered status without pricing, and a status for an unknown message stores nothing', async () => {
    const message = await sendTemplate('UTILITY', new Date());
    const wamid = `wamid.nopricing.${message.id}`;
    await database.db.update(messages).set({ providerMessageId: wamid, status: 'sent' }).where(eq(messages.id, message.id));
    await post(statusWebhook(wamid, 'delivered'));
    await post(statusWebhook('wamid.nobody', 'delivered', { billable: true, pricing_model: 'PMP', type: 'regular', category: 'utility' }));
    const [row] = await database.db.select().from(messages).where(eq(messages.id, message.id));
    expect(row).toMatchObject({ status: 'delivered', pricing: null });
  });
});

describe('pricing.spend: month to date per number', () => {
  it('adds the delivered charges of this month in the workspace’s zone, per number and currency, less what Meta made free', async () => {
    const db = database.db;
    const other = await createWorkspace(db, 'Elsewhere');
    const otherChannel = await createWhatsAppChannel(db, { workspaceId: other.id, phoneNumberId: '106540352249999', appSecret: SECRET });
    await db.update(workspaceSettings).set({ timeZone: 'Asia/Riyadh' }).where(eq(workspaceSettings.workspaceId, ws.id));
    const [{ start }] = (await database.sql`select date_trunc('month', now() at time zone 'Asia/Riyadh') at time zone 'Asia/Riyadh' as start`) as unknown as [
      { start: Date },
    ];
    const { conversation } = await createConversation(db, { workspaceId: ws.id, channel: second });
    const { conversation: theirs } = await createConversation(db, { workspaceId: other.id, channel: otherChannel });
    const at = (ms: number) => new Date(new Date(start).getTime() + ms);
    const row = (
      c: { id: string; workspaceId: string; channelId: string },
      amount: string | null,
      createdAt: Date,
      status: 'sent' | 'delivered' | 'read' | 'failed',
      extra: Partial<typeof messages.$inferInsert> = {},
    ) => ({
      workspaceId: c.workspaceId,
      conversationId: c.id,
      channelId: c.channelId,
      direction: 'out' as const,
      kind: 'template' as const,
      body: 'Hello',
      status,
      costAmount: amount,
      costCurrency: amount === null ? null : 'USD',
      costBasis: amount === null ? 'utility_in_window' : 'charge',
      createdAt,
      ...extra,
    });
    await db.insert(messages).values([
      row(conversation, '0.0455', at(60_000), 'delivered'),
      row(conversation, '0.0115', at(2 * HOUR), 'read'),
      row(conversation, '0.0455', at(-60_000), 'read'), // last month, by Riyadh's clock
      row(conversation, '0.0455', at(HOUR), 'sent'), // not delivered (yet)
      row(conversation, '0.0455', at(HOUR), 'failed'),
      row(conversation, null, at(HOUR), 'read'), // free
      row(conversation, '0.0455', at(HOUR), 'read', { pricing: { billable: false, pricingModel: 'PMP', type: 'free_entry_point', category: 'referral_conversion' } }),
      row(conversation, '0.17', at(HOUR), 'read', { costCurrency: 'SAR' }),
      row(theirs, '9', at(HOUR), 'read'),
    ]);
    const spend = await callerFor(db, admin.id).pricing.spend();
    const forSecond = spend.filter((s) => s.channelId === second.id);
    expect(forSecond).toEqual([
      { channelId: second.id, currency: 'SAR', amount: '0.17', messages: 1 },
      { channelId: second.id, currency: 'USD', amount: '0.057', messages: 2 },
    ]);
    expect(spend.some((s) => s.channelId === otherChannel.id)).toBe(false);
    // Of the first number's sends above, only the marketing template read after its status webhooks (sent after the
    // card's edit to 0.06) was charged.
    expect(spend.filter((s) => s.channelId === channel.id)).toEqual([{ channelId: channel.id, currency: 'USD', amount: '0.06', messages: 1 }]);
  });

  it('is for those who manage numbers: an agent is refused, and so is an admin acting in another workspace’s id', async () => {
    const agent = await createUser(database.db, ws.id, 'agent', 'Sara');
    await expect(callerFor(database.db, agent.id).pricing.spend()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await createWorkspace(database.db, 'Third');
    await expect(callerFor(database.db, admin.id, other.id).pricing.spend()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('pricing.spend: its plan', () => {
  it('is one statement, reading the month from messages_cost_month_idx', async () => {
    const captured: { query: string; params: unknown[] }[] = [];
    const capturing = drizzle(database.sql, {
      schema,
      logger: { logQuery: (query, params) => captured.push({ query, params: [...params] }) },
    }) as unknown as TDb;
    await monthToDateSpend(capturing, (await resolveWorkspace(database.db, admin.id, ws.id))!);
    expect(captured).toHaveLength(1);
    const { query, params } = captured[0]!;
    const rows = await database.sql.begin(async (tx) => {
      // Too few rows here for the planner to prefer an index on its own: with sequential scans priced out it
      // still picks a Seq Scan only when no index fits the query.
      await tx`set local enable_seqscan = off`;
      return tx.unsafe<{ 'QUERY PLAN': string }[]>(`explain ${query}`, params as never[]);
    });
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toContain('messages_cost_month_idx');
    expect(plan).not.toMatch(/Seq Scan on messages/);
  });
});
