import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { conversations, messages } from '@/db/schema';
import { meaningEnvelope, meaningValue, textEntry } from '@/server/channels/whatsapp/meaning-fixtures';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createUser, createWorkspace } from '@/server/testing/factories';

// Payload shapes from Meta's webhook reference pages, as cited in server/channels/whatsapp/meaning-fixtures.ts;
// posted signed through the real webhook handler and ingest.
const SECRET = 'meanings-secret';
export type TMeaningsChannel = { phoneNumberId: string; channelId: string; workspaceId: string };

/** What a reaction, an edit, a revoke or a notice must never move. */
export const listFacts = (c: typeof conversations.$inferSelect) => ({
  unreadCount: c.unreadCount,
  lastInboundAt: c.lastInboundAt,
  windowClosesAt: c.windowClosesAt,
  lastMessageAt: c.lastMessageAt,
  waitingSince: c.waitingSince,
  status: c.status,
});
export const secondsAgo = (s: number) => new Date(Date.now() - s * 1000);

/**
 * Two workspaces with a WhatsApp number each (A with an agent, a supervisor and an admin), and the helpers the
 * webhook-meaning tests share. Call at the top of a test file: it registers its own beforeAll / afterAll.
 */
export function setUpMeaningsTestbed() {
  let database: TTestDatabase;
  const A: TMeaningsChannel = { phoneNumberId: '106540352242001', channelId: '', workspaceId: '' };
  const B: TMeaningsChannel = { phoneNumberId: '106540352242002', channelId: '', workspaceId: '' };
  const people = { agentId: '', supervisorId: '', adminId: '' };

  async function post(ws: TMeaningsChannel, from: string, entry: Record<string, unknown>) {
    const raw = Buffer.from(JSON.stringify(meaningEnvelope(meaningValue(ws.phoneNumberId, { from }, entry))));
    const response = await handleWhatsAppWebhook(database.db, ws.channelId, raw, signatureOf(raw, SECRET));
    expect(response.status).toBe(200);
  }
  /** Any other webhook field (user_preferences, calls...) for this number, signed like Meta's. */
  async function postChange(ws: TMeaningsChannel, field: string, value: Record<string, unknown>) {
    const envelope = { object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: [{ field, value }] }] };
    const raw = Buffer.from(JSON.stringify(envelope));
    const response = await handleWhatsAppWebhook(database.db, ws.channelId, raw, signatureOf(raw, SECRET));
    expect(response.status).toBe(200);
  }
  /** A whole webhook body (its own entry id and time), signed like Meta's, to this number's webhook URL. */
  async function postEnvelope(ws: TMeaningsChannel, envelope: Record<string, unknown>) {
    const raw = Buffer.from(JSON.stringify(envelope));
    const response = await handleWhatsAppWebhook(database.db, ws.channelId, raw, signatureOf(raw, SECRET));
    expect(response.status).toBe(200);
  }
  const byProvider = async (id: string) => (await database.db.select().from(messages).where(eq(messages.providerMessageId, id)))[0];
  const conversationRow = async (id: string) => (await database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
  const messageCount = async (conversationId: string) =>
    (await database.db.select({ id: messages.id }).from(messages).where(eq(messages.conversationId, conversationId))).length;
  /** A customer with one text message of theirs, four hours ago (the window has 20 hours left). */
  async function customerWithMessage(ws = A, body = 'Does it come in another color?') {
    const from = `9665${Math.floor(Math.random() * 1e8)
      .toString()
      .padStart(8, '0')}`;
    const id = `wamid.${randomUUID()}`;
    await post(ws, from, textEntry(id, body, secondsAgo(4 * 3600)));
    const stored = (await byProvider(id))!;
    return { from, id, message: stored, conversationId: stored.conversationId };
  }

  async function addChannel(ws: TMeaningsChannel, name: string) {
    const workspace = await createWorkspace(database.db, name);
    ws.workspaceId = workspace.id;
    const config = {
      phoneNumberId: ws.phoneNumberId,
      accessToken: 't',
      appSecret: SECRET,
      verifyToken: 'v',
      graphBaseUrl: 'http://127.0.0.1:9',
    };
    const [channel] = await database.sql`
      insert into channels (workspace_id, type, name, external_id, config)
      values (${workspace.id}, 'whatsapp', 'WA', ${ws.phoneNumberId}, ${JSON.stringify(config)}::jsonb) returning id`;
    ws.channelId = channel!.id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    // Sends enqueue their delivery; webhooks may schedule a sync.
    await startBoss(database.url);
    await addChannel(A, 'Acme');
    await addChannel(B, 'Other');
    people.agentId = (await createUser(database.db, A.workspaceId, 'agent')).id;
    people.supervisorId = (await createUser(database.db, A.workspaceId, 'supervisor')).id;
    people.adminId = (await createUser(database.db, A.workspaceId, 'admin')).id;
  });
  afterAll(async () => {
    await stopBoss();
    await database.drop();
  });
  return {
    get database() {
      return database;
    },
    get agentId() {
      return people.agentId;
    },
    get supervisorId() {
      return people.supervisorId;
    },
    get adminId() {
      return people.adminId;
    },
    A,
    B,
    post,
    postChange,
    postEnvelope,
    byProvider,
    conversationRow,
    messageCount,
    customerWithMessage,
  };
}
