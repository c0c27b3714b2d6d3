import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { SETTINGS_SECTIONS } from '../components/settings/sections';
import { channels } from '../db/schema';
import { textMessageEnvelope } from '../server/channels/whatsapp/envelopes';
import { seal } from '../server/secrets/seal';
import { expect, signInAndOpenInbox, test } from './fixtures';
import { metaSignature } from './webhooks';

/**
 * Settings → Channels against the app's own Graph API fake (it accepts any new number id: fake-connect.ts). Each
 * test connects numbers of its own, with random ids and secrets, in a workspace of its own.
 */
const digits = (n: number) => Array.from(randomBytes(n), (b) => String(b % 10)).join('');
const newNumber = () => ({
  phoneNumberId: `1${digits(14)}`,
  wabaId: `2${digits(14)}`,
  accessToken: `EAAe2e${randomBytes(24).toString('hex')}`,
  appSecret: `e2esecret${randomBytes(16).toString('hex')}`,
});
type TNumber = ReturnType<typeof newNumber>;

async function openChannels(page: Page) {
  await page.goto('/settings/channels');
  await expect(page.getByRole('heading', { name: 'Channels' })).toBeVisible();
}

async function fillConnect(page: Page, number: TNumber, names = { id: 'Phone number ID', waba: 'WhatsApp Business Account ID', token: 'Access token', secret: 'App secret' }) {
  await page.getByRole('textbox', { name: names.id }).fill(number.phoneNumberId);
  await page.getByRole('textbox', { name: names.waba }).fill(number.wabaId);
  await page.getByRole('textbox', { name: names.token }).fill(number.accessToken);
  await page.getByRole('textbox', { name: names.secret }).fill(number.appSecret);
}

/** Connects `number` through the form, in English; its row (the fake names it after the id's last four digits). */
async function connectThroughForm(page: Page, number: TNumber) {
  await page.getByRole('button', { name: 'Connect WhatsApp number' }).click();
  await fillConnect(page, number);
  await page.getByRole('button', { name: 'Test and connect' }).click();
  return page.locator('[data-channel-type="whatsapp"]').filter({ hasText: `Test Business ${number.phoneNumberId.slice(-4)}` });
}

test('an admin connects a new number; a webhook signed with its app secret, posted to the shown URL, appears in the inbox', async ({
  page,
  context,
  request,
  workspace,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const number = newNumber();
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await openChannels(page);
  // The fake's generated number (its verified name from the id's last four digits), synced at once.
  const row = await connectThroughForm(page, number);
  await expect(row).toHaveAttribute('data-channel-id', /[0-9a-f-]{36}/);
  await expect(page.getByRole('textbox', { name: 'Access token' })).toHaveCount(0);
  const shown = row.locator('[data-webhook-url]');
  await expect(shown).toHaveAttribute('data-webhook-url', new RegExp(`/api/webhooks/whatsapp/${number.phoneNumberId}$`));
  await expect(row.locator('[data-verify-token]')).toHaveAttribute('data-verify-token', /^[\w-]{20,}$/);
  await expect(row.getByTestId('token-hint')).toHaveText(`••••${number.accessToken.slice(-4)}`);
  await expect(row).not.toContainText(number.appSecret);

  await testInfo.attach('channels-en', { body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('channels-en.png') }), contentType: 'image/png' });
  await row.getByRole('button', { name: 'Copy Webhook URL' }).click();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toBe(await shown.getAttribute('data-webhook-url'));

  // Meta's subscription handshake with the shown verify token, then a customer's message, signed as Meta signs.
  const verifyToken = (await row.locator('[data-verify-token]').getAttribute('data-verify-token'))!;
  const challenge = await request.get(`${url}?hub.mode=subscribe&hub.verify_token=${verifyToken}&hub.challenge=4242`);
  expect(await challenge.text()).toBe('4242');
  const name = `Connected Customer ${digits(4)}`;
  const body = JSON.stringify(
    textMessageEnvelope({ phoneNumberId: number.phoneNumberId, from: `9665${digits(8)}`, name, id: `wamid.e2e.${randomUUID()}`, body: 'Hello from a new number' }),
  );
  const signed = (secret: string) => ({
    data: body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body, secret) },
  });
  expect((await request.post(url, signed('not-the-app-secret'))).status()).toBe(401);
  expect((await request.post(url, signed(number.appSecret))).status()).toBe(200);

  await page.goto('/inbox');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Unassigned/ }).click();
  const conversation = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name });
  await expect(conversation).toContainText('Hello from a new number');
});

