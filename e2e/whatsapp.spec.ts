import type { Page } from '@playwright/test';
import { E2E_PASSWORD, expect, signInAndOpenInbox, test } from './fixtures';

/** Tells the demo's Graph API fake (Meta's side) something new about a number. */
async function metaSays(page: Page, phoneNumberId: string, fields: Record<string, unknown>) {
  const response = await page.request.post(`/dev/graph/_fake/numbers/${phoneNumberId}`, { data: fields });
  expect(response.ok()).toBe(true);
}

test('"Sync now" pulls Meta’s current view of a number into its card', async ({ page, workspace }) => {
  const JEDDAH = workspace.channels.jeddah.phoneNumberId!;
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await page.goto('/admin/numbers');
  const jeddah = page.locator(`[data-phone-number-id="${JEDDAH}"]`);
  await expect(jeddah.locator('[data-quality]')).toHaveText('Medium');
  await expect(jeddah.getByTestId('number-templates')).toContainText(/Templates: \d+ approved of \d+/);

  await metaSays(page, JEDDAH, {
    quality_rating: 'GREEN',
    status: 'CONNECTED',
    whatsapp_business_manager_messaging_limit: 'TIER_2K',
    throughput: { level: 'HIGH' },
  });
  await jeddah.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Synced with Meta');
  await expect(jeddah.locator('[data-quality="GREEN"]')).toHaveText('High');
  await expect(jeddah.getByTestId('number-status')).toHaveText('Connected');
  await expect(jeddah.getByTestId('number-limit')).toHaveText('2K');
  await expect(jeddah.getByTestId('number-throughput')).toHaveText('High (1,000 messages a second)');
  await jeddah.getByText('History').click();
  await expect(jeddah.getByText(/Sync · .*Quality: Medium → High/)).toBeVisible();

  // Meta refusing the token is said in words, and the number is flagged for attention.
  await metaSays(page, JEDDAH, { fail_with: 190 });
  await jeddah.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Meta refused the access token');
  await expect(jeddah.getByRole('note')).toContainText('Needs attention');
  await metaSays(page, JEDDAH, { fail_with: 0 });
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('an Arabic admin reads why a number needs attention (a refused token) in Arabic', async ({ page, workspace }) => {
    const DUBAI = workspace.channels.dubai.phoneNumberId!;
    const admin = await workspace.addUser('admin', 'ريم الحربي', { locale: 'ar' });
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(admin.email);
    await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
    await page.goto('/admin/numbers');
    const dubai = page.locator(`[data-phone-number-id="${DUBAI}"]`);

    await metaSays(page, DUBAI, { fail_with: 190 });
    await dubai.getByRole('button', { name: 'مزامنة الآن' }).click();
    // Stored as the provider's code, said from the Arabic catalog (not the English reason kept for operators).
    await expect(dubai.getByRole('note')).toHaveText('يحتاج إلى متابعة: انتهت صلاحية رمز الوصول: أعد ربط رقم واتساب هذا.');
    await metaSays(page, DUBAI, { fail_with: 0 });
  });
});

test('admins and supervisors see the number’s quality badge in the conversation header; agents do not', async ({
  page,
  browser,
  workspace,
}) => {
  const created = await workspace.addConversation('dubai', { firstName: 'Header', lastName: 'Badge', text: 'Is the badge there?' });
  const name = created.name;

  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.goto(`/inbox?view=all&c=${created.id}`);
  const header = page.getByRole('region', { name: 'Conversation' }).locator('header');
  await expect(header.getByRole('heading', { name })).toBeVisible();
  await expect(header.locator('[data-quality="RED"]')).toHaveText('Low'); // Dubai, as seeded

  const agentPage = await (await browser.newContext()).newPage();
  await signInAndOpenInbox(agentPage, workspace.users.agent2.email);
  await agentPage.goto(`/inbox?view=unassigned&c=${created.id}`);
  const agentHeader = agentPage.getByRole('region', { name: 'Conversation' }).locator('header');
  await expect(agentHeader.getByRole('heading', { name })).toBeVisible();
  await expect(agentHeader.locator('[data-quality]')).toHaveCount(0);
});

test('the customer simulator writes in as a WhatsApp customer through the signed webhook path', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await page.getByRole('link', { name: 'Customer simulator' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customer simulator' })).toBeVisible();
  await page.getByLabel('Channel').selectOption({ label: 'WhatsApp · Riyadh (WhatsApp)' });
  const name = 'Simulated Customer';
  await page.getByLabel('Customer (phone number or id)').fill('+966500000001');
  await page.getByLabel('Customer name').fill(name);
  await page.getByLabel('Message').fill('Hello from the simulator');
  await page.getByRole('button', { name: 'Send as the customer' }).click();
  await expect(page.getByText('Delivered to the inbox.')).toBeVisible();
  await page.getByRole('link', { name: 'Open the conversation' }).click();
  const pane = page.getByRole('region', { name: 'Conversation' });
  await expect(pane.getByRole('heading', { name })).toBeVisible();
  await expect(pane.getByText('Hello from the simulator')).toBeVisible();

  // Bad input is refused in words, and nothing is stored.
  await page.goto('/admin/simulator');
  await page.getByLabel('Channel').selectOption({ label: 'WhatsApp · Riyadh (WhatsApp)' });
  await page.getByLabel('Customer (phone number or id)').fill('abc');
  await page.getByLabel('Message').fill('No number');
  await page.getByRole('button', { name: 'Send as the customer' }).click();
  // The server's specific sentence (errorDetails.whatsappNeedsPhone), not only its code's.
  await expect(page.getByRole('alert').filter({ hasText: 'A WhatsApp customer needs a phone number.' })).toBeVisible();
});
