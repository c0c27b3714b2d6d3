import { eq } from 'drizzle-orm';
import * as s from '../db/schema';
import { createMessage } from '../server/testing/factories';
import { expect, signInAndOpenInbox, test } from './fixtures';

/** Date separators in the log and an older message's full date on hover (#17 item 3). */
test('the log marks each day, today as "Today", and every message gives its full date on hover', async ({ page, workspace }) => {
  // Telegram has no window: the agent can answer a day-old message in free form.
  const customer = await workspace.addConversation('telegram', {
    firstName: 'Days',
    lastName: 'Apart',
    ago: 50 * 3600 * 1000,
    text: 'Old question',
  });
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.goto(`/inbox?view=all&c=${customer.id}`);
  const pane = page.getByRole('region', { name: 'Conversation' });
  const log = pane.getByRole('log', { name: 'Messages' });
  await expect(log.locator('[data-direction="in"]')).toContainText('Old question');

  await pane.getByRole('textbox', { name: 'Message' }).fill('Sorry for the wait');
  await pane.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(log.locator('[data-direction="out"]')).toContainText('Sorry for the wait');

  const separators = log.locator('[data-day-separator]');
  await expect(separators).toHaveCount(2);
  await expect(separators.last()).toHaveText('Today');
  // Fifty hours ago is two or three days back: its separator gives the date.
  await expect(separators.first()).not.toHaveText(/Today|Yesterday/);
  await expect(separators.first()).toHaveText(/\d{4}/);
  await expect(log.locator('[data-direction="in"] time')).toHaveAttribute('title', /\d{4}/);
});

/** The customer's earlier conversations on this channel, past "Conversation closed on …" (#17 item 3). */
test('scrolling up past "Conversation closed on …" reads the customer’s earlier conversation', async ({ page, workspace, seedDatabase }) => {
  const customer = await workspace.addConversation('telegram', { firstName: 'Came', lastName: 'Back', ago: 10 * 60_000, text: 'Newest question' });
  const [row] = await seedDatabase.db.select().from(s.conversations).where(eq(s.conversations.id, customer.id));
  const conversation = row!;
  const daysAgo = (d: number, minutes = 0) => new Date(Date.now() - d * 86_400_000 + minutes * 60_000);
  // Four days ago: a first conversation, closed. Then more than a page (50) of the current one.
  await createMessage(seedDatabase.db, conversation, { direction: 'in', body: 'My first order never came', at: daysAgo(4) });
  await createMessage(seedDatabase.db, conversation, { direction: 'out', body: 'Sorted, sorry!', at: daysAgo(4, 5) });
  const closedAt = daysAgo(4, 10);
  await seedDatabase.db.insert(s.messages).values({
    workspaceId: conversation.workspaceId,
    conversationId: conversation.id,
    channelId: conversation.channelId,
    direction: 'system',
    kind: 'event',
    body: 'Closed by Omar Khalil',
    payload: { event: 'closed', assigneeId: null, teamId: null, params: { actor: 'Omar Khalil' } },
    createdAt: closedAt,
  });
  for (let i = 0; i < 60; i++)
    await createMessage(seedDatabase.db, conversation, { direction: i % 2 ? 'out' : 'in', body: `Today ${i}`, at: daysAgo(0, -120 + i) });

  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.goto(`/inbox?view=all&c=${customer.id}`);
  const log = page.getByRole('region', { name: 'Conversation' }).getByRole('log', { name: 'Messages' });
  await expect(log).toContainText('Today 59');
  const separator = log.locator('[data-conversation-closed]');
  await expect(separator).toHaveCount(0);
  // Older pages load by the keyset cursor as the agent scrolls up.
  await expect(async () => {
    await log.evaluate((el) => (el.parentElement!.scrollTop = 0));
    await expect(separator).toHaveCount(1, { timeout: 1000 });
  }).toPass();
  await expect(separator).toHaveAttribute('data-conversation-closed', closedAt.toISOString());
  await expect(separator).toHaveText(/^Conversation closed on .*\d{4}/);
  await expect(log.getByText('My first order never came')).toBeVisible();
  // The earlier conversation is above the separator, the current one below it.
  const [earlier, later] = [await log.getByText('Sorted, sorry!').boundingBox(), await log.getByText('Today 0', { exact: true }).boundingBox()];
  const line = (await separator.boundingBox())!;
  expect(earlier!.y).toBeLessThan(line.y);
  expect(later!.y).toBeGreaterThan(line.y);
});
