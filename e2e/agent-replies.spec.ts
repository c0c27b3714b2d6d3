import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { meaningEnvelope, meaningValue, reactionEntry, textEntry } from '../server/channels/whatsapp/meaning-fixtures';
import { expect, signInAndOpenInbox, test, type TSeededWorkspace } from './fixtures';
import { postSignedWebhook } from './webhooks';

/**
 * An agent replies to a specific message of the customer (the composer shows what it replies to, with a cancel; the
 * sent message shows its quote) and reacts to one (the reaction shows on the message, beside the customer's own,
 * and can be removed; no bubble comes of it), through the app's Graph API fake. Outside the window a reaction is
 * refused like text. Customer messages are posted as signed webhooks (server/channels/whatsapp/meaning-fixtures.ts).
 */
async function postSigned(
  request: APIRequestContext,
  workspace: TSeededWorkspace,
  from: string,
  name: string,
  entry: Record<string, unknown>,
) {
  const number = workspace.channels.riyadh;
  const body = JSON.stringify(meaningEnvelope(meaningValue(number.phoneNumberId!, { from, name }, entry)));
  await postSignedWebhook(request, number, body);
}

const customer = () => ({
  from: `9665${Math.floor(Math.random() * 1e8)
    .toString()
    .padStart(8, '0')}`,
  name: `Replies ${randomUUID().slice(0, 6)}`,
});
const ago = (s: number) => new Date(Date.now() - s * 1000);

async function open(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: /^Unassigned/ })
    .click();
  await page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name }).click();
  return page.getByRole('log', { name: 'Messages' });
}

test('an agent replies to a specific message and reacts to one', async ({ page, request, workspace }) => {
  const agent = await workspace.addUser('agent', 'Reem Harbi');
  await signInAndOpenInbox(page, agent.email);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  const { from, name } = customer();
  const asked = `wamid.e2e.${randomUUID()}`;
  await postSigned(request, workspace, from, name, textEntry(asked, 'Can I change my delivery address?', ago(120)));
  await postSigned(request, workspace, from, name, textEntry(`wamid.e2e.${randomUUID()}`, 'Also, is it gift-wrapped?', ago(100)));
  const log = await open(page, name);
  const incoming = (body: string) => log.locator('li[data-direction="in"]').filter({ hasText: body });
  const question = incoming('Can I change my delivery address?');
  await expect(question).toBeVisible();

  // Reply: the composer says to what, and the choice can be cancelled.
  await question.getByRole('button', { name: 'Reply' }).click();
  const replyingTo = page.locator('[data-replying-to]');
  await expect(replyingTo).toContainText('Replying to Customer');
  await expect(replyingTo).toContainText('Can I change my delivery address?');
  await replyingTo.getByRole('button', { name: 'Cancel reply' }).click();
  await expect(replyingTo).toHaveCount(0);
  await question.getByRole('button', { name: 'Reply' }).click();
  await page.getByRole('textbox', { name: 'Message' }).fill('Yes, send me the new one');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(replyingTo).toHaveCount(0);

  // Our message keeps what it quoted, and goes out (the fake accepts a reply's context like Meta).
  const ours = log.locator('li[data-direction="out"]').filter({ hasText: 'Yes, send me the new one' });
  await expect(ours.locator('[data-quote="found"]')).toContainText('Can I change my delivery address?');
  await expect(ours).toHaveAttribute('data-status', /^(sent|delivered|read)$/);

  // React: on the message, beside the customer's own reaction, never as a bubble.
  const count = await log.locator('li').count();
  await question.getByRole('button', { name: 'React' }).click();
  await question.getByRole('group', { name: 'React' }).getByRole('button', { name: 'React with 👍' }).click();
  await expect(question.locator('[data-agent-reaction]')).toHaveAttribute('data-agent-reaction', '👍');
  await expect(question.getByRole('img', { name: 'You reacted 👍' })).toBeVisible();
  await postSigned(request, workspace, from, name, reactionEntry(`wamid.e2e.${randomUUID()}`, asked, '❤️', ago(5)));
  await expect(question.locator('[data-reaction]')).toHaveAttribute('data-reaction', '❤️');
  await expect(question.locator('[data-agent-reaction]')).toHaveAttribute('data-agent-reaction', '👍');

  // Another emoji replaces ours; removing it leaves the customer's.
  await question.getByRole('button', { name: 'React', exact: true }).click();
  await question.getByRole('button', { name: 'React with 🙏' }).click();
  await expect(question.locator('[data-agent-reaction]')).toHaveAttribute('data-agent-reaction', '🙏');
  await question.getByRole('button', { name: 'React', exact: true }).click();
  await question.getByRole('button', { name: 'Remove reaction' }).click();
  await expect(question.locator('[data-agent-reaction]')).toHaveCount(0);
  await expect(question.locator('[data-reaction]')).toHaveAttribute('data-reaction', '❤️');
  expect(await log.locator('li').count()).toBe(count);
  // Our own message offers no reaction (WhatsApp's business reacts to the customer's messages).
  await expect(ours.getByRole('button', { name: 'React', exact: true })).toHaveCount(0);
});

test('a reaction outside the window is refused like text', async ({ page, request, workspace }) => {
  const agent = await workspace.addUser('agent', 'Reem Harbi');
  await signInAndOpenInbox(page, agent.email);
  const { from, name } = customer();
  await postSigned(request, workspace, from, name, textEntry(`wamid.e2e.${randomUUID()}`, 'Thanks for yesterday', ago(25 * 3600)));
  const log = await open(page, name);
  const message = log.locator('li[data-direction="in"]').filter({ hasText: 'Thanks for yesterday' });
  await message.getByRole('button', { name: 'React', exact: true }).click();
  await message.getByRole('button', { name: 'React with ❤️' }).click();
  await expect(page.getByText('The 24-hour window has closed: send an approved template instead.')).toBeVisible();
  await expect(message.locator('[data-agent-reaction]')).toHaveCount(0);
});
