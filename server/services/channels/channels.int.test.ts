import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { connect, type TDb } from '@/db/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, channels, conversations, messages, numberHealth, templates } from '@/db/schema';
import { deliverMessage } from '@/server/services/messages/delivery';
import { startBoss, stopBoss } from '@/server/jobs/boss';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { generatedNumber } from '@/server/channels/whatsapp/fake-connect';
import { openWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { seal } from '@/server/secrets/seal';
import { textMessageEnvelope } from '@/server/channels/whatsapp/envelopes';
import { publishEnv } from '@/server/env';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createConversation, createUser, createWorkspace, addToTeam } from '@/server/testing/factories';
import { serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';

/**
 * Settings → Channels through its procedures, against real PostgreSQL and the Graph API fake on a local port (its
 * generated numbers and documented refusals, fake-connect.ts). Secrets must never come back in an answer, and
 * never be stored in plaintext.
 */
let database: TTestDatabase;
let graph: TGraphServer;
const fake = createFakeGraph({ deliver: async () => {}, statusDelayMs: 60_000, generateNumbers: true });
let ws: { id: string; admin: string; agent: string; supervisor: string; team: string };
let other: { id: string; admin: string; team: string };

const TOKEN = `EAAtest${randomBytes(16).toString('hex')}`;
const SECRET = `appsecret${randomBytes(12).toString('hex')}`;
let seq = 0;
const newNumber = () => `1555${Date.now() % 1_000_000}${(seq += 1)}`;
const form = (patch: Record<string, string> = {}) => ({ phoneNumberId: newNumber(), wabaId: '20000000001', accessToken: TOKEN, appSecret: SECRET, ...patch });

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

const admin = () => callerFor(database.db, ws.admin);
const expectNoSecret = (value: unknown, ...secrets: string[]) => {
  const text = JSON.stringify(value);
  for (const secret of secrets) expect(text).not.toContain(secret);
};
const rowOf = async (id: string) => (await database.db.select().from(channels).where(eq(channels.id, id)))[0]!;
const auditOf = (channelId: string) => database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, channelId));
const channelCount = async () => (await database.db.select({ id: channels.id }).from(channels)).length;

function signedMessage(phoneNumberId: string, secret: string, from = '966500000001', db: TDb = database.db) {
  const raw = Buffer.from(
    JSON.stringify(textMessageEnvelope({ phoneNumberId, from, name: 'Customer', id: `wamid.${randomUUID()}`, body: 'hello', timestamp: Math.floor(Date.now() / 1000) })),
  );
  return handleWhatsAppWebhook(db, phoneNumberId, raw, signatureOf(raw, secret));
}

