import type { APIRequestContext } from '@playwright/test';
import { DEMO_TEMPLATES, templateAsMetaLists } from '../db/seed/demo-templates';
import { E2E_PASSWORD, expect, signInAndOpenInbox, test, watchServerErrors, type TSeededWorkspace } from './fixtures';

/** Meta's side (the app's Graph API fake) lists the demo templates of the workspace's WABA, plus `extra`. */
async function metaLists(request: APIRequestContext, workspace: TSeededWorkspace, extra: Record<string, unknown>[]) {
  const wabaId = workspace.channels.riyadh.wabaId!;
  const response = await request.put(`/dev/graph/_fake/templates/${wabaId}`, {
    data: [...DEMO_TEMPLATES.map((t, i) => templateAsMetaLists(t, `${wabaId}${i}`)), ...extra],
  });
  expect(response.ok()).toBe(true);
}

/** A template new at Meta: an image header, a URL button with a variable, a phone button. */
const DELIVERY_NOTICE = {
  id: '9900001',
  name: 'delivery_notice',
  language: 'en',
  status: 'APPROVED',
  category: 'UTILITY',
  parameter_format: 'POSITIONAL',
  quality_score: { score: 'YELLOW' },
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['4::aW1hZ2U='] } },
    { type: 'BODY', text: 'Your parcel {{1}} is on its way.', example: { body_text: [['A-2290']] } },
    { type: 'FOOTER', text: 'Nafidha Store' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'URL', text: 'Track parcel', url: 'https://shop.example/track/{{1}}', example: ['A-2290'] },
        { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+966115102030' },
      ],
    },
  ],
};

test('an admin filters the templates, reads a preview, and syncs a number with Meta', async ({ page, request, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();
  // Straight to the section: /settings opens the first one (Channels), another part of the Settings work.
  await page.goto('/settings/audit');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Templates' }).click();
  await expect(page).toHaveURL(/\/settings\/templates$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Templates' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Templates' });
  const cards = list.locator('[data-template-id]');
  // Eight templates on each of the three numbers.
  await expect(cards).toHaveCount(3 * DEMO_TEMPLATES.length);

  await page.getByLabel('Number').selectOption({ label: 'WhatsApp · Riyadh' });
  await expect(cards).toHaveCount(DEMO_TEMPLATES.length);
  await page.getByLabel('Status').selectOption({ label: 'Rejected' });
  await expect(cards).toHaveCount(1);
  const rejected = cards.first();
  await expect(rejected.getByRole('heading', { level: 3 })).toHaveText('black_friday');
  await expect(rejected.getByTestId('template-status')).toHaveText('Rejected');
  await expect(rejected.getByRole('note')).toHaveText('Rejected by Meta: invalid format (variables, length or characters)');
  // The filters are in the URL: a reload keeps them.
  await expect(page).toHaveURL(new RegExp(`number=${workspace.channels.riyadh.id}.*status=REJECTED|status=REJECTED.*number=${workspace.channels.riyadh.id}`));
  await page.reload();
  await expect(cards).toHaveCount(1);
  await expect(page.getByLabel('Status')).toHaveValue('REJECTED');

  // The preview: header and body with Meta's examples filled in, the quick reply under the bubble.
  await page.getByLabel('Status').selectOption({ label: 'All statuses' });
  await page.getByLabel('Category').selectOption({ label: 'Marketing' });
  const offer = cards.filter({ has: page.getByRole('heading', { name: 'summer_offer' }) });
  await expect(offer.getByTestId('template-category')).toHaveText('Marketing');
  await expect(offer.locator('[data-quality="GREEN"]')).toHaveText('High');
  const preview = offer.getByRole('figure', { name: 'Preview of summer_offer' });
  await expect(preview.locator('[data-part="header"]')).toHaveText('Act fast, Pablo!');
  await expect(preview.locator('[data-part="body"]')).toHaveText('Your exclusive code SUMMER20 expires in 10 days.');
  await expect(preview.getByRole('list', { name: 'Buttons' }).getByRole('listitem')).toHaveText('↩Unsubscribe');
  await page.getByLabel('Fill in example values').uncheck();
  await expect(preview.locator('[data-part="body"]')).toHaveText('Your exclusive code {{1}} expires in {{2}} days.');
  await page.getByLabel('Fill in example values').check();

  // An Arabic template reads right to left in the English interface too.
  await page.getByLabel('Category').selectOption({ label: 'Utility' });
  const arabic = cards.filter({ has: page.getByRole('heading', { name: 'order_update' }) }).filter({ has: page.getByTestId('template-language').getByText('ar') });
  await expect(arabic.locator('[data-template-preview]')).toHaveAttribute('dir', 'rtl');
  await expect(arabic.locator('[data-part="body"]')).toHaveText('مرحباً سارة، تم شحن طلبك رقم A-1187 وسيصل بتاريخ ١٢ مايو.');

  // Meta has a new template: "Sync now" (for the filtered number) brings it, and says what it brought.
  await metaLists(request, workspace, [DELIVERY_NOTICE]);
  await expect(page.getByText('Fetches every template of WhatsApp · Riyadh from Meta.')).toBeVisible();
  await page.getByRole('button', { name: 'Sync now' }).click();
  const result = page.getByRole('status', { name: 'Sync result' });
  await expect(result).toHaveText('WhatsApp · Riyadh: 1 new, 0 changed, 0 removed (9 at Meta).');
  const notice = cards.filter({ has: page.getByRole('heading', { name: 'delivery_notice' }) });
  await expect(notice.getByTestId('template-quality')).toHaveText('Medium');
  const noticePreview = notice.getByRole('figure', { name: 'Preview of delivery_notice' });
  await expect(noticePreview.locator('[data-header-media="IMAGE"]')).toHaveText('Image header');
  await expect(noticePreview.locator('[data-part="body"]')).toHaveText('Your parcel A-2290 is on its way.');
  await expect(noticePreview.locator('[data-part="footer"]')).toHaveText('Nafidha Store');
  await expect(noticePreview.locator('[data-button-kind="url"]')).toContainText('https://shop.example/track/A-2290');
  await expect(noticePreview.locator('[data-button-kind="phone"]')).toContainText('+966115102030');

  // Meta refusing the token is said in words, and nothing on the page changes.
  const refuse = await request.post(`/dev/graph/_fake/numbers/${workspace.channels.riyadh.phoneNumberId}`, { data: { fail_with: 190 } });
  expect(refuse.ok()).toBe(true);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(result).toHaveText('WhatsApp · Riyadh: the sync did not finish. The access token has expired: reconnect this WhatsApp number.');
  await expect(notice).toBeVisible();
  await request.post(`/dev/graph/_fake/numbers/${workspace.channels.riyadh.phoneNumberId}`, { data: { fail_with: 0 } });

  // Without a number chosen, every number is synced.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByText('Fetches every template of all numbers from Meta.')).toBeVisible();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(result.getByRole('listitem')).toHaveText([
    'WhatsApp · Dubai: 1 new, 0 changed, 0 removed (9 at Meta).',
    'WhatsApp · Jeddah: 1 new, 0 changed, 0 removed (9 at Meta).',
    'WhatsApp · Riyadh: 0 new, 0 changed, 0 removed (9 at Meta).',
  ]);
  await expect(cards).toHaveCount(3 * (DEMO_TEMPLATES.length + 1));
});

