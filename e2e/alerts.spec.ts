import { trpcMutation } from './api';
import { expect, signInAndOpenInbox, signInInAnyLanguage, test } from './fixtures';
import { signInOverHttp } from './session';

/**
 * What tells an agent that work is waiting: toasts that name the contact and open the conversation, the unread total
 * in the tab's title, the "Unread only" filter, and the browser's own notification while the tab is in the
 * background (with the permission granted to this browser context). Each test adds a fresh agent, so nobody else's
 * unread work is in their counts.
 */
test('a customer writing in my conversation: toast with a link, "(1) Nafidha", the Unread only filter; reading clears it', async ({
  page,
  request,
  workspace,
}) => {
  const huda = await workspace.addUser('agent', 'Huda Unread');
  const waiting = await workspace.addConversation('riyadh', { firstName: 'Unread', lastName: 'Customer' });
  const quiet = await workspace.addConversation('riyadh', { firstName: 'Quiet', lastName: 'Customer' });
  await signInOverHttp(request, workspace.users.admin.email);
  await trpcMutation(request, 'conversation.assign', { id: quiet.id, assigneeId: huda.id });
  // Read already, so only the next customer message counts.
  await signInOverHttp(request, huda.email);
  await trpcMutation(request, 'conversation.markRead', { id: quiet.id });

  await signInAndOpenInbox(page, huda.email);
  await expect(page.locator('[data-connection="connected"]')).toBeVisible();
  await expect(page).toHaveTitle('Nafidha');
  const notifications = page.getByRole('status', { name: 'Notifications' });

  await signInOverHttp(request, workspace.users.admin.email);
  await trpcMutation(request, 'conversation.assign', { id: waiting.id, assigneeId: huda.id });
  await expect(notifications.getByRole('link', { name: `${waiting.name} was assigned to you.` })).toBeVisible();
  // Assigned with its customer's message unread: counted.
  await expect(page).toHaveTitle('(1) Nafidha');

  await trpcMutation(request, 'simulator.inbound', { channelId: workspace.channels.riyadh.id, from: quiet.phone, name: quiet.name, text: 'Hello again' });
  const toast = notifications.getByRole('link', { name: `New message from ${quiet.name} in one of your conversations.` });
  await expect(toast).toBeVisible();
  await expect(page).toHaveTitle('(2) Nafidha');

  const list = page.getByRole('list', { name: 'Conversations' });
  // A click, not check(): the box shows the URL's state, which follows the navigation the click asked for.
  await page.getByRole('checkbox', { name: 'Unread only' }).click();
  await expect(page).toHaveURL(/[?&]unread=1/);
  await expect(page.getByRole('checkbox', { name: 'Unread only' })).toBeChecked();
  await expect(list.getByRole('listitem')).toHaveCount(2);

  // The toast opens its conversation; opening reads it, and the title and the filtered list follow.
  await toast.click();
  await expect(page).toHaveURL(new RegExp(`[?&]c=${quiet.id}`));
  await expect(page.getByRole('heading', { level: 2, name: quiet.name })).toBeVisible();
  await expect(page).toHaveTitle('(1) Nafidha');
  await page.reload();
  await expect(page).toHaveTitle('(1) Nafidha');
  await expect(page.getByRole('checkbox', { name: 'Unread only' })).toBeChecked();
  await list.getByRole('listitem', { name: waiting.name }).click();
  await expect(page).toHaveTitle('Nafidha');
});

test.describe('browser notifications', () => {
  test('with permission and the tab in the background: assigned to me, a customer writing, each named', async ({ browser, request, workspace }) => {
    const context = await browser.newContext();
    await context.grantPermissions(['notifications']);
    // The tab is in the background (Playwright's pages are always visible), and what the page shows as system
    // notifications is recorded beside the real ones.
    await context.addInitScript(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      const Real = window.Notification;
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(title);
        }
      }
      Object.defineProperty(Recorded, 'permission', { get: () => Real.permission });
      window.Notification = Recorded as typeof Notification;
    });
    const page = await context.newPage();
    const huda = await workspace.addUser('agent', 'Huda Notified');
    const customer = await workspace.addConversation('riyadh', { firstName: 'Notified', lastName: 'Customer' });

    await signInAndOpenInbox(page, huda.email);
    await page.goto('/profile');
    await expect(page.locator('[data-notification-permission="granted"]')).toHaveText(
      'This browser shows Nafidha’s notifications while its tab is in the background.',
    );
    await expect(page.getByRole('button', { name: 'Allow browser notifications' })).toHaveCount(0);
    await page.goto('/inbox');
    await expect(page.locator('[data-connection="connected"]')).toBeVisible();

    await signInOverHttp(request, workspace.users.admin.email);
    await trpcMutation(request, 'conversation.assign', { id: customer.id, assigneeId: huda.id });
    const shown = () => page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);
    await expect.poll(shown).toEqual([`${customer.name} was assigned to you.`]);
    await trpcMutation(request, 'simulator.inbound', { channelId: workspace.channels.riyadh.id, from: customer.phone, name: customer.name, text: 'Anyone?' });
    await expect.poll(shown).toEqual([`${customer.name} was assigned to you.`, `New message from ${customer.name} in one of your conversations.`]);

    // "A customer writes while Nafidha is in a background tab" off: the toast still shows, no system notification.
    await page.goto('/profile');
    await page.getByRole('checkbox', { name: 'A customer writes while Nafidha is in a background tab' }).uncheck();
    await page.getByRole('button', { name: 'Save notification preferences' }).click();
    await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('status')).toHaveText('Saved.');
    await page.goto('/inbox');
    await expect(page.locator('[data-connection="connected"]')).toBeVisible();
    await trpcMutation(request, 'simulator.inbound', { channelId: workspace.channels.riyadh.id, from: customer.phone, name: customer.name, text: 'Hello?' });
    await expect(
      page.getByRole('status', { name: 'Notifications' }).getByText(`New message from ${customer.name} in one of your conversations.`),
    ).toBeVisible();
    expect(await shown()).toEqual([]);
    await context.close();
  });

  test('not granted: the profile says so in Arabic, and offers the ask (a click) only while the browser has not decided', async ({
    browser,
    workspace,
  }) => {
    const context = await browser.newContext({ locale: 'ar-SA' });
    const page = await context.newPage();
    const rana = await workspace.addUser('agent', 'رنا الإشعارات', { locale: 'ar' });
    await signInInAnyLanguage(page, rana.email);
    await page.goto('/profile');
    const state = page.locator('[data-notification-permission]');
    await expect(state).toHaveAttribute('data-notification-permission', /^(default|denied)$/);
    const ask = page.getByRole('button', { name: 'السماح بإشعارات المتصفح' });
    if ((await state.getAttribute('data-notification-permission')) === 'default') {
      await expect(state).toHaveText('اسمح بها لتصلك التنبيهات عندما تكون نافذة في تبويب في الخلفية.');
      await expect(ask).toBeVisible();
    } else {
      await expect(state).toHaveText('يحظر هذا المتصفح إشعارات نافذة: اسمح بها من إعدادات الموقع في المتصفح.');
      await expect(ask).toHaveCount(0);
    }
    await context.close();
  });
});
