import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '@/db/schema';
import { openWhatsAppConfig } from '@/server/channels/whatsapp/config';
import { signatureOf } from '@/server/channels/whatsapp/signature';
import { publishEnv } from '@/server/env';
import { SealError } from '@/server/secrets/seal';
import { handleWhatsAppWebhook } from '@/server/services/whatsapp/webhook';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createChannel, createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { sealStoredChannelSecrets } from './seal-stored';

/** Rows from before sealing (older installs, factories, the e2e seed) keep working, and the boot pass seals them. */
let database: TTestDatabase;
beforeAll(async () => {
  publishEnv('SECRETS_KEY', randomBytes(32).toString('base64'));
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const configOf = async (id: string) => (await database.db.select().from(channels).where(eq(channels.id, id)))[0]!.config as Record<string, string>;

describe('plaintext channel secrets', () => {
  it('still work as they are, and are sealed at boot, once (idempotent), keeping what they open to', async () => {
    const ws = await createWorkspace(database.db, 'Legacy');
    const secret = `legacy-secret-${randomBytes(6).toString('hex')}`;
    const legacy = await createWhatsAppChannel(database.db, { workspaceId: ws.id, phoneNumberId: '1666000111', appSecret: secret });
    const telegram = await createChannel(database.db, ws.id, 'telegram', { config: { note: 'no secrets here' } });
    expect((await configOf(legacy.id)).appSecret).toBe(secret);

    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    expect((await handleWhatsAppWebhook(database.db, '1666000111', Buffer.from(body), signatureOf(body, secret))).status).toBe(200);

    expect(await sealStoredChannelSecrets(database.sql)).toBeGreaterThanOrEqual(1);
    const sealed = await configOf(legacy.id);
    expect(JSON.stringify(sealed)).not.toContain(secret);
    expect(sealed.appSecret).toMatch(/^sealed:v1:/);
    expect(sealed.accessToken).toMatch(/^sealed:v1:/);
    expect(openWhatsAppConfig(sealed)).toMatchObject({ appSecret: secret, accessToken: 'token', phoneNumberId: '1666000111' });
    expect(await configOf(telegram.id)).toEqual({ note: 'no secrets here' });

    expect(await sealStoredChannelSecrets(database.sql)).toBe(0);
    expect(await configOf(legacy.id)).toEqual(sealed);
  });

  it('sealed under another key do not open: refused, never taken for plaintext', async () => {
    const ws = await createWorkspace(database.db, 'Moved');
    const channel = await createWhatsAppChannel(database.db, { workspaceId: ws.id, phoneNumberId: '1666000222', appSecret: 's3cret-value' });
    await sealStoredChannelSecrets(database.sql);
    const sealed = await configOf(channel.id);
    publishEnv('SECRETS_KEY', randomBytes(32).toString('base64'));
    expect(() => openWhatsAppConfig(sealed)).toThrow(SealError);
  });
});
