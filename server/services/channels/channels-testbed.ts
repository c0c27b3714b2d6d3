import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import type { TDb } from '@/db/client';
import { auditEvents, channels } from '@/db/schema';
import { textMessageEnvelope } from '@/server/channels/whatsapp/envelopes';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { publishEnv } from '@/server/env';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { addToTeam, callerFor, createUser, createWorkspace } from '@/server/testing/factories';
import { serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';

/**
 * What the Settings → Channels integration tests share: real PostgreSQL, the Graph API fake on a local port (its
 * generated numbers and documented refusals, fake-connect.ts), a workspace with each role and another workspace.
 * The bindings below are filled by setUpChannelsTestbed's beforeAll (ES modules export them live).
 */
export let database: TTestDatabase;
export let ws: { id: string; admin: string; agent: string; supervisor: string; team: string };
export let other: { id: string; admin: string; team: string };
let graph: TGraphServer;
export const fake = createFakeGraph({ deliver: async () => {}, statusDelayMs: 60_000, generateNumbers: true });

export const TOKEN = `EAAtest${randomBytes(16).toString('hex')}`;
export const SECRET = `appsecret${randomBytes(12).toString('hex')}`;
let seq = 0;
export const newNumber = () => `1555${Date.now() % 1_000_000}${(seq += 1)}`;
export const form = (patch: Record<string, string> = {}) => ({ phoneNumberId: newNumber(), wabaId: '20000000001', accessToken: TOKEN, appSecret: SECRET, ...patch });

export function setUpChannelsTestbed() {
  beforeAll(async () => {
    graph = await serveFakeGraph(fake);
    process.env.GRAPH_API_BASE_URL = graph.url;
    // A known key for this file; publishing it also makes env() read GRAPH_API_BASE_URL above.
    publishEnv('SECRETS_KEY', randomBytes(32).toString('base64'));
    database = await createTestDatabase();
    await startBoss(database.url);
    const db = database.db;
    const w = await createWorkspace(db, 'Channels');
    const admin = (await createUser(db, w.id, 'admin')).id;
    ws = { id: w.id, admin, agent: (await createUser(db, w.id, 'agent')).id, supervisor: (await createUser(db, w.id, 'supervisor')).id, team: await addToTeam(db, w.id, admin, 'Support') };
    const o = await createWorkspace(db, 'Elsewhere');
    const oAdmin = (await createUser(db, o.id, 'admin')).id;
    other = { id: o.id, admin: oAdmin, team: await addToTeam(db, o.id, oAdmin, 'Theirs') };
  });
  afterAll(async () => {
    await stopBoss();
    await database.drop();
    await graph.close();
  });
}

export const admin = () => callerFor(database.db, ws.admin);
export const expectNoSecret = (value: unknown, ...secrets: string[]) => {
  const text = JSON.stringify(value);
  for (const secret of secrets) expect(text).not.toContain(secret);
};
export const rowOf = async (id: string) => (await database.db.select().from(channels).where(eq(channels.id, id)))[0]!;
export const auditOf = (channelId: string) => database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, channelId));
export const channelCount = async () => (await database.db.select({ id: channels.id }).from(channels)).length;

export function signedMessage(phoneNumberId: string, secret: string, from = '966500000001', db: TDb = database.db) {
  const raw = Buffer.from(
    JSON.stringify(textMessageEnvelope({ phoneNumberId, from, name: 'Customer', id: `wamid.${randomUUID()}`, body: 'hello', timestamp: Math.floor(Date.now() / 1000) })),
  );
  return handleWhatsAppWebhook(db, phoneNumberId, raw, signatureOf(raw, secret));
}
