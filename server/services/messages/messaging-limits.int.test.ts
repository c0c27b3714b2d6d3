import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessInitiatedSends, contacts, numberHealth, templates } from '@/db/schema';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createChannel, createConversation, createUser, createWorkspace } from '@/server/testing/factories';
import { messagingUsage } from './messaging-limits';
import { applyCapabilityUpdate } from '@/server/services/whatsapp/number-health';

const HOUR = 3_600_000;
let database: TTestDatabase;
let ws: { id: string };
let agent: { id: string };
let channel: { id: string; type: 'whatsapp' };
let templateId: string;
let countedContactId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await startBoss(database.url);
  const db = database.db;
  ws = await createWorkspace(db, 'Acme');
  agent = await createUser(db, ws.id, 'supervisor');
  channel = (await createChannel(db, ws.id, 'whatsapp')) as typeof channel;
  await db.insert(numberHealth).values({
    channelId: channel.id,
    workspaceId: ws.id,
    displayPhoneNumber: '971500000000',
    qualityRating: 'RED',
    status: 'RESTRICTED',
    messagingLimitTier: 'TIER_250',
    messagingLimit: 250,
  });
  const [template] = await db
    .insert(templates)
    .values({
      workspaceId: ws.id,
      channelId: channel.id,
      name: 'still_there',
      language: 'en',
      category: 'UTILITY',
      status: 'APPROVED',
      parameterFormat: 'POSITIONAL',
      components: [{ type: 'BODY', text: 'Hi! Still there?' }],
    })
    .returning();
  templateId = template!.id;
  // 250 unique customers already reached with business-initiated messages in the last 24 hours.
  const reached = await db
    .insert(contacts)
    .values(Array.from({ length: 250 }, (_, i) => ({ workspaceId: ws.id, firstName: `Reached ${i}` })))
    .returning({ id: contacts.id });
  countedContactId = reached[0]!.id;
  await db.insert(businessInitiatedSends).values(
    reached.map((c, i) => ({
      workspaceId: ws.id,
      channelId: channel.id,
      contactId: c.id,
      sentAt: new Date(Date.now() - (23 * HOUR - i * 60_000)),
    })),
  );
});
afterAll(async () => {
  await stopBoss();
  await database.drop();
});

const template = (conversationId: string) => ({
  conversationId,
  clientKey: randomUUID(),
  content: { kind: 'template' as const, templateId, params: {} },
});

describe('messaging limits (business-initiated sends per rolling 24 h)', () => {
  it('reports usage, when capacity frees up, and progress toward the next tier', async () => {
    const usage = await messagingUsage(database.db, channel.id, new Date());
    expect(usage).toMatchObject({ used: 250, limit: 250, upgradeProgress: { reached: 250, needed: 125 } });
    expect(usage.freesUpAt!.getTime()).toBeGreaterThan(Date.now());
    expect(usage.freesUpAt!.getTime()).toBeLessThan(Date.now() + 2 * HOUR);
  });

  it('refuses the 251st unique customer on a 250 number with MESSAGING_LIMIT_REACHED', async () => {
    const { conversation } = await createConversation(database.db, {
      workspaceId: ws.id,
      channel,
      lastInboundAt: new Date(Date.now() - 30 * HOUR),
    });
    await expect(callerFor(database.db, agent.id).message.send(template(conversation.id))).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringContaining('Messaging limit reached'),
    });
  });

  it('still lets replies inside an open window through, templates included', async () => {
    const { conversation } = await createConversation(database.db, {
      workspaceId: ws.id,
      channel,
      lastInboundAt: new Date(Date.now() - HOUR),
    });
    await expect(
      callerFor(database.db, agent.id).message.send({
        conversationId: conversation.id,
        clientKey: randomUUID(),
        content: { kind: 'text', text: 'Happy to help' },
      }),
    ).resolves.toMatchObject({ duplicate: false });
    await expect(callerFor(database.db, agent.id).message.send(template(conversation.id))).resolves.toMatchObject({ duplicate: false });
  });

  it('lets a customer already counted today receive another template', async () => {
    const [conversation] = await database.sql`
      insert into conversations (workspace_id, contact_id, channel_id, channel_type, last_inbound_at)
      values (${ws.id}, ${countedContactId}, ${channel.id}, 'whatsapp', now() - interval '40 hours') returning id`;
    await expect(callerFor(database.db, agent.id).message.send(template(conversation!.id))).resolves.toMatchObject({ duplicate: false });
  });
});

describe('portfolio limits (business_capability_update)', () => {
  it('counts customers across every number of the portfolio once the limit is set there', async () => {
    const db = database.db;
    const portfolio = await createWorkspace(db, 'Portfolio');
    const supervisor = await createUser(db, portfolio.id, 'supervisor');
    const numbers = await Promise.all([0, 1].map(() => createChannel(db, portfolio.id, 'whatsapp')));
    await db.insert(numberHealth).values(
      numbers.map((n, i) => ({
        channelId: n.id,
        workspaceId: portfolio.id,
        displayPhoneNumber: `97150000000${i}`,
        messagingLimit: 10_000,
      })),
    );
    // The capability update arrives for the whole portfolio (entry.id) and names no number.
    const value = { max_daily_conversations_per_business: 250, max_phone_numbers_per_waba: 25 };
    expect(await applyCapabilityUpdate(db, portfolio.id, '524126980791429', value)).toBe(2);

    // 250 customers reached through the first number use up the portfolio's limit of 250 ...
    const reached = await db
      .insert(contacts)
      .values(Array.from({ length: 250 }, (_, i) => ({ workspaceId: portfolio.id, firstName: `Reached ${i}` })))
      .returning({ id: contacts.id });
    await db.insert(businessInitiatedSends).values(
      reached.map((c) => ({
        workspaceId: portfolio.id,
        channelId: numbers[0]!.id,
        contactId: c.id,
        sentAt: new Date(Date.now() - HOUR),
      })),
    );
    expect(await messagingUsage(db, numbers[1]!.id, new Date())).toMatchObject({ used: 250, limit: 250 });

    // ... so the second number cannot reach a 251st customer.
    const { conversation } = await createConversation(db, {
      workspaceId: portfolio.id,
      channel: numbers[1] as typeof channel,
      lastInboundAt: new Date(Date.now() - 30 * HOUR),
    });
    const [portfolioTemplate] = await db
      .insert(templates)
      .values({
        workspaceId: portfolio.id,
        channelId: numbers[1]!.id,
        name: 'hello',
        language: 'en',
        category: 'UTILITY',
        status: 'APPROVED',
        parameterFormat: 'POSITIONAL',
        components: [{ type: 'BODY', text: 'Hello' }],
      })
      .returning();
    await expect(
      callerFor(db, supervisor.id).message.send({
        conversationId: conversation.id,
        clientKey: randomUUID(),
        content: { kind: 'template', templateId: portfolioTemplate!.id, params: {} },
      }),
    ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});

describe('number.list', () => {
  it('shows admins their own numbers with usage, and refuses everyone else', async () => {
    const db = database.db;
    const admin = await createUser(db, ws.id, 'admin');
    const list = await callerFor(db, admin.id).number.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ channelId: channel.id, qualityRating: 'RED', status: 'RESTRICTED', usage: { limit: 250 } });
    await expect(callerFor(db, agent.id).number.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const other = await createWorkspace(db, 'Other');
    const otherAdmin = await createUser(db, other.id, 'admin');
    expect(await callerFor(db, otherAdmin.id).number.list()).toEqual([]);
  });
});