describe('connecting a WhatsApp number', () => {
  it('checks it against Graph, stores it sealed, subscribes the WABA, syncs health and templates, and answers without secrets', async () => {
    const input = form({ wabaId: '20000000002' });
    const result = await admin().channel.connectWhatsApp(input);
    expectNoSecret(result, TOKEN, SECRET);
    expect(result.sync).toEqual({ health: true, templates: 1 });

    const row = await rowOf(result.channelId);
    const stored = JSON.stringify(row.config);
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(SECRET);
    expect(row.config).toMatchObject({ accessToken: expect.stringMatching(/^sealed:v1:/), appSecret: expect.stringMatching(/^sealed:v1:/) });
    expect(openWhatsAppConfig(row.config)).toMatchObject({ accessToken: TOKEN, appSecret: SECRET, wabaId: '20000000002' });
    expect(fake.subscribed.has('20000000002')).toBe(true);

    const generated = generatedNumber(input.phoneNumberId);
    expect(row.name).toBe(generated.verified_name);
    const [health] = await database.db.select().from(numberHealth).where(eq(numberHealth.channelId, row.id));
    expect(health).toMatchObject({ verifiedName: generated.verified_name, qualityRating: 'GREEN', messagingLimitTier: 'TIER_1K' });
    expect(health!.lastSyncedAt).not.toBeNull();
    expect((await database.db.select().from(templates).where(eq(templates.channelId, row.id))).map((t) => t.name)).toEqual(['hello_world']);

    const list = await admin().channel.list();
    expectNoSecret(list, TOKEN, SECRET);
    const listed = list.channels.find((c) => c.id === row.id)!;
    expect(listed.whatsapp).toMatchObject({
      webhookPath: `/api/webhooks/whatsapp/${input.phoneNumberId}`,
      verifyToken: (row.config as { verifyToken: string }).verifyToken,
      accessTokenHint: TOKEN.slice(-4),
      appSecretSet: true,
    });
    const audit = await auditOf(row.id);
    expect(audit.map((a) => a.action)).toEqual(['channel.connected']);
    expectNoSecret(audit, TOKEN, SECRET);

    // The app secret typed in the form signs the number's webhooks.
    expect((await signedMessage(input.phoneNumberId, SECRET)).status).toBe(200);
    expect((await signedMessage(input.phoneNumberId, 'not-the-secret')).status).toBe(401);
  });

  it.each([
    ['an invalid token (190)', { accessToken: 'EAA-invalid-token' }, 'graphInvalidToken'],
    ['a token without whatsapp_business_messaging (200)', { accessToken: 'EAA-noperm-token' }, 'graphMissingPermission'],
    ['an unknown phone number id (100)', { phoneNumberId: '000123456' }, 'graphUnknownNumber'],
    ['an unknown WABA id (100)', { wabaId: '000987654' }, 'graphUnknownWaba'],
  ])('refuses %s in words and changes nothing', async (_label, patch, detail) => {
    const before = await channelCount();
    const audits = (await database.db.select().from(auditEvents)).length;
    await expect(admin().channel.connectWhatsApp(form(patch))).rejects.toMatchObject({ cause: { code: 'GRAPH_REFUSED', detail } });
    expect(await channelCount()).toBe(before);
    expect((await database.db.select().from(auditEvents)).length).toBe(audits);
  });

  it('refuses input that is not Meta-shaped, before calling anyone', async () => {
    await expect(admin().channel.connectWhatsApp(form({ phoneNumberId: 'abc' }))).rejects.toMatchObject({ cause: { name: 'ZodError' } });
    await expect(admin().channel.connectWhatsApp(form({ accessToken: 'has spaces in it' }))).rejects.toMatchObject({ cause: { name: 'ZodError' } });
  });

  it('refuses a number connected already, here or in another workspace', async () => {
    const input = form();
    await admin().channel.connectWhatsApp(input);
    await expect(admin().channel.connectWhatsApp({ ...input, accessToken: `${TOKEN}x` })).rejects.toMatchObject({
      cause: { code: 'CHANNEL_ALREADY_CONNECTED', detail: 'channelAlreadyConnected' },
    });
    await expect(callerFor(database.db, other.admin).channel.connectWhatsApp(input)).rejects.toMatchObject({
      cause: { code: 'CHANNEL_ALREADY_CONNECTED', detail: 'channelConnectedElsewhere' },
    });
  });

  it('is for admins only', async () => {
    for (const user of [ws.agent, ws.supervisor]) {
      await expect(callerFor(database.db, user).channel.connectWhatsApp(form())).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(callerFor(database.db, user).channel.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('a connected number', () => {
  it('rotates its token only once Graph accepts the new one, and keeps it sealed', async () => {
    const { channelId } = await admin().channel.connectWhatsApp(form());
    const before = (await rowOf(channelId)).config;
    await expect(admin().channel.rotateToken({ channelId, accessToken: 'EAA-invalid-again' })).rejects.toMatchObject({
      cause: { code: 'GRAPH_REFUSED', detail: 'graphInvalidToken' },
    });
    expect((await rowOf(channelId)).config).toEqual(before);

    const next = `EAAnext${randomBytes(12).toString('hex')}`;
    const nextSecret = `nextsecret${randomBytes(8).toString('hex')}`;
    expectNoSecret(await admin().channel.rotateToken({ channelId, accessToken: next, appSecret: nextSecret }), next, nextSecret);
    const row = await rowOf(channelId);
    expectNoSecret(row.config, next, nextSecret, TOKEN, SECRET);
    expect(openWhatsAppConfig(row.config)).toMatchObject({ accessToken: next, appSecret: nextSecret });
    const audit = (await auditOf(channelId)).find((a) => a.action === 'channel.tokenRotated')!;
    expect(audit.data).toEqual({ accessToken: '[changed]', appSecret: '[changed]' });
  });

  it('says when its secrets no longer open (another SECRETS_KEY), refuses reconnecting in words, and re-seals both on rotation', async () => {
    const { channelId } = await admin().channel.connectWhatsApp(form());
    const otherKey = randomBytes(32);
    const config = (await rowOf(channelId)).config as Record<string, unknown>;
    const unreadable = { ...config, accessToken: seal(TOKEN, otherKey, 'accessToken'), appSecret: seal(SECRET, otherKey, 'appSecret') };
    await database.db.update(channels).set({ config: unreadable }).where(eq(channels.id, channelId));
    const listed = async () => (await admin().channel.list()).channels.find((c) => c.id === channelId)!.whatsapp;
    expect(await listed()).toMatchObject({ secretsReadable: false, accessTokenHint: null, appSecretSet: false });

    await admin().channel.disconnect({ channelId });
    await expect(admin().channel.reconnect({ channelId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'CHANNEL_NOT_CONNECTED', detail: 'channelSecretsUnreadable' },
    });
    // A new token alone cannot be the way out: the app secret that would go with it cannot be read either.
    await expect(admin().channel.rotateToken({ channelId, accessToken: `EAAnext${randomBytes(12).toString('hex')}` })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'INVALID_INPUT', detail: 'secretsUnreadableNeedBoth' },
    });
    expect((await rowOf(channelId)).config).toEqual(unreadable);

    const next = `EAAnext${randomBytes(12).toString('hex')}`;
    const nextSecret = `nextsecret${randomBytes(8).toString('hex')}`;
    expect(await admin().channel.rotateToken({ channelId, accessToken: next, appSecret: nextSecret })).toEqual({ rotated: true });
    const row = await rowOf(channelId);
    expectNoSecret(row.config, next, nextSecret);
    expect(openWhatsAppConfig(row.config)).toMatchObject({ accessToken: next, appSecret: nextSecret, verifyToken: config.verifyToken });
    expect(await listed()).toMatchObject({ secretsReadable: true, appSecretSet: true });
    await admin().channel.reconnect({ channelId });
    expect((await rowOf(channelId)).status).toBe('active');
  });

  it('renames; disconnects (sends, webhooks and the simulator refuse it, history stays); reconnects on the same row', async () => {
    const input = form();
    const { channelId } = await admin().channel.connectWhatsApp(input);
    const seen = (await rowOf(channelId)).name;
    await admin().channel.rename({ channelId, name: 'Riyadh support', from: seen });
    expect((await rowOf(channelId)).name).toBe('Riyadh support');
    // A second admin who opened the form before that rename gets a conflict, not a silent overwrite.
    await expect(admin().channel.rename({ channelId, name: 'Riyadh sales', from: seen })).rejects.toMatchObject({ cause: { code: 'CONFLICT' } });
    expect((await rowOf(channelId)).name).toBe('Riyadh support');
    await expect(admin().channel.rename({ channelId, name: '   ' })).rejects.toMatchObject({ cause: { name: 'ZodError' } });

    expect((await signedMessage(input.phoneNumberId, SECRET)).status).toBe(200);
    const [conversation] = await database.db.select().from(conversations).where(eq(conversations.channelId, channelId));
    const queued = await admin().message.send({ conversationId: conversation!.id, clientKey: randomUUID(), content: { kind: 'text', text: 'on its way' } });
    await admin().channel.disconnect({ channelId });
    // Queued before the disconnect: it does not go out either.
    expect(await deliverMessage(database.db, queued.messageId)).toEqual({ outcome: 'failed' });
    const [failed] = await database.db.select().from(messages).where(eq(messages.id, queued.messageId));
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'CHANNEL_DISCONNECTED', failureKind: 'permanent' });
    expect((await rowOf(channelId)).status).toBe('disconnected');
    await expect(
      admin().message.send({ conversationId: conversation!.id, clientKey: randomUUID(), content: { kind: 'text', text: 'hi' } }),
    ).rejects.toMatchObject({ cause: { code: 'CHANNEL_DISCONNECTED' } });
    // Each process remembers a channel for a few seconds (webhook.ts): a fresh connection stands for the next process.
    const fresh = connect(database.url, { max: 1 });
    expect((await signedMessage(input.phoneNumberId, SECRET, undefined, fresh.db)).status).toBe(410);
    await fresh.sql.end();
    expect((await admin().simulator.channels()).map((c) => c.id)).not.toContain(channelId);
    expect((await admin().number.list()).map((n) => n.channelId)).not.toContain(channelId);
    // History stays readable; the pane offers no composer for it.
    expect(await admin().conversation.get({ id: conversation!.id })).toMatchObject({ id: conversation!.id, channelStatus: 'disconnected' });

    await admin().channel.reconnect({ channelId });
    expect((await rowOf(channelId)).status).toBe('active');
    await admin().channel.disconnect({ channelId });
    // Connecting the same number again picks up its disconnected row, with the credentials typed now.
    const again = await admin().channel.connectWhatsApp({ ...input, appSecret: `${SECRET}2` });
    expect(again).toMatchObject({ channelId, reconnected: true });
    expect(openWhatsAppConfig((await rowOf(channelId)).config)?.appSecret).toBe(`${SECRET}2`);
    expect((await auditOf(channelId)).map((a) => a.action)).toEqual([
      'channel.connected',
      'channel.renamed',
      'channel.disconnected',
      'channel.reconnected',
      'channel.disconnected',
      'channel.reconnected',
    ]);
  });
});

describe('the default team, simulator channels and other workspaces', () => {
  it('puts NEW conversations of the channel in its default team, never moving existing ones', async () => {
    const input = form();
    const { channelId } = await admin().channel.connectWhatsApp(input);
    const existing = await createConversation(database.db, {
      workspaceId: ws.id,
      channel: { id: channelId, type: 'whatsapp' },
      externalId: '966511111111',
      phone: '+966511111111',
    });
    await admin().channel.setDefaultTeam({ channelId, teamId: ws.team });
    expect((await rowOf(channelId)).defaultTeamId).toBe(ws.team);

    expect((await signedMessage(input.phoneNumberId, SECRET, '966511111111')).status).toBe(200);
    expect((await signedMessage(input.phoneNumberId, SECRET, '966522222222')).status).toBe(200);
    const rows = await database.db.select().from(conversations).where(eq(conversations.channelId, channelId));
    expect(rows.find((r) => r.id === existing.conversation.id)!.teamId).toBeNull();
    expect(rows.filter((r) => r.id !== existing.conversation.id).map((r) => r.teamId)).toEqual([ws.team]);

    await expect(admin().channel.setDefaultTeam({ channelId, teamId: other.team })).rejects.toMatchObject({
      cause: { code: 'INVALID_INPUT', detail: 'teamNotInWorkspace' },
    });
    await expect(admin().channel.setDefaultTeam({ channelId, teamId: null, from: null })).rejects.toMatchObject({ cause: { code: 'CONFLICT' } });
    await admin().channel.setDefaultTeam({ channelId, teamId: null, from: ws.team });
    expect((await rowOf(channelId)).defaultTeamId).toBeNull();
    const audit = (await auditOf(channelId)).filter((a) => a.action === 'channel.defaultTeamChanged').map((a) => a.data);
    expect(audit).toEqual([{ defaultTeamId: [null, ws.team] }, { defaultTeamId: [ws.team, null] }]);
  });

  it('never keeps an archived team as a default: refused, not offered, cleared (audited) on archiving, not routed to', async () => {
    const input = form();
    const { channelId } = await admin().channel.connectWhatsApp(input);
    const night = await admin().team.create({ name: 'Night desk' });
    const spare = await admin().team.create({ name: 'Spare desk' });
    await admin().channel.setDefaultTeam({ channelId, teamId: night.id });
    await admin().team.archive({ teamId: spare.id });

    await expect(admin().channel.setDefaultTeam({ channelId, teamId: spare.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'INVALID_INPUT', detail: 'defaultTeamArchived' },
    });
    const offered = (await admin().channel.list()).teams.map((t) => t.id);
    expect(offered).toContain(night.id);
    expect(offered).not.toContain(spare.id);

    await admin().team.archive({ teamId: night.id });
    expect((await rowOf(channelId)).defaultTeamId).toBeNull();
    const changes = (await auditOf(channelId)).filter((a) => a.action === 'channel.defaultTeamChanged');
    expect(changes.map((a) => [a.actorId, a.data])).toEqual([
      [ws.admin, { defaultTeamId: [null, night.id] }],
      [ws.admin, { defaultTeamId: [night.id, null] }],
    ]);

    // A default left pointing at an archived team (written behind the app's back) routes nowhere.
    await database.db.update(channels).set({ defaultTeamId: night.id }).where(eq(channels.id, channelId));
    expect((await signedMessage(input.phoneNumberId, SECRET, '966533333333')).status).toBe(200);
    const [created] = await database.db.select().from(conversations).where(eq(conversations.channelId, channelId));
    expect(created!.teamId).toBeNull();
  });

  it('adds simulator channels of other types (never WhatsApp), offered to the simulator', async () => {
    const { channelId } = await admin().channel.addSimulator({ type: 'telegram', name: 'Telegram trial' });
    expect(await rowOf(channelId)).toMatchObject({ type: 'telegram', name: 'Telegram trial', workspaceId: ws.id });
    expect((await admin().simulator.channels()).map((c) => c.id)).toContain(channelId);
    expect((await auditOf(channelId)).map((a) => [a.action, a.data])).toEqual([['channel.simulatorAdded', { name: 'Telegram trial', type: 'telegram' }]]);
    await expect(admin().channel.addSimulator({ type: 'whatsapp' as never, name: 'x' })).rejects.toMatchObject({ cause: { name: 'ZodError' } });
    await expect(callerFor(database.db, ws.supervisor).channel.addSimulator({ type: 'sms', name: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses another workspace’s channel in every procedure, and changes nothing of it', async () => {
    const theirs = await callerFor(database.db, other.admin).channel.connectWhatsApp(form());
    const before = await rowOf(theirs.channelId);
    const me = admin();
    const channelId = theirs.channelId;
    for (const call of [
      () => me.channel.rename({ channelId, name: 'Mine now' }),
      () => me.channel.rotateToken({ channelId, accessToken: `${TOKEN}zz` }),
      () => me.channel.disconnect({ channelId }),
      () => me.channel.reconnect({ channelId }),
      () => me.channel.setDefaultTeam({ channelId, teamId: ws.team }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await rowOf(channelId)).toEqual(before);
    expect((await me.channel.list()).channels.map((c) => c.id)).not.toContain(channelId);
    expect(await database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, channelId), eq(auditEvents.workspaceId, ws.id)))).toEqual([]);
  });
  it('disconnecting unsubscribes the app from the WABA only when no other connected number shares it; reconnecting subscribes again', async () => {
    const wabaId = `3${Date.now()}`.slice(0, 12);
    const first = await admin().channel.connectWhatsApp(form({ wabaId }));
    const second = await admin().channel.connectWhatsApp(form({ wabaId }));
    expect(fake.subscribed.has(wabaId)).toBe(true);
    await admin().channel.disconnect({ channelId: first.channelId });
    // The other number still needs the WABA's webhooks.
    expect(fake.subscribed.has(wabaId)).toBe(true);
    await admin().channel.disconnect({ channelId: second.channelId });
    expect(fake.subscribed.has(wabaId)).toBe(false);
    await admin().channel.reconnect({ channelId: second.channelId });
    expect(fake.subscribed.has(wabaId)).toBe(true);
  });
});
