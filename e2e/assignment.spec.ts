import type { Page } from '@playwright/test';
import { trpcQuery } from './api';
import { expect, signInAndOpenInbox, test } from './fixtures';
import { signInOverHttp } from './session';

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const list = (page: Page) => page.getByRole('list', { name: 'Conversations' });

test('seed 001 end to end: a template reopens and assigns to the sender; a supervisor reassigns it live', async ({ browser, workspace }) => {
  test.setTimeout(90_000); // three browsers signing in and acting in turn
  const contexts = await Promise.all([browser.newContext(), browser.newContext(), browser.newContext()]);
  const [agentA, supervisor, agentB] = await Promise.all(contexts.map((c) => c.newPage()));
  await signInAndOpenInbox(agentA!, workspace.users.agent1.email);
  await signInAndOpenInbox(supervisor!, workspace.users.supervisor.email);
  await signInAndOpenInbox(agentB!, workspace.users.agent2.email);
  const name = 'هدى العنزي';

  // Agent A: All → Closed → search → the lapsed WhatsApp conversation → send a template.
  await views(agentA!).getByRole('link', { name: /^All/ }).click();
  await agentA!.getByRole('tab', { name: 'Closed' }).click();
  await agentA!.getByRole('searchbox', { name: 'Search conversations' }).fill('هدي العنزي');
  await list(agentA!).getByRole('listitem', { name }).click();
  const pane = agentA!.getByRole('region', { name: 'Conversation' });
  await expect(pane.getByTestId('conversation-status')).toHaveText('Closed');
  await expect(pane.getByRole('timer')).toHaveText('Template only');
  const picker = pane.getByRole('region', { name: 'Template' });
  await picker.getByRole('combobox', { name: 'Choose template' }).selectOption({ label: 'still_there · en · utility' });
  await picker.getByRole('button', { name: 'Send template' }).click();
  await expect(pane.getByTestId('conversation-status')).toHaveText('Open');
  await expect(pane.getByTestId('conversation-assignee')).toHaveText('Sara Al-Qahtani');

  // It is in A's Mine; the supervisor sees it live in All → Open.
  await views(agentA!).getByRole('link', { name: /^Mine/ }).click();
  await agentA!.getByRole('tab', { name: 'Open' }).click();
  await agentA!.getByRole('searchbox', { name: 'Search conversations' }).fill('');
  await agentA!.getByRole('searchbox', { name: 'Search conversations' }).fill(name);
  await expect(list(agentA!).getByRole('listitem', { name })).toBeVisible();
  await views(supervisor!).getByRole('link', { name: /^All/ }).click();
  await supervisor!.getByRole('searchbox', { name: 'Search conversations' }).fill(name);
  await expect(list(supervisor!).getByRole('listitem', { name })).toContainText('Sara Al-Qahtani');

  // Agent B watches their Mine; the supervisor reassigns to B.
  await agentB!.getByRole('searchbox', { name: 'Search conversations' }).fill(name);
  await expect(agentB!.getByText('No conversations match this search.')).toBeVisible();
  await list(supervisor!).getByRole('listitem', { name }).click();
  const supervisorPane = supervisor!.getByRole('region', { name: 'Conversation' });
  await supervisorPane.getByRole('combobox', { name: 'Assignee' }).selectOption({ label: 'Yousef Mansour' });
  await expect(supervisorPane.getByTestId('conversation-assignee')).toHaveText('Yousef Mansour');

  await expect(list(agentA!).getByRole('listitem', { name })).toHaveCount(0);
  await expect(list(agentB!).getByRole('listitem', { name })).toBeVisible();
  await expect(agentB!.getByRole('status', { name: 'Notifications' })).toContainText('assigned to you');

  const log = supervisorPane.getByRole('log', { name: 'Messages' });
  await expect(log.locator('[data-direction="system"]').filter({ hasText: 'Reopened by Sara Al-Qahtani' })).toBeVisible();
  await expect(log.locator('[data-direction="system"]').filter({ hasText: 'Assigned to Sara Al-Qahtani' })).toBeVisible();
  await expect(log.locator('[data-direction="system"]').filter({ hasText: 'Assigned to Yousef Mansour by Omar Khalil' })).toBeVisible();
  await Promise.all(contexts.map((c) => c.close()));
});

test('a supervisor bulk-assigns 20 unassigned conversations in one go', async ({ page, request, workspace }) => {
  const batch = 'Bulk';
  for (let i = 0; i < 20; i += 5) {
    await Promise.all(
      [0, 1, 2, 3, 4].map((j) =>
        workspace.addConversation('line', { firstName: batch, lastName: `Customer${i + j}`, text: 'Hello from LINE', ago: (i + j + 1) * 60_000 }),
      ),
    );
  }

  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await views(page)
    .getByRole('link', { name: /^Unassigned/ })
    .click();
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill(batch);
  await expect(page).toHaveURL(new RegExp(`q=${batch}`));
  await expect(list(page).getByRole('listitem').first()).toContainText(batch);

  // Shift-click selects a range; "Select all matching" takes the whole list, beyond what is on screen.
  const boxes = list(page).getByRole('checkbox');
  await boxes.nth(0).click();
  await boxes.nth(3).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('4 selected');
  await page.getByRole('button', { name: 'Select all matching' }).click();
  await expect(page.getByTestId('selection-count')).toHaveText('All matching selected');

  const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
  await bar.getByRole('combobox', { name: 'Assign selected to' }).selectOption({ label: 'Emily Carter' });
  await bar.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByRole('status', { name: 'Notifications' })).toContainText('Assigned 20 conversations.');
  await expect(page.getByText('No conversations match this search.')).toBeVisible();

  await signInOverHttp(request, workspace.users.admin.email);
  const assigned = await trpcQuery<{ items: { assigneeName: string | null }[] }>(request, 'conversation.list', {
    view: 'all',
    q: batch,
    limit: 100,
  });
  expect(assigned.items).toHaveLength(20);
  expect(new Set(assigned.items.map((i) => i.assigneeName))).toEqual(new Set(['Emily Carter']));
});

test('close with a closing note, then reopen', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('Sam Patel');
  await list(page).getByRole('listitem', { name: 'Sam Patel' }).click();
  const pane = page.getByRole('region', { name: 'Conversation' });
  await pane.getByRole('button', { name: 'Close conversation' }).click();
  await pane.getByRole('combobox', { name: 'Closing category' }).selectOption('Resolved');
  await pane.getByRole('textbox', { name: 'Closing note text' }).fill('Shipped');
  await pane.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(pane.getByTestId('conversation-status')).toHaveText('Closed');
  await expect(
    pane
      .getByRole('log', { name: 'Messages' })
      .locator('[data-direction="system"]')
      .filter({ hasText: 'Closed by Sara Al-Qahtani (Resolved: Shipped)' }),
  ).toBeVisible();
  await pane.getByRole('button', { name: 'Reopen conversation' }).click();
  await expect(pane.getByTestId('conversation-status')).toHaveText('Open');
});
