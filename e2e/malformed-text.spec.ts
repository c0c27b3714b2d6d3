import type { Locator } from '@playwright/test';
import { expect, signInAndOpenInbox, test, watchServerErrors } from './fixtures';

/**
 * Half an emoji (a lone surrogate) typed or pasted by an agent cannot be stored as typed: it is refused in words, the
 * draft is kept, and nothing is stored (it used to be stored silently as U+FFFD).
 */
async function typeLoneSurrogate(box: Locator) {
  // Built inside the page: sent through the protocol, a lone surrogate would be replaced before it reached the input.
  await box.evaluate((element) => {
    const input = element as HTMLTextAreaElement;
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
    setter.call(input, `Half an emoji ${String.fromCharCode(0xd83d)} here`);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

test('a note with half an emoji is refused in words, its draft kept, nothing stored', async ({ page, workspace }) => {
  const errors = watchServerErrors(page);
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  await page.getByRole('searchbox', { name: 'Search conversations' }).fill('Sam Patel');
  await page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name: 'Sam Patel' }).click();
  const pane = page.getByRole('region', { name: 'Conversation' });
  await pane.getByRole('tab', { name: 'Internal note' }).click();
  const box = pane.getByRole('textbox', { name: 'Note' });
  await typeLoneSurrogate(box);
  await pane.getByRole('button', { name: 'Add note' }).click();
  await expect(pane.getByRole('alert')).toHaveText(
    'The text contains a character that cannot be saved (a NUL or half of an emoji). Remove it and try again.',
  );
  await expect(box).toHaveValue(/^Half an emoji /);
  await expect(pane.getByRole('log', { name: 'Messages' }).getByText('Half an emoji')).toHaveCount(0);
  expect(errors).toEqual([]);
});
