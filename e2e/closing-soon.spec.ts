import { expect, signInAndOpenInbox, test } from './fixtures';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * A waiting customer whose window closes within the workspace's lead times (60 and 15 minutes by default) alerts
 * their agent once: a toast with role="alert" naming them and the minutes left, which opens the conversation, and
 * the "Closing soon" view lists them soonest first. Time is set by the seeded timestamps: a customer who wrote
 * 23 h 50 min ago has 10 minutes left. They are seeded once the agent's tab is live, as an alert is a realtime event
 * (the e2e server sweeps every 2 s).
 */
test('an agent is alerted 10 minutes before a window closes, opens it from the alert and finds it in “Closing soon”', async ({
  page,
  workspace,
}) => {
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  await expect(page.locator('[data-connection="connected"]')).toBeVisible();
  const maya = await workspace.addConversation('riyadh', { firstName: 'Maya', lastName: 'Stone', assignee: 'agent1', ago: DAY - 10 * MINUTE });

  const alert = page.getByRole('alert').filter({ hasText: 'Maya Stone’s window closes in 10 minutes' });
  await expect(alert).toBeVisible();
  await alert.getByRole('button', { name: /Maya Stone/ }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]c=${maya.id}`));
  const pane = page.getByRole('region', { name: 'Conversation' });
  await expect(page.getByRole('heading', { level: 2, name: 'Maya Stone' })).toBeVisible();
  await expect(alert).toHaveCount(0);

  // The view: Emma Walker (the seeded story, 4 minutes left when seeded) and Maya, soonest first.
  const nav = page.getByRole('navigation', { name: 'Views' });
  const closingSoon = nav.getByRole('link', { name: /^Closing soon/ });
  await expect(closingSoon).toContainText('2');
  await closingSoon.click();
  await expect(page).toHaveURL(/view=closing/);
  const sort = page.getByRole('combobox', { name: 'Sort' });
  await expect(sort).toHaveValue('window');
  await expect(sort).toBeDisabled();
  const rows = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toHaveAccessibleName('Emma Walker');
  await expect(rows.nth(1)).toHaveAccessibleName('Maya Stone');

  // Answered: Maya is no longer waiting, so she leaves the view and its count, live.
  await pane.getByRole('textbox', { name: 'Message' }).fill('On it, one moment');
  await pane.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(closingSoon).toContainText('1');

  // In Arabic: the link, and a new alert in Arabic words and the workspace's Arabic-Indic digits.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  const navAr = page.getByRole('navigation', { name: 'طرق العرض' });
  await expect(navAr.getByRole('link', { name: /^تُغلق قريبًا/ })).toContainText('١');
  await expect(page.getByRole('status').filter({ hasText: 'مباشر' })).toHaveAttribute('data-connection', 'connected');
  await workspace.addConversation('jeddah', { firstName: 'سلمى', lastName: 'الحربي', assignee: 'agent1', ago: DAY - 5 * MINUTE });
  await expect(page.getByRole('alert').filter({ hasText: 'تُغلق نافذة سلمى الحربي خلال ٥ دقائق' })).toBeVisible();
  await expect(navAr.getByRole('link', { name: /^تُغلق قريبًا/ })).toContainText('٢');
});

test('an admin sets the lead times: refused in words out of order, saved in order, and “Closing soon” follows the first', async ({
  page,
  workspace,
}) => {
  await workspace.addConversation('riyadh', { firstName: 'Later', lastName: 'Today', ago: DAY - 45 * MINUTE });
  await signInAndOpenInbox(page, workspace.users.admin.email);
  const closingSoon = page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Closing soon/ });
  // Emma Walker (4 minutes left) and the customer with 45: both within the default first alert, 60 minutes.
  await expect(closingSoon).toContainText('2');

  await page.goto('/settings/workspace');
  const first = page.getByRole('spinbutton', { name: 'First alert (minutes before the window closes)' });
  const second = page.getByRole('spinbutton', { name: 'Second alert (minutes before; leave empty for none)' });
  await expect(first).toHaveValue('60');
  await expect(second).toHaveValue('15');
  await first.fill('10');
  await second.fill('30');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    'The second alert must come after the first: fewer minutes before the window closes.',
  );
  await first.fill('30');
  await second.fill('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await page.reload();
  await expect(first).toHaveValue('30');
  await expect(second).toHaveValue('');

  await page.goto('/inbox?view=closing');
  await expect(closingSoon).toHaveAttribute('aria-current', 'page');
  await expect(closingSoon).toContainText('1');
  await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('listitem')).toHaveText([/Emma Walker/]);
});
