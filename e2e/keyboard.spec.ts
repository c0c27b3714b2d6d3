import { expect, signInAndOpenInbox, signInInAnyLanguage, test } from './fixtures';

/** The inbox without a mouse: a skip link, j/k and Alt+J/K between conversations, Escape back, "?" for the list. */
test('an agent works the inbox from the keyboard', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^All/ }).click();
  const list = page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('listitem').first()).toBeVisible();
  const ids = await list.getByRole('listitem').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-conversation-id')));
  const open = () => new URL(page.url()).searchParams.get('c');

  // On a fresh page the first Tab reaches the skip link, which goes straight to the list.
  await page.reload();
  await expect(list.getByRole('listitem').first()).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to conversations' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(list.getByRole('listitem').first()).toBeFocused();

  await page.keyboard.press('j');
  await expect.poll(open).toBe(ids[0]);
  await page.keyboard.press('j');
  await expect.poll(open).toBe(ids[1]);
  await page.keyboard.press('k');
  await expect.poll(open).toBe(ids[0]);

  // In the reply box a "j" is text; Alt+J still moves on.
  const pane = page.getByRole('region', { name: 'Conversation' });
  await page.keyboard.press('r');
  const reply = pane.getByRole('textbox', { name: 'Message' });
  await expect(reply).toBeFocused();
  await page.keyboard.type('just');
  await expect(reply).toHaveValue('just');
  expect(open()).toBe(ids[0]);
  await page.keyboard.press('Alt+KeyJ');
  await expect.poll(open).toBe(ids[1]);

  // Escape leaves the text field, then goes back to the list.
  await pane.getByRole('textbox', { name: 'Message' }).focus();
  await page.keyboard.press('Escape');
  await expect(pane.getByRole('textbox', { name: 'Message' })).not.toBeFocused();
  await page.keyboard.press('Escape');
  await expect.poll(open).toBeNull();
  // The focus lands on the row of the conversation just left, ready for j/k or Enter.
  await expect(list.locator(`[data-conversation-id="${ids[1]}"]`)).toBeFocused();

  // "/" is the search; "?" lists every shortcut.
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search conversations' })).toBeFocused();
  await page.keyboard.press('Escape');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('row')).toHaveCount(9);
  await expect(dialog).toContainText('Next conversation');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('the shortcuts dialog and the skip link read in Arabic', async ({ page, workspace }) => {
    const reader = await workspace.addUser('supervisor', 'سلمى الدوسري', { locale: 'ar' });
    await signInInAnyLanguage(page, reader.email);
    await page.reload();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'انتقل إلى المحادثات' })).toBeFocused();
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'اختصارات لوحة المفاتيح' })).toContainText('المحادثة التالية');
  });
});