test('Meta’s refusals are said in words, in English and in Arabic, and nothing is connected', async ({ page, workspace }, testInfo) => {
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await openChannels(page);
  const rows = page.locator('[data-channel-id]');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  await page.getByRole('button', { name: 'Connect WhatsApp number' }).click();
  await fillConnect(page, { ...newNumber(), accessToken: 'EAA-invalid-e2e-token' });
  await page.getByRole('button', { name: 'Test and connect' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(/Meta says the access token is invalid or has expired \(error 190\)/);
  // Checked in the form before anyone is asked.
  await page.getByRole('textbox', { name: 'Phone number ID' }).fill('not-a-number');
  await page.getByRole('button', { name: 'Test and connect' }).click();
  await expect(page.getByText('digits only (5 to 20)').first()).toBeVisible();
  await expect(rows).toHaveCount(before);

  await page.goto('/inbox');
  // Live means the page is hydrated: a choice made in server-rendered HTML before that would be lost.
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
  await page.goto('/settings/channels');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('button', { name: 'ربط رقم واتساب' }).click();
  await fillConnect(page, { ...newNumber(), phoneNumberId: `000${digits(9)}` }, { id: 'معرّف رقم الهاتف', waba: 'معرّف حساب واتساب للأعمال', token: 'رمز الوصول', secret: 'سر التطبيق' });
  await page.getByRole('button', { name: 'اختبار وربط' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(/لا تعرف Meta معرّف رقم الهاتف هذا.*\(الخطأ 100\)/);
  await testInfo.attach('channels-ar', { body: await page.screenshot({ fullPage: true, path: testInfo.outputPath('channels-ar.png') }), contentType: 'image/png' });
  await expect(rows).toHaveCount(before);
});

test('a number whose secrets no longer open (another SECRETS_KEY) says so, and replacing both secrets brings it back', async ({ page, workspace, seedDatabase }) => {
  const number = newNumber();
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await openChannels(page);
  const row = await connectThroughForm(page, number);
  const channelId = (await row.getAttribute('data-channel-id'))!;
  await expect(row.getByTestId('secrets-unreadable')).toHaveCount(0);

  // As if SECRETS_KEY had changed since: both secrets sealed under a key this server does not have.
  const [stored] = await seedDatabase.db.select({ config: channels.config }).from(channels).where(eq(channels.id, channelId));
  const otherKey = randomBytes(32);
  const config = { ...(stored!.config as object), accessToken: seal(number.accessToken, otherKey, 'accessToken'), appSecret: seal(number.appSecret, otherKey, 'appSecret') };
  await seedDatabase.db.update(channels).set({ config }).where(eq(channels.id, channelId));
  await page.reload();
  await expect(row.getByTestId('secrets-unreadable')).toHaveText(/cannot be read: they were sealed with another secrets key \(SECRETS_KEY changed\)/);
  await expect(row.getByTestId('token-hint')).toHaveText('cannot be read: replace it');

  await row.getByRole('button', { name: 'Replace secrets' }).click();
  const next = { accessToken: `EAAreplaced${randomBytes(20).toString('hex')}`, appSecret: `replaced${randomBytes(16).toString('hex')}` };
  await row.getByRole('textbox', { name: 'New access token' }).fill(next.accessToken);
  await row.getByRole('button', { name: 'Test and save' }).click();
  await expect(row.getByText('Paste the app secret')).toBeVisible();
  await row.getByRole('textbox', { name: 'New app secret' }).fill(next.appSecret);
  await row.getByRole('button', { name: 'Test and save' }).click();
  await expect(row.getByTestId('token-hint')).toHaveText(`••••${next.accessToken.slice(-4)}`);
  await expect(row.getByTestId('secret-hint')).toHaveText('set');
  await expect(row.getByTestId('secrets-unreadable')).toHaveCount(0);
});

test('no tRPC response of any Settings section ever carries a channel’s access token or app secret', async ({ page, workspace }) => {
  const number = newNumber();
  const rotated = `EAArotated${randomBytes(20).toString('hex')}`;
  const secrets = [number.accessToken, number.appSecret, rotated, workspace.channels.riyadh.appSecret!];
  const bodies: Promise<string>[] = [];
  let inFlight = 0;
  const isTrpc = (url: string) => url.includes('/api/trpc/');
  page.on('request', (request) => void (isTrpc(request.url()) && (inFlight += 1)));
  page.on('requestfinished', (request) => void (isTrpc(request.url()) && (inFlight -= 1)));
  page.on('requestfailed', (request) => void (isTrpc(request.url()) && (inFlight -= 1)));
  page.on('response', (response) => {
    if (isTrpc(response.url())) bodies.push(response.text().catch(() => ''));
  });

  await signInAndOpenInbox(page, workspace.users.admin.email);
  await openChannels(page);
  const row = await connectThroughForm(page, number);
  await expect(row.getByTestId('token-hint')).toHaveText(`••••${number.accessToken.slice(-4)}`);
  await row.getByRole('button', { name: 'Rotate token' }).click();
  await row.getByRole('textbox', { name: 'New access token' }).fill(rotated);
  await row.getByRole('button', { name: 'Test and save' }).click();
  await expect(row.getByTestId('token-hint')).toHaveText(`••••${rotated.slice(-4)}`);

  // Every section this admin is shown (other sections may not exist in this build: only their answers are read).
  const nav = page.getByRole('navigation', { name: 'Settings' });
  const shown = [];
  for (const section of SETTINGS_SECTIONS) if ((await nav.locator(`a[href="${section.href}"]`).count()) > 0) shown.push(section.href);
  expect(shown).toContain('/settings/channels');
  for (const href of shown) {
    await page.goto(href);
    await page.waitForLoadState('load');
    // Until the page's own queries have answered (the socket's long polling never lets the network go idle).
    await expect.poll(() => inFlight).toBe(0);
  }
  const texts = await Promise.all(bodies);
  expect(texts.length).toBeGreaterThan(3);
  expect(texts.join('\n')).toContain(rotated.slice(-4));
  for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
});
