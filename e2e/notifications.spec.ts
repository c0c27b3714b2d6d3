import { trpcMutation } from './api';
import { expect, signInAndOpenInbox, test } from './fixtures';
import { signInOverHttp } from './session';

/**
 * The profile's "A new conversation is assigned to me" decides the in-app toast: on (the default), an agent's open
 * tab says so when an admin hands them a conversation; off, the same hand-over arrives (the Mine view shows it) with
 * no toast, while a customer writing in it still is.
 */
test('the assigned-to-me toast follows the profile’s notification preference', async ({ page, request, workspace }) => {
  const agent = workspace.users.agent1;
  const first = await workspace.addConversation('riyadh', { firstName: 'Toast', lastName: 'Wanted', text: 'First' });
  const second = await workspace.addConversation('riyadh', { firstName: 'Toast', lastName: 'Muted', text: 'Second' });
  await signInOverHttp(request, workspace.users.admin.email);

  await signInAndOpenInbox(page, agent.email);
  await expect(page.locator('[data-connection="connected"]')).toBeVisible();
  const notifications = page.getByRole('status', { name: 'Notifications' });
  await trpcMutation(request, 'conversation.assign', { id: first.id, assigneeId: agent.id });
  // Named, and a link that opens the conversation (issue 17: "toasts name the contact").
  await expect(notifications.getByRole('link', { name: `${first.name} was assigned to you.` })).toBeVisible();

  await page.getByRole('group', { name: 'Account' }).getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('checkbox', { name: 'A new conversation is assigned to me' }).uncheck();
  await page.getByRole('button', { name: 'Save notification preferences' }).click();
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('status')).toHaveText('Saved.');

  await page.goto('/inbox?view=mine');
  await expect(page.locator('[data-connection="connected"]')).toBeVisible();
  await trpcMutation(request, 'conversation.assign', { id: second.id, assigneeId: agent.id });
  await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name: second.name })).toBeVisible();
  // Toasts keep the order of the events: once the customer's message (always toasted) shows, an assigned toast
  // would already be there.
  await trpcMutation(request, 'simulator.inbound', { channelId: workspace.channels.riyadh.id, from: second.phone, name: second.name, text: 'Still there?' });
  await expect(notifications.getByText(`New message from ${second.name} in one of your conversations.`)).toBeVisible();
  // Counted once, not awaited: toasts leave after six seconds, so a retrying assertion would pass on any tab.
  expect(await notifications.getByText(`${second.name} was assigned to you.`).count()).toBe(0);
});
