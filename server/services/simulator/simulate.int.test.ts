import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactIdentities, conversations, messages } from '@/db/schema';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createChannel, createWorkspace } from '@/server/testing/factories';
import { simulateInbound } from './simulate';
import { ZSimulateInboundInput } from './schemas';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

let database: TTestDatabase;
let workspace: TWorkspaceContext;
const channels: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const ws = await createWorkspace(database.db, 'Sim');
  workspace = {
    id: ws.id,
    name: ws.name,
    role: 'admin',
    settings: { unassignOnClose: false, agentsSeeAll: true, defaultCountry: 'SA', arabicIndicDigits: false, closingNote: 'optional', timeZone: null },
  };
  const [cloud] = await database.sql`
    insert into channels (workspace_id, type, name, external_id, config)
    values (${ws.id}, 'whatsapp', 'WA Cloud', '106540352240077', ${JSON.stringify({ phoneNumberId: '106540352240077', accessToken: 't', appSecret: 'sim-secret', verifyToken: 'v' })}::jsonb)
    returning id`;
  channels.cloud = cloud!.id;
  channels.sms = (await createChannel(database.db, ws.id, 'sms')).id;
});
afterAll(() => database.drop());

/**
 * What the simulator's customer writes is customer text: called past tRPC (which refuses it from our own users), a
 * lone surrogate is repaired like any provider's, on the webhook path and the adapter path alike.
 */
describe('simulateInbound', () => {
  it.each(['cloud', 'sms'])('stores a customer message with lone surrogates on the %s path, repaired', async (path) => {
    const result = await simulateInbound(
      database.db,
      workspace,
      ZSimulateInboundInput.parse({
        channelId: channels[path]!,
        from: `+966 55 000 ${path === 'cloud' ? '3333' : '4444'}`,
        name: 'Half \udc00',
        text: 'a\ud800b',
      }),
    );
    const [message] = await database.db.select().from(messages).where(eq(messages.id, result.messageId));
    expect(message!.body).toBe('a\ufffdb');
    const [identity] = await database.db.select().from(contactIdentities).where(eq(contactIdentities.channelId, channels[path]!));
    expect(identity!.profileName).toBe('Half \ufffd');
  });

  it.each(['cloud', 'sms'])('writes from an ad on the %s path: the conversation keeps the referral', async (path) => {
    const result = await simulateInbound(
      database.db,
      workspace,
      ZSimulateInboundInput.parse({
        channelId: channels[path]!,
        from: `+966 55 000 ${path === 'cloud' ? '5555' : '6666'}`,
        text: 'I saw your ad',
        adHeadline: 'Summer sale',
      }),
    );
    const [conversation] = await database.db.select().from(conversations).where(eq(conversations.id, result.conversationId));
    expect(conversation!.referral).toMatchObject({ sourceType: 'ad', headline: 'Summer sale', sourceUrl: 'https://fb.me/nafidha-demo-ad' });
    expect(conversation!.referralAt).not.toBeNull();
  });
});
