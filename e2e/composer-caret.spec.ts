import type { Page } from '@playwright/test';
import { trpcMutation } from './api';
import { pickEmoji } from './composer';
import { expect, signInAndOpenInbox, test } from './fixtures';

/**
 * On a slow machine frames come late. Whatever a list puts into the composer (a teammate, a saved reply, an emoji)
 * must leave the caret after it at once: keys the agent types straight on follow it, before and after the next frame.
 * (The caret used to be placed in a frame; typing that went on across it was split in two, as CI once caught.)
 */
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const frame = window.requestAnimationFrame.bind(window);
    const late = new Map<number, number>();
    let next = 1;
    window.requestAnimationFrame = (callback) => {
      const id = next++;
      late.set(id, window.setTimeout(() => late.delete(id) && frame(callback), 300));
      return id;
    };
    window.cancelAnimationFrame = (id) => {
      window.clearTimeout(late.get(id));
      late.delete(id);
    };
  });
});

/** Resolves on the frame after every one already asked for (they are all equally late). */
const nextFrame = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));

test('a teammate, a saved reply and an emoji leave the caret after them while frames are late', async ({ page, workspace }) => {
  const huda = await workspace.addUser('agent', 'Huda Caret');
  const customer = await workspace.addConversation('riyadh', { firstName: 'Caret', lastName: 'Customer', assignee: 'agent1' });
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await trpcMutation(page.request, 'savedReply.create', { shortcut: 'thanks', body: 'Thank you, {{contact.first_name}}.', language: 'en' });
  await page.goto(`/inbox?view=all&c=${customer.id}`);
  const pane = page.getByRole('region', { name: 'Conversation' });
  await expect(pane.getByRole('heading', { level: 2, name: customer.name })).toBeVisible();

  // A saved reply by "/", then typing on across a frame.
  const reply = pane.getByRole('textbox', { name: 'Message' });
  await reply.fill('/tha');
  await expect(pane.getByRole('listbox', { name: 'Saved replies' }).getByRole('option')).toHaveCount(1);
  await reply.press('Enter');
  await reply.pressSequentially(' See');
  await nextFrame(page);
  await reply.pressSequentially(' you');
  await expect(reply).toHaveValue('Thank you, Caret. See you');

  // An emoji at the caret, in the middle of the text.
  await reply.fill('Hello world');
  await pickEmoji(pane, reply, { caret: 5, search: 'thumbs up', name: 'Thumbs up' });
  await page.keyboard.type('!');
  await nextFrame(page);
  await page.keyboard.type('!');
  await expect(reply).toHaveValue('Hello👍\uFE0F!! world');

  // A teammate in a note.
  await pane.getByRole('tab', { name: 'Internal note' }).click();
  const note = pane.getByRole('textbox', { name: 'Note' });
  await note.pressSequentially('@hu');
  await expect(pane.getByRole('listbox', { name: 'Teammates' }).getByRole('option')).toHaveText([huda.name]);
  await note.press('Enter');
  await note.pressSequentially('one');
  await nextFrame(page);
  await note.pressSequentially(' more thing');
  await expect(note).toHaveValue(`@${huda.name} one more thing`);
  await note.press('Enter');
  await expect(pane.locator('li[data-direction="note"]')).toContainText(`@${huda.name} one more thing`);
});
