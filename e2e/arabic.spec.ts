import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { trpcMutation, trpcQuery } from './api';
import { signInOverHttp } from './session';

/**
 * The Arabic interface, as an Arabic-speaking agent sees it. She is created here (not one of the shared demo
 * people), so her saved language cannot leak into the English specs.
 */
const EMAIL = 'maha@nafidha.test';
const PASSWORD = 'nafidha-demo';

test.use({ locale: 'ar-SA' });

test.beforeAll(async () => {
  const server = new URL(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/nafidha_e2e_${process.env.E2E_PORT || '3200'}`;
  const sql = postgres(server.toString(), { max: 1, onnotice: () => {} });
  try {
    const [user] = await sql`
      insert into users (email, name, password_hash) values (${EMAIL}, 'مها العتيبي', ${await hashPassword(PASSWORD)})
      on conflict (email) do update set name = excluded.name returning id`;
    await sql`
      insert into memberships (workspace_id, user_id, role)
      select id, ${user!.id}, 'agent' from workspaces where name = 'Demo' on conflict do nothing`;
  } finally {
    await sql.end();
  }
});

async function signInArabic(page: Page) {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(EMAIL);
  await page.getByLabel('كلمة المرور').fill(PASSWORD);
  await page.getByRole('button', { name: 'دخول' }).click();
  await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
}

test('the whole page is Arabic and right to left, with the navigation on the right', async ({ page }, testInfo) => {
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await signInArabic(page);
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

test('the countdown, the template picker and a server error read in Arabic', async ({ page, request }) => {
  // A customer whose window has two hours left, and one whose window lapsed.
  await signInOverHttp(request, 'admin@nafidha.test');
  const { channels } = await trpcQuery<{ channels: { id: string; name: string }[] }>(request, 'conversation.filterOptions');
  const riyadh = channels.find((c) => c.name === 'WhatsApp · Riyadh')!.id;
  const name = `عميل ${Date.now() % 100000}`;
  await trpcMutation(request, 'simulator.inbound', {
    channelId: riyadh,
    from: `+9665${String(Date.now()).slice(-8)}`,
    name,
    text: 'السلام عليكم',
    sentSecondsAgo: 22 * 3600,
  });

  await page.clock.install();
  await signInArabic(page);
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

test('switching language keeps the current view, and the choice is saved on the profile', async ({ page }, testInfo) => {
  await signInArabic(page);
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
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
  expect(page.url()).toBe(url);
});