test('a supervisor reads the templates but has no "Sync now"; agents do not get in', async ({ page, browser, workspace }) => {
  const serverErrors = watchServerErrors(page);
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  // A hand-edited URL: values the filters do not know are ignored, never an error.
  await page.goto('/settings/templates?status=PENDING&number=not-a-number&category=SPAM');
  const cards = page.getByRole('list', { name: 'Templates' }).locator('[data-template-id]');
  await expect(cards).toHaveCount(3);
  await expect(cards.first().getByRole('heading', { level: 3 })).toHaveText('appointment_reminder');
  // Without examples, the variables show as chips.
  await expect(cards.first().locator('[data-variable="1"]')).toHaveText('{{1}}');
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  await expect(page.getByLabel('Number')).toHaveValue('');
  expect(serverErrors).toEqual([]);
  // The navigation offers supervisors no audit log, and its URL sends them elsewhere in Settings.
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  await page.goto('/settings/audit');
  await expect(page).not.toHaveURL(/\/settings\/audit/);

  const agent = await browser.newPage();
  await agent.goto('/login');
  await agent.getByRole('textbox', { name: 'Email' }).fill(workspace.users.agent1.email);
  await agent.getByLabel('Password').fill(E2E_PASSWORD);
  await agent.getByRole('button', { name: 'Sign in' }).click();
  await expect(agent).toHaveURL(/\/inbox/);
  await agent.goto('/settings/templates');
  await expect(agent).toHaveURL(/\/inbox/);
  await agent.close();
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('an Arabic admin filters the templates and syncs, all in Arabic', async ({ page, request, workspace }) => {
    const admin = await workspace.addUser('admin', 'ريم الحربي', { locale: 'ar' });
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(admin.email);
    await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
    await page.goto('/settings/templates');
    await expect(page.getByRole('heading', { level: 2, name: 'القوالب' })).toBeVisible();
    await page.getByLabel('الرقم').selectOption({ label: 'WhatsApp · Dubai' });
    await page.getByLabel('الحالة').selectOption({ label: 'مرفوض' });
    const cards = page.getByRole('list', { name: 'القوالب' }).locator('[data-template-id]');
    await expect(cards).toHaveCount(1);
    await expect(cards.first().getByRole('note')).toHaveText('رفضته Meta: تنسيق غير صالح (المتغيرات أو الطول أو الأحرف)');
    await expect(cards.first().locator('[data-template-preview]')).toHaveAttribute('dir', 'rtl');

    await metaLists(request, workspace, [DELIVERY_NOTICE]);
    await page.getByRole('button', { name: 'مزامنة الآن' }).click();
    // The workspace writes Arabic-Indic digits.
    await expect(page.getByRole('status', { name: 'نتيجة المزامنة' })).toHaveText('WhatsApp · Dubai: ١ جديد، ٠ متغيّر، ٠ محذوف (٩ لدى Meta).');
  });
});
