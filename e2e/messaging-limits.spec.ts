import type { APIRequestContext, Page } from '@playwright/test';
import { E2E_PASSWORD, expect, signInAndOpenInbox, test, type TSeededWorkspace } from './fixtures';
import { postSignedWebhook } from './webhooks';

/**
 * Messaging limits as Meta sets them since October 2025: one limit per business portfolio, shared by its numbers,
 * the upgrade path of the current tier, Meta's account alerts, and Meta's raw values in words, in both languages.
 */

/** A webhook for the workspace's WABA, signed as Meta signs it, posted to the Riyadh number's endpoint. */
async function postWebhook(request: APIRequestContext, workspace: TSeededWorkspace, field: string, value: unknown, time: number) {
  const number = workspace.channels.riyadh;
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: number.wabaId, time, changes: [{ field, value }] }] });
  await postSignedWebhook(request, number, body);
}

const ALERT_AT = Date.UTC(2026, 10, 20, 9, 30);

/**
 * The portfolio at 2K (Meta's capability webhook), quality recovered on Dubai, 1,000 customers reached through
 * Riyadh today (half of 2K: eligible for 10K), and a deferred limit increase.
 */
async function preparePortfolio(request: APIRequestContext, workspace: TSeededWorkspace) {
  for (const key of ['riyadh', 'jeddah', 'dubai'] as const) {
    // Meta's own view agrees, so a periodic or manual sync does not undo the webhook.
    const known = await request.post(`/dev/graph/_fake/numbers/${workspace.channels[key].phoneNumberId}`, {
      data: {
        whatsapp_business_manager_messaging_limit: 'TIER_2K',
        messaging_limit_tier: 'TIER_1K',
        ...(key === 'dubai' ? { quality_rating: 'YELLOW', status: 'CONNECTED' } : {}),
      },
    });
    expect(known.ok()).toBe(true);
  }
  await postWebhook(
    request,
    workspace,
    'business_capability_update',
    { max_daily_conversations_per_business: 2000 },
    Math.floor(Date.now() / 1000),
  );
  await postWebhook(
    request,
    workspace,
    'phone_number_quality_update',
    { display_phone_number: workspace.channels.dubai.displayPhoneNumber, event: 'UNFLAGGED' },
    Math.floor(Date.now() / 1000),
  );
  await workspace.useMessagingLimit('riyadh', 1000);
  await postWebhook(
    request,
    workspace,
    'account_alerts',
    {
      entity_type: 'BUSINESS',
      entity_id: '2233445566',
      alert_info: {
        alert_severity: 'WARNING',
        alert_status: 'ACTIVE',
        alert_type: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED',
        alert_description: 'Your request for increased messaging capabilities has been deferred.',
      },
    },
    ALERT_AT / 1000,
  );
}

const row = (page: Page, workspace: TSeededWorkspace, key: 'riyadh' | 'jeddah' | 'dubai') =>
  page.locator(`[data-phone-number-id="${workspace.channels[key].phoneNumberId}"]`);

test('two numbers of one portfolio show its limit and usage, "eligible" once half is used, an account alert, and Meta’s values in words', async ({
  page,
  request,
  workspace,
}) => {
  await preparePortfolio(request, workspace);
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await page.goto('/admin/numbers');
  await expect(page.getByRole('heading', { level: 1, name: 'WhatsApp numbers' })).toBeVisible();

  for (const key of ['riyadh', 'jeddah'] as const) {
    const number = row(page, workspace, key);
    await expect(number.getByTestId('number-limit')).toHaveText('2K');
    await expect(number.getByTestId('number-usage')).toHaveText('1000 / 2000');
    await expect(number.getByTestId('number-portfolio')).toHaveText('Limit shared by the 3 numbers of this business portfolio');
    await expect(number.getByTestId('number-upgrade')).toHaveText(
      'Eligible for 10K: 1000 unique customers in 7 days (at least 1000). Meta raises the limit within 6 hours.',
    );
    await expect(number.getByTestId('number-upgrade')).toHaveAttribute('data-eligible', 'true');
    // Meta's raw values, in words.
    await expect(number.getByTestId('number-name-status')).toHaveText('Approved');
    await expect(number.getByTestId('number-throughput')).toHaveText('Standard (80 messages a second)');
  }
  await expect(page.getByText(/Toward the next tier/)).toHaveCount(0);

  // A sync reads the number's verification and account mode: in words too.
  const riyadh = row(page, workspace, 'riyadh');
  await riyadh.getByRole('button', { name: 'Sync now' }).click();
  await expect(riyadh.getByTestId('number-code-verification')).toHaveText('Verified');
  await expect(riyadh.getByTestId('number-account-mode')).toHaveText('Live');
  await expect(riyadh.getByTestId('number-limit')).toHaveText('2K');

  const alerts = page.getByRole('region', { name: 'Account alerts' });
  const alert = alerts.locator('[data-account-alert="INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED"]');
  await expect(alert).toContainText('Meta deferred its decision on raising the messaging limit.');
  await expect(alert).toContainText('Warning · Business portfolio');
  await expect(alert.locator('time')).toHaveAttribute('datetime', new Date(ALERT_AT).toISOString());
  await expect(alert).not.toContainText('INCREASED_CAPABILITIES');
});

