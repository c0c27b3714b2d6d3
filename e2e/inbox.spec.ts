import { expect, test } from '@playwright/test';
import { signInAndOpenInbox } from './fixtures';

test('the inbox lists the signed-in agent’s seeded conversations, live', async ({ page }) => {
  await signInAndOpenInbox(page, 'agent1@nafidha.test');
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toHaveAttribute('data-connection', 'connected');

  const list = page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('listitem', { name: 'Emma Walker' })).toBeVisible();
  await expect(list.getByRole('listitem', { name: 'Sam Patel' })).toBeVisible();
  // Another agent's conversation is not in Mine.
  await expect(list.getByRole('listitem', { name: 'أحمد الزهراني' })).toHaveCount(0);

  const mine = page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Mine/ });
  await expect(mine).toHaveText(/Mine\s*\d+/);

  await page.getByRole('tab', { name: 'Closed' }).click();
  await expect(page).toHaveURL(/status=closed/);
  await expect(list.getByRole('listitem', { name: 'نورة الشمري' })).toBeVisible();
});

test('views and status live in the URL and survive a reload', async ({ page }) => {
  await signInAndOpenInbox(page, 'supervisor@nafidha.test');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^All/ }).click();
  await page.getByRole('tab', { name: 'Closed' }).click();
  await expect(page).toHaveURL(/view=all&status=closed/);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Closed' })).toHaveAttribute('aria-selected', 'true');
  const list = page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('listitem', { name: 'نورة الشمري' })).toBeVisible();
  // Beyond the first page of 50: reached through the next keyset page.
  await expect(list.getByRole('listitem')).toHaveCount(50);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(list.getByRole('listitem', { name: 'أحمد الزهراني' })).toBeVisible();
});
