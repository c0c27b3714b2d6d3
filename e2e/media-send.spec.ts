import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { meaningEnvelope, meaningValue, textEntry } from '../server/channels/whatsapp/meaning-fixtures';
import { expect, signInAndOpenInbox, test, type TSeededWorkspace } from './fixtures';
import { postSignedWebhook } from './webhooks';

/**
 * An agent attaches a photo (the file chooser behind "Attach file"), sees it uploading, then its preview, sends it
 * with the text as its caption, and sees it delivered: the real server uploads it to the app's Graph fake
 * (`POST /{phone-number-id}/media`) and sends the message by id, whose status webhooks tick it. A program renamed
 * or not is refused in the browser, in Arabic too, and nothing is attached.
 */
const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function customerWrites(request: APIRequestContext, workspace: TSeededWorkspace, text: string) {
  const from = `9665${Math.floor(Math.random() * 1e8)
    .toString()
    .padStart(8, '0')}`;
  const name = `Media ${randomUUID().slice(0, 6)}`;
  const number = workspace.channels.riyadh;
  const entry = textEntry(`wamid.e2e.${randomUUID()}`, text, new Date(Date.now() - 60_000));
  const body = JSON.stringify(meaningEnvelope(meaningValue(number.phoneNumberId!, { from, name }, entry)));
  await postSignedWebhook(request, number, body);
  return name;
}

async function open(page: Page, name: string, unassigned: RegExp) {
  await page.getByRole('navigation').first().getByRole('link', { name: unassigned }).click();
  await page.getByRole('list').filter({ has: page.getByRole('listitem', { name }) }).getByRole('listitem', { name }).click();
}

async function choose(page: Page, button: string, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(file);
}

test('an agent attaches a photo, sees it upload, sends it with a caption and sees it delivered', async ({ page, request, workspace }) => {
  const agent = await workspace.addUser('agent', 'Lina Saad');
  await signInAndOpenInbox(page, agent.email);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  const name = await customerWrites(request, workspace, 'My parcel arrived damaged');
  await open(page, name, /^Unassigned/);

  // The upload is held until the progress bar has been seen, then let through.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/uploads**', async (route) => {
    await held;
    await route.continue();
  });
  await choose(page, 'Attach file', { name: 'parcel.png', mimeType: 'image/png', buffer: TINY_PNG });
  const tray = page.getByRole('list', { name: 'Attachments' });
  await expect(tray.getByRole('progressbar', { name: 'Uploading parcel.png' })).toBeVisible();
  await expect(tray.getByRole('img', { name: 'parcel.png' })).toBeVisible();
  release();
  await expect(tray.getByText('Ready to send')).toBeVisible();
  await expect(tray.getByRole('progressbar')).toHaveCount(0);

  await page.getByRole('textbox', { name: 'Message' }).fill('Here is the label of the replacement');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(tray).toHaveCount(0);
  const sent = page.getByRole('log', { name: 'Messages' }).locator('li[data-direction="out"][data-media-kind="image"]');
  await expect(sent).toContainText('Here is the label of the replacement');
  // The agent's photo shows as the customer's do: its thumbnail, loaded through the app's media route.
  const photo = sent.getByRole('img', { name: 'Here is the label of the replacement' });
  await expect.poll(() => photo.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await expect(sent).toHaveAttribute('data-status', /delivered|read/);
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('');
});

test('a removed attachment is not sent, and a program is refused in the browser in Arabic', async ({ page, request, workspace }) => {
  const agent = await workspace.addUser('agent', 'Omar Nasser');
  await signInAndOpenInbox(page, agent.email);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  const name = await customerWrites(request, workspace, 'Can you send the invoice?');
  await open(page, name, /^Unassigned/);
  await choose(page, 'Attach file', { name: 'wrong.png', mimeType: 'image/png', buffer: TINY_PNG });
  const tray = page.getByRole('list', { name: 'Attachments' });
  await expect(tray.getByText('Ready to send')).toBeVisible();
  await tray.getByRole('button', { name: 'Remove attachment' }).click();
  await expect(tray).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();

  await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
  await expect(page.getByRole('button', { name: 'إرفاق ملف' })).toBeVisible();
  await choose(page, 'إرفاق ملف', { name: 'invoice.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ\x90\x00') });
  await expect(page.getByRole('alert').filter({ hasText: 'يبدو أن الملف invoice.exe برنامج، ولا يمكن إرسال البرامج.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'المرفقات' })).toHaveCount(0);
  await expect(page.getByRole('log').locator('li[data-direction="out"]')).toHaveCount(0);
});
