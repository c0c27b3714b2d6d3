import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signInInAnyLanguage, test } from './fixtures';

/**
 * axe-core on the pages of an agent's and an admin's day, in both languages (#17 item 11): no critical or serious
 * violation of WCAG 2.1 A/AA, and each page has its `main` landmark and an `h1`. A violation fails the test with
 * its rule, its impact and the elements it found, so the report says what to fix.
 */

const TEXT = {
  en: { locale: 'en-GB', conversation: 'Conversation', template: 'Template', choose: 'Choose template' },
  ar: { locale: 'ar-SA', conversation: 'المحادثة', template: 'القالب', choose: 'اختر قالبًا' },
} as const;

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

async function expectAccessible(page: Page) {
  await expect(page.locator('main')).toHaveCount(1);
  await expect(page.locator('h1')).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
}

for (const lang of ['en', 'ar'] as const) {
  const text = TEXT[lang];
  test.describe(lang, () => {
    test.use({ locale: text.locale });

    test('the inbox, a conversation and the template picker', async ({ page, workspace }) => {
      const agent = await workspace.addUser('supervisor', 'Axe Agent', { locale: lang });
      await signInInAnyLanguage(page, agent.email);
      await page.goto('/inbox?view=all');
      await expect(page.locator('[data-conversation-id]').first()).toBeVisible();
      // The active view's count (the contrast axe found) is on screen.
      await expect(page.locator('[aria-current="page"] [data-count]')).not.toBeEmpty();
      await expectAccessible(page);

      await page.goto(`/inbox?view=all&c=${workspace.conversations.emma.id}`);
      const pane = page.getByRole('region', { name: text.conversation, exact: true });
      await expect(pane.locator('[data-direction]').first()).toBeVisible();
      await expectAccessible(page);

      // نورة's window lapsed days ago: the composer is the template picker; a template chosen shows its preview.
      await page.goto(`/inbox?view=all&status=closed&c=${workspace.conversations.noura.id}`);
      const picker = pane.getByRole('region', { name: text.template });
      await expect(picker).toBeVisible();
      const choose = picker.getByRole('combobox', { name: text.choose });
      await choose.selectOption({ index: 1 });
      await expectAccessible(page);
    });

    test('settings and the numbers page', async ({ page, workspace }) => {
      const admin = await workspace.addUser('admin', 'Axe Admin', { locale: lang });
      await signInInAnyLanguage(page, admin.email);
      for (const path of ['/settings/workspace', '/settings/users', '/admin/numbers']) {
        await page.goto(path);
        await expect(page.locator('h1')).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expectAccessible(page);
      }
    });
  });
}