test('an undeliverable number (131026) marks the customer unreachable in the conversation until they write again', async ({
  page,
  request,
  workspace,
}) => {
  const customer = await workspace.addConversation('riyadh', { firstName: 'Unreachable', lastName: 'Customer', assignee: 'admin' });
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await page.goto(`/inbox?view=all&c=${customer.id}`);
  const pane = page.getByRole('region', { name: 'Conversation' });
  // The Graph API fake accepts this one, then reports it failed with 131026, as Meta does.
  await pane.getByRole('textbox', { name: 'Message' }).fill('Your order is ready #async-131026');
  await pane.getByRole('button', { name: 'Send' }).click();
  const sent = pane.locator('li[data-direction="out"]').filter({ hasText: 'Your order is ready' });
  await expect(sent).toHaveAttribute('data-status', 'failed');
  await expect(sent.getByRole('note')).toContainText('The contact is marked unreachable on WhatsApp until they write again.');
  await expect(sent.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  const notice = pane.locator('[data-contact-unreachable="131026"]');
  await expect(notice).toContainText('WhatsApp could not deliver to this customer');

  // The customer writes again: the notice goes away.
  const number = workspace.channels.riyadh;
  const from = customer.phone.replace('+', '');
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: number.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.phoneNumberId },
              contacts: [{ profile: { name: 'Unreachable Customer' }, wa_id: from }],
              messages: [
                {
                  from,
                  id: `wamid.e2e.${Date.now()}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: 'I am here now' },
                },
              ],
            },
          },
        ],
      },
    ],
  });
  await postSignedWebhook(request, number, body);
  await expect(pane.locator('li[data-direction="in"]').filter({ hasText: 'I am here now' })).toBeVisible();
  await expect(notice).toHaveCount(0);
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('an Arabic admin reads the limit, the upgrade path, the alert and Meta’s values in Arabic', async ({ page, request, workspace }) => {
    await preparePortfolio(request, workspace);
    const admin = await workspace.addUser('admin', 'سارة القحطاني', { locale: 'ar' });
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(admin.email);
    await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
    await page.goto('/admin/numbers');
    await expect(page.getByRole('heading', { level: 1, name: 'أرقام واتساب' })).toBeVisible();

    const jeddah = row(page, workspace, 'jeddah');
    await expect(jeddah.getByTestId('number-upgrade')).toContainText('مؤهَّل لـ10K');
    await expect(jeddah.getByTestId('number-upgrade')).toContainText('ترفع ميتا الحدّ خلال ٦ ساعات');
    await expect(jeddah.getByTestId('number-portfolio')).toContainText('محفظة الأعمال');
    await expect(jeddah.getByTestId('number-name-status')).toHaveText('معتمد');
    await expect(jeddah.getByTestId('number-throughput')).toHaveText('عادي (٨٠ رسالة في الثانية)');
    await expect(jeddah.getByTestId('number-status')).not.toHaveText(/[A-Z_]{4,}/);
    const alert = page.getByRole('region', { name: 'تنبيهات الحساب' }).locator('[data-account-alert]');
    await expect(alert).toContainText('أجّلت ميتا قرارها بشأن رفع حدّ المراسلة');
    await expect(alert).toContainText('تحذير');
  });
});
