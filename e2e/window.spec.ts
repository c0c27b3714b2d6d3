import type { Page } from '@playwright/test';
import { expect, signInAndOpenInbox, test, type TSeededWorkspace } from './fixtures';

async function openConversation(page: Page, name: string) {
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill(name);
  // The search applies after a short pause: click the row once it is a search result, as a person would.
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  return page.getByRole('region', { name: 'Conversation' });
}

/** A WhatsApp customer on the Riyadh number whose window closes `secondsLeft` from now. */
async function customerWithWindow(workspace: TSeededWorkspace, secondsLeft: number) {
  const { name } = await workspace.addConversation('riyadh', {
    firstName: 'Window',
    lastName: 'Test',
    text: 'Can you help me?',
    ago: (24 * 3600 - secondsLeft) * 1000,
  });
  return name;
}

test('a WhatsApp window counts down, reads "Template only" at zero, and the composer becomes the template picker', async ({
  page,
  workspace,
}) => {
  const name = await customerWithWindow(workspace, 120);
  await page.clock.install();
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: /^Unassigned/ })
    .click();
  const pane = await openConversation(page, name);

  const chip = pane.getByRole('timer');
  await expect(chip).toHaveAttribute('data-window-state', 'open');
  await expect(chip).toHaveText(/^0[01]:\d\d$/);
  await expect(chip).toHaveAttribute('aria-label', /^Window closes in \d+ (minute|second)/);
  const rowChip = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name }).getByRole('timer');
  await expect(rowChip).toHaveAttribute('data-closes-at', (await chip.getAttribute('data-closes-at'))!);

  await pane.getByRole('textbox', { name: 'Message' }).fill('Draft I was typing');
  await page.clock.fastForward('03:00');

  await expect(chip).toHaveText('Template only');
  await expect(chip).toHaveAttribute('data-window-state', 'template_only');
  await expect(rowChip).toHaveText('Template only');
  await expect(pane.getByRole('status').filter({ hasText: 'window just closed' })).toBeVisible();
  await expect(pane.getByText('Draft I was typing')).toBeVisible();

  const picker = pane.getByRole('region', { name: 'Template' });
  await picker.getByRole('searchbox', { name: 'Search templates' }).fill('follow');
  await picker.getByRole('combobox', { name: 'Choose template' }).selectOption({ label: 'follow_up · en · utility' });
  await expect(picker.getByRole('textbox', { name: 'customer_name' })).toHaveValue('Window');
  const send = picker.getByRole('button', { name: 'Send template' });
  await expect(send).toBeDisabled();
  await picker.getByRole('textbox', { name: 'topic' }).fill('your delivery');
  await expect(picker.getByTestId('template-preview')).toContainText(
    'Hello Window, we are following up on your request about your delivery.',
  );
  await send.click();

  const sent = pane.getByRole('log', { name: 'Messages' }).locator('[data-direction="out"]').last();
  await expect(sent).toContainText('your delivery');
  await expect(sent).toHaveAttribute('data-status', /queued|sent|delivered|read/);
});

test('the server refuses free-form text after the lapse even when this browser’s clock says otherwise', async ({ page, workspace }) => {
  await page.clock.install();
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Mine/ }).click();
  await page.getByRole('tab', { name: 'Closed' }).click();
  const pane = await openConversation(page, 'نورة الشمري');
  await expect(pane.getByRole('region', { name: 'Template' })).toBeVisible();
  // Wind this browser's clock back three days: locally the window looks open again.
  await page.clock.setSystemTime(new Date(Date.now() - 3 * 24 * 3600 * 1000 + 3600 * 1000));
  await expect(pane.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await pane.getByRole('textbox', { name: 'Message' }).fill('Are you still there?');
  await pane.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(pane.getByRole('alert')).toContainText('send an approved template');
  await expect(pane.getByRole('region', { name: 'Template' })).toBeVisible();
});

test('Messenger in the tag period shows the human agent notice; Instagram past 7 days cannot send; Telegram shows no chip', async ({
  page,
  workspace,
}) => {
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  let pane = await openConversation(page, 'Daniel Hughes');
  await expect(pane.getByRole('timer')).toHaveAttribute('data-window-state', 'tag');
  await expect(pane.getByRole('timer')).toHaveText(/^Human agent · \d+d \d+h$/);
  await expect(pane.getByRole('note').filter({ hasText: 'human agent tag' })).toBeVisible();
  await expect(pane.getByRole('textbox', { name: 'Message' })).toBeEnabled();

  pane = await openConversation(page, 'Leila Khan');
  await expect(pane.getByRole('timer')).toHaveText('Closed to outbound');
  await expect(pane.getByRole('textbox', { name: 'Message' })).toBeDisabled();
  await expect(pane.getByRole('status').filter({ hasText: 'customer writes again' })).toBeVisible();
  await pane.getByRole('tab', { name: 'Internal note' }).click();
  await expect(pane.getByRole('textbox', { name: 'Note' })).toBeEnabled();

  pane = await openConversation(page, 'Sam Patel');
  await expect(pane.getByRole('timer')).toHaveCount(0);
});

test('a free-form reply goes out and its ticks move to read', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  const pane = await openConversation(page, 'Sam Patel');
  const text = 'Your parcel ships today';
  await pane.getByRole('textbox', { name: 'Message' }).fill(text);
  await pane.getByRole('textbox', { name: 'Message' }).press('Enter');
  const sent = pane.getByRole('log', { name: 'Messages' }).locator('[data-direction="out"]', { hasText: text });
  await expect(sent).toBeVisible();
  await expect(pane.getByRole('textbox', { name: 'Message' })).toHaveValue('');
  await expect(sent).toHaveAttribute('data-status', 'read', { timeout: 15_000 });
});
