import { expect, signInAndOpenInbox, test } from './fixtures';

/** Date separators in the log and an older message's full date on hover (#17 item 3). */
test('the log marks each day, today as "Today", and every message gives its full date on hover', async ({ page, workspace }) => {
  // Telegram has no window: the agent can answer a day-old message in free form.
  const customer = await workspace.addConversation('telegram', {
    firstName: 'Days',
    lastName: 'Apart',
    ago: 50 * 3600 * 1000,
    text: 'Old question',
  });
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.goto(`/inbox?view=all&c=${customer.id}`);
  const pane = page.getByRole('region', { name: 'Conversation' });
  const log = pane.getByRole('log', { name: 'Messages' });
  await expect(log.locator('[data-direction="in"]')).toContainText('Old question');

  await pane.getByRole('textbox', { name: 'Message' }).fill('Sorry for the wait');
  await pane.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(log.locator('[data-direction="out"]')).toContainText('Sorry for the wait');

  const separators = log.locator('[data-day-separator]');
  await expect(separators).toHaveCount(2);
  await expect(separators.last()).toHaveText('Today');
  // Fifty hours ago is two or three days back: its separator gives the date.
  await expect(separators.first()).not.toHaveText(/Today|Yesterday/);
  await expect(separators.first()).toHaveText(/\d{4}/);
  await expect(log.locator('[data-direction="in"] time')).toHaveAttribute('title', /\d{4}/);
});
