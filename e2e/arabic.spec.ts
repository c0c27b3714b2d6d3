import type { Page } from '@playwright/test';
import { E2E_PASSWORD, expect, test, type TSeededWorkspace } from './fixtures';

/**
 * The Arabic interface, as an Arabic-speaking agent sees it. She is the test's own (its workspace's), so her saved
 * language cannot leak into the English specs.
 */
test.use({ locale: 'ar-SA' });

async function signInArabic(page: Page, workspace: TSeededWorkspace) {
  const maha = await workspace.addUser('agent', 'مها العتيبي');
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(maha.email);
  await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
  await page.getByRole('button', { name: 'دخول' }).click();
  await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
}

test('the whole page is Arabic and right to left, with the navigation on the right', async ({ page, workspace }, testInfo) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await signInArabic(page, workspace);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByRole('navigation', { name: 'طرق العرض' }).getByRole('link', { name: /^الكل/ }).click();

  const nav = await page.getByRole('navigation', { name: 'طرق العرض' }).boundingBox();
  const list = await page.getByRole('list', { name: 'المحادثات' }).boundingBox();
  expect(nav!.x).toBeGreaterThan(list!.x + list!.width - 1);
  await expect(page.getByRole('navigation', { name: 'طرق العرض' }).getByRole('link', { name: /^محادثاتي/ })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'البحث في المحادثات' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'مباشر' })).toHaveAttribute('data-connection', 'connected');
  await testInfo.attach('inbox-ar', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
});

test('the countdown, the template picker and a server error read in Arabic', async ({ page, workspace }) => {
  // A customer whose window has two hours left; نورة الشمري's lapsed days ago.
  const { name } = await workspace.addConversation('riyadh', {
    firstName: 'عميل',
    lastName: 'جديد',
    text: 'السلام عليكم',
    ago: 22 * 3600 * 1000,
  });

  await page.clock.install();
  await signInArabic(page, workspace);
  await page.getByRole('navigation', { name: 'طرق العرض' }).getByRole('link', { name: /^الكل/ }).click();
  await page.getByRole('searchbox', { name: 'البحث في المحادثات' }).fill(name);
  await page.getByRole('list', { name: 'المحادثات' }).getByRole('listitem', { name }).click();
  const pane = page.getByRole('region', { name: 'المحادثة' });
  const chip = pane.getByRole('timer');
  await expect(chip).toHaveText(/^[٠-٩]+ س [٠-٩]+ د$/);
  await expect(chip).toHaveAttribute('aria-label', /^تُغلق النافذة خلال/);

  // A lapsed window: the composer is the Arabic template picker.
  await page.getByRole('tab', { name: 'مغلقة' }).click();
  await page.getByRole('searchbox', { name: 'البحث في المحادثات' }).fill('نورة الشمري');
  await page.getByRole('list', { name: 'المحادثات' }).getByRole('listitem', { name: 'نورة الشمري' }).click();
  await expect(pane.getByRole('timer')).toHaveText('القوالب فقط');
  const picker = pane.getByRole('region', { name: 'القالب' });
  await expect(picker.getByRole('button', { name: 'إرسال القالب' })).toBeDisabled();
  await picker.getByRole('combobox', { name: 'اختر قالبًا' }).selectOption({ label: 'order_update · ar · خدمي' });
  await expect(picker.getByTestId('template-preview')).toContainText('تم شحن طلبك');

  // This browser's clock wound back: the server refuses free-form text, in Arabic.
  await page.clock.setSystemTime(new Date(Date.now() - 3 * 24 * 3600 * 1000 + 3600 * 1000));
  await pane.getByRole('textbox', { name: 'الرسالة' }).fill('هل ما زلت هنا؟');
  await pane.getByRole('button', { name: 'إرسال', exact: true }).click();
  await expect(pane.getByRole('alert')).toHaveText('أُغلقت نافذة الـ٢٤ ساعة: أرسل قالبًا معتمدًا بدلًا من ذلك.');
});

test('switching language keeps the current view, and the choice is saved on the profile', async ({ page, workspace }, testInfo) => {
  await signInArabic(page, workspace);
  await page.getByRole('navigation', { name: 'طرق العرض' }).getByRole('link', { name: /^الكل/ }).click();
  await page.getByRole('tab', { name: 'مغلقة' }).click();
  await expect(page).toHaveURL(/view=all&status=closed/);
  const url = page.url();

  await page.getByRole('combobox', { name: 'اللغة' }).selectOption('en');
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  expect(page.url()).toBe(url);
  await expect(page.getByRole('tab', { name: 'Closed' })).toHaveAttribute('aria-selected', 'true');
  await testInfo.attach('inbox-en', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  // Live means the page is hydrated: a choice made in server-rendered HTML before that would be lost.
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
  expect(page.url()).toBe(url);
});
