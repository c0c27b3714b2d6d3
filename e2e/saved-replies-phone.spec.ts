import { trpcMutation } from './api';
import { expect, signInInAnyLanguage, test } from './fixtures';

/** Saved replies and emoji on a phone (390 × 844): the same "/" flow and picker, within the screen. */
test.use({ viewport: { width: 390, height: 844 } });

test('on a phone, "/" inserts a saved reply and the emoji picker fits the screen', async ({ page, workspace }) => {
  await signInInAnyLanguage(page, workspace.users.supervisor.email);
  await trpcMutation(page.request, 'savedReply.create', { shortcut: 'welcome', body: 'Hi {{contact.first_name | there}}!', language: 'en' });
  // On a phone the views live in the drawer (e2e/agent-day-layout.spec.ts): the All view by its address.
  await page.goto('/inbox?view=all');
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('خالد العتيبي');
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByRole('listitem', { name: 'خالد العتيبي' }).first().click();
  const pane = page.getByRole('region', { name: 'Conversation' });
  const box = pane.getByRole('textbox', { name: 'Message' });
  await box.fill('/wel');
  await expect(pane.getByRole('listbox', { name: 'Saved replies' }).getByRole('option')).toHaveCount(1);
  await box.press('Enter');
  await expect(box).toHaveValue('Hi خالد!');
  await pane.getByRole('button', { name: 'Emoji' }).click();
  const picker = pane.getByRole('dialog', { name: 'Choose an emoji' });
  const box2 = await picker.boundingBox();
  expect(box2!.x).toBeGreaterThanOrEqual(0);
  expect(box2!.x + box2!.width).toBeLessThanOrEqual(390);
  await picker.getByRole('searchbox', { name: 'Search emoji' }).fill('rose');
  await picker.getByRole('gridcell', { name: 'Rose', exact: true }).click();
  await expect(box).toHaveValue('Hi خالد!🌹');
});
