import { expect, type Locator } from '@playwright/test';

/**
 * Puts an emoji into the composer of a conversation pane the way an agent does: the caret at `caret` in the text
 * already typed, the Emoji button, a search, the emoji's cell. Returns once the picker has closed.
 */
export async function pickEmoji(pane: Locator, box: Locator, options: { caret: number; search: string; name: string }) {
  await box.evaluate((el: HTMLTextAreaElement, at) => el.setSelectionRange(at, at), options.caret);
  await pane.getByRole('button', { name: 'Emoji' }).click();
  const picker = pane.getByRole('dialog', { name: 'Choose an emoji' });
  await picker.getByRole('searchbox', { name: 'Search emoji' }).fill(options.search);
  await picker.getByRole('gridcell', { name: options.name, exact: true }).click();
  await expect(picker).toHaveCount(0);
}
