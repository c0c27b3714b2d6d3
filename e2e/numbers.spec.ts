import { expect, signInAndOpenInbox, test } from './fixtures';
import { postSignedWebhook } from './webhooks';

test('admins see every WhatsApp number with its quality badge, status, limit and usage', async ({ page, workspace }) => {
  // The Dubai number is close to its limit of 250.
  await workspace.useMessagingLimit('dubai', 187);
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await page.getByRole('link', { name: 'Numbers' }).click();
  await expect(page).toHaveURL(/\/admin\/numbers$/);
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp numbers' })).toBeVisible();

  const riyadh = page.locator(`[data-phone-number-id="${workspace.channels.riyadh.phoneNumberId}"]`);
  const jeddah = page.locator(`[data-phone-number-id="${workspace.channels.jeddah.phoneNumberId}"]`);
  const dubai = page.locator(`[data-phone-number-id="${workspace.channels.dubai.phoneNumberId}"]`);
  await expect(riyadh.locator('[data-quality="GREEN"]')).toHaveText('High');
  await expect(jeddah.locator('[data-quality="YELLOW"]')).toHaveText('Medium');
  await expect(dubai.locator('[data-quality="RED"]')).toHaveText('Low');
  await expect(riyadh.getByTestId('number-status')).toHaveText('Connected');
  await expect(dubai.getByTestId('number-status')).toHaveText('Restricted');
  await expect(jeddah.getByTestId('number-limit')).toHaveText('2K');
  await expect(dubai.getByTestId('number-limit')).toHaveText('250');
  await expect(dubai.getByTestId('number-usage')).toHaveText(/^1\d\d \/ 250$/);
});

test('the numbers page is for admins only', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.agent2.email);
  await expect(page.getByRole('link', { name: 'Numbers' })).toHaveCount(0);
  await page.goto('/admin/numbers');
  await expect(page).toHaveURL(/\/inbox/);
});

test('a quality webhook posted to the app turns a badge from High to Low live', async ({ page, request, workspace }) => {
  const number = workspace.channels.riyadh;
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await page.getByRole('link', { name: 'Numbers' }).click();
  const riyadh = page.locator(`[data-phone-number-id="${number.phoneNumberId}"]`);
  await expect(riyadh.locator('[data-quality]')).toHaveText('High');
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toHaveAttribute('data-connection', 'connected');
  // Meta's own view changes too, so a periodic sync during the test agrees with the webhook.
  await request.post(`/dev/graph/_fake/numbers/${number.phoneNumberId}`, { data: { quality_rating: 'RED', status: 'FLAGGED' } });

  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.wabaId,
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: 'phone_number_quality_update',
            value: { display_phone_number: number.displayPhoneNumber, event: 'FLAGGED', current_limit: 'TIER_10K' },
          },
        ],
      },
    ],
  });
  await postSignedWebhook(request, number, body);

  await expect(riyadh.locator('[data-quality="RED"]')).toHaveText('Low');
  await expect(riyadh.getByTestId('number-status')).toHaveText('Flagged');
});
