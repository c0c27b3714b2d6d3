import { expect, test } from '@playwright/test';
import { DEMO_USERS } from '../db/seed/demo-users';
import { signInAndOpenInbox } from './fixtures';

/**
 * The one spec on the demo data the server seeds at first start: every login the server prints signs in and lands
 * on an inbox with the demo's conversations. It only reads, so it runs beside the specs on their own workspaces.
 */
test.describe('the demo logins', () => {
  for (const user of DEMO_USERS) {
    test(`the demo ${user.key} (${user.role}) signs in and lands on the inbox`, async ({ page }) => {
      await signInAndOpenInbox(page, user.email);
      await expect(page.getByRole('group', { name: 'Account' }).getByText(user.name)).toBeVisible();
    });
  }

  test('the demo agent sees the demo’s seeded conversations, live', async ({ page }) => {
    await signInAndOpenInbox(page, 'agent1@nafidha.test');
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toHaveAttribute('data-connection', 'connected');
    const list = page.getByRole('list', { name: 'Conversations' });
    await expect(list.getByRole('listitem').first()).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search conversations' }).fill('Emma Walker');
    await expect(list.getByRole('listitem', { name: 'Emma Walker' })).toBeVisible();
  });
});
