import { expect, signInAndOpenInbox, test } from './fixtures';

const HOUR = 3_600_000;

test('the inbox lists the signed-in agent’s seeded conversations, live', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toHaveAttribute('data-connection', 'connected');

  const list = page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  // The list is virtualised: look specific rows up through search rather than scrolling for them.
  const search = page.getByRole('searchbox', { name: 'Search conversations' });
  for (const name of ['Emma Walker', 'Sam Patel']) {
    await search.fill(name);
    await expect(list.getByRole('listitem', { name })).toBeVisible();
  }
  await search.fill('أحمد الزهراني');
  await expect(page.getByText('No conversations match this search.')).toBeVisible();
  await search.fill('');

  const mine = page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Mine/ });
  await expect(mine).toHaveText(/Mine\s*\d+/);
  await page.getByRole('tab', { name: 'Closed' }).click();
  await expect(page).toHaveURL(/status=closed/);
  await expect(list.getByRole('listitem', { name: 'نورة الشمري' })).toBeVisible();
});

test('seed 001: Mine → Closed → search a phone number in another format → open it', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Mine/ }).click();
  await page.getByRole('tab', { name: 'Closed' }).click();
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('0551234567');
  await expect(page).toHaveURL(/q=0551234567/);
  const list = page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  const row = list.getByRole('listitem', { name: 'نورة الشمري' });
  await expect(row.locator('[data-match="phone"]')).toBeVisible();
  await row.click();
  await expect(page.getByRole('heading', { level: 2, name: 'نورة الشمري' })).toBeVisible();
  await expect(page.getByRole('log', { name: 'Messages' }).locator('[data-direction="in"]').first()).toBeVisible();
  await expect(page).toHaveURL(/c=[0-9a-f-]{36}/);
});

test('seed 001: All → Closed → search an Arabic name typed with another alef → open it', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^All/ }).click();
  await page.getByRole('tab', { name: 'Closed' }).click();
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('احمد الزهراني');
  const row = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name: 'أحمد الزهراني' });
  await row.click();
  await expect(page.getByRole('heading', { level: 2, name: 'أحمد الزهراني' })).toBeVisible();
  // A ta marbuta typed as ha finds the same person.
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('فاطمه');
  await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name: 'فاطمة الدوسري' })).toBeVisible();
});

test('filters and sorts change the list and the URL, and a reload restores them', async ({ page, workspace }) => {
  // A customer on the Dubai number whose window closes in 30 minutes from the seeding.
  const { name } = await workspace.addConversation('dubai', { firstName: 'Closing', lastName: 'Soon', ago: 24 * HOUR - 30 * 60_000 });

  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^All/ }).click();
  await page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Window closing soonest' });
  await page.getByRole('combobox', { name: 'Window' }).selectOption({ label: 'Closing within 1 h' });
  await page.getByRole('combobox', { name: 'Channel' }).selectOption({ label: 'WhatsApp · Dubai' });
  await expect(page).toHaveURL(/sort=window/);
  await expect(page).toHaveURL(/window=closing/);
  await expect(page).toHaveURL(/channel=[0-9a-f-]{36}/);
  // The list is virtualised: rows sorted below the viewport are not in the page, so narrow it to this customer.
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill(name);
  await expect(page).toHaveURL(/q=Closing/);
  const list = page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('listitem', { name })).toBeVisible();
  const before = await list.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('data-conversation-id')));

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('window');
  await expect(page.getByRole('combobox', { name: 'Window' })).toHaveValue('closing');
  await expect(list.getByRole('listitem', { name })).toBeVisible();
  expect(await list.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('data-conversation-id')))).toEqual(before);

  await page.getByRole('combobox', { name: 'Assignee' }).selectOption({ label: 'Sara Al-Qahtani' });
  await expect(list.getByRole('listitem', { name })).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole('combobox', { name: 'Assignee' })).toHaveValue('');
  await expect(list.getByRole('listitem', { name })).toBeVisible();
});

test('keyboard: / focuses search, arrows move between conversations, Enter opens', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  const list = page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search conversations' })).toBeFocused();

  await list.getByRole('listitem').first().focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = list.getByRole('listitem').nth(2);
  await expect(third).toBeFocused();
  const name = await third.getAttribute('aria-label');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: name! })).toBeVisible();
  await expect(third).toHaveAttribute('aria-current', 'true');
});

test('a long view scrolls through keyset pages', async ({ page, workspace }) => {
  // More closed conversations than two pages of 50 hold, each an hour older than the one before.
  for (let batch = 0; batch < 11; batch++) {
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        workspace.addConversation('telegram', {
          firstName: 'Archived',
          lastName: `Customer ${batch * 10 + i}`,
          status: 'closed',
          ago: (batch * 10 + i + 1) * HOUR,
        }),
      ),
    );
  }
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^All/ }).click();
  await page.getByRole('tab', { name: 'Closed' }).click();
  const scroller = page.getByTestId('conversation-scroller');
  const list = page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  // Beyond the first page of 50: scrolling to the end loads the next keyset page, and its rows render.
  await expect(async () => {
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const indexes = await list.getByRole('listitem').evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-index'))));
    expect(Math.max(...indexes)).toBeGreaterThanOrEqual(99);
  }).toPass();
  // Only the rows on screen are in the page, however many are loaded.
  expect(await list.getByRole('listitem').count()).toBeLessThan(40);
});
