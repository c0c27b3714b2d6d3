import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { connect } from '@/db/client';
import { describe, expect, it } from 'vitest';
import { auditEvents, channels, conversations, messages, numberHealth, templates } from '@/db/schema';
import { deliverMessage } from '@/server/services/messages/delivery';
import { generatedNumber } from '@/server/channels/whatsapp/fake-connect';
import { openWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { seal } from '@/server/secrets/seal';
import { callerFor } from '@/server/testing/factories';
import { admin, auditOf, channelCount, database, expectNoSecret, fake, form, other, rowOf, SECRET, signedMessage, TOKEN, setUpChannelsTestbed, ws } from './channels-testbed';

/**
 * Settings → Channels through its procedures: connecting, rotating, renaming, disconnecting a WhatsApp number.
 * Secrets must never come back in an answer, and never be stored in plaintext.
 */
setUpChannelsTestbed();

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
    expect(health).toMatchObject({ verifiedName: generated.verified_name, qualityRating: 'GREEN', messagingLimitTier: 'TIER_2K' });
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
