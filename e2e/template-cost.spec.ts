import type { Page } from '@playwright/test';
import { expect, signInAndOpenInbox, test, type TSeededWorkspace } from './fixtures';

const HOUR = 3_600_000;

/** A Saudi customer on the Riyadh number, assigned to `assignee`, who last wrote `ago` milliseconds ago. */
async function customer(workspace: TSeededWorkspace, lastName: string, ago: number, assignee: 'agent1' | 'admin' = 'agent1') {
  const { name } = await workspace.addConversation('riyadh', { firstName: 'Cost', lastName, text: 'Hello?', ago, assignee });
  return name;
}

async function openConversation(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Mine/ }).click();
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill(name);
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  return page.getByRole('region', { name: 'Conversation' });
}

test('the picker prices templates: a utility one is free inside the window, charged once it lapsed; marketing is always charged', async ({
  page,
  workspace,
}) => {
  const inWindow = await customer(workspace, 'Inside', HOUR);
  const lapsed = await customer(workspace, 'Lapsed', 30 * HOUR);
  await signInAndOpenInbox(page, workspace.users.agent1.email);

  let pane = await openConversation(page, inWindow);
  await expect(pane.getByRole('timer')).toHaveAttribute('data-window-state', 'open');
  await pane.getByRole('button', { name: 'Use a template' }).click();
  let picker = pane.getByRole('region', { name: 'Template' });
  await picker.getByRole('combobox', { name: 'Choose template' }).selectOption({ label: 'follow_up · en · utility' });
  const cost = picker.locator('[data-template-cost]');
  await expect(cost).toHaveText('Free');
  await expect(picker.getByTestId('template-cost-reason')).toHaveText(
    'Utility templates are free while the customer service window is open.',
  );
  await picker.getByRole('combobox', { name: 'Choose template' }).selectOption({ label: 'summer_offer · en · marketing' });
  // Saudi Arabia's marketing rate on the default card.
  await expect(cost).toHaveText('$0.0455');
  await expect(picker.getByTestId('template-cost-reason')).toHaveCount(0);
  // Back to free-form text: the picker goes, the message box is there.
  await pane.getByRole('button', { name: 'Write a message instead' }).click();
  await expect(pane.getByRole('textbox', { name: 'Message' })).toBeVisible();

  pane = await openConversation(page, lapsed);
  await expect(pane.getByRole('timer')).toHaveAttribute('data-window-state', 'template_only');
  picker = pane.getByRole('region', { name: 'Template' });
  await picker.getByRole('combobox', { name: 'Choose template' }).selectOption({ label: 'follow_up · en · utility' });
  await expect(picker.locator('[data-template-cost]')).toHaveText('$0.0115');
});

test('an admin’s rate replaces the default in the picker, a malformed one is refused in words, and the number’s spend adds the send', async ({
  page,
  workspace,
}) => {
  const lapsed = await customer(workspace, 'Rates', 30 * HOUR, 'admin');
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await page.goto('/settings/workspace');
  const form = page.getByRole('form', { name: 'Template rates' });
  const cell = form.getByRole('textbox', { name: 'Utility rate for Saudi Arabia' });
  await expect(cell).toHaveAttribute('placeholder', '0.0115');
  await cell.fill('-1');
  await form.getByRole('button', { name: 'Save rates' }).click();
  await expect(form.getByText('A rate cannot be negative.')).toBeVisible();
  await cell.fill('0.02');
  await form.getByRole('button', { name: 'Save rates' }).click();
  await expect(form.getByRole('status')).toHaveText('Rates saved.');

  await page.goto('/inbox');
  const pane = await openConversation(page, lapsed);
  const picker = pane.getByRole('region', { name: 'Template' });
  await picker.getByRole('combobox', { name: 'Choose template' }).selectOption({ label: 'follow_up · en · utility' });
  await expect(picker.locator('[data-template-cost]')).toHaveText('$0.02');
  await picker.getByRole('textbox', { name: 'topic' }).fill('your order');
  await picker.getByRole('button', { name: 'Send template' }).click();
  // The app's Graph fake reports it sent, delivered and read, as Meta would.
  await expect(pane.getByRole('log', { name: 'Messages' }).locator('[data-direction="out"]').last()).toHaveAttribute('data-status', 'read');

  await page.goto('/admin/numbers');
  const riyadh = page.getByRole('listitem', { name: 'WhatsApp · Riyadh' });
  await expect(riyadh.locator('[data-number-spend]')).toContainText('$0.02');
  await expect(riyadh.locator('[data-number-spend]')).toContainText('1 charged template, estimated at send time');
  await expect(page.getByRole('listitem', { name: 'WhatsApp · Jeddah' }).locator('[data-number-spend]')).toHaveText('No charges this month');
});
