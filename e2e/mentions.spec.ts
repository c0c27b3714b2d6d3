import { E2E_PASSWORD, expect, signInAndOpenInbox, test } from './fixtures';
import { signInOverHttp } from './session';

/**
 * @mentions in internal notes, across two browsers: the author picks a teammate from the listbox with the keyboard;
 * the teammate's open inbox is told at once (a toast naming author and contact that opens the conversation), the tab
 * title counts it, and the Mentions view lists it, marked unread until opened. Each test seeds its own workspace and
 * its own mentioned teammate (nobody else's unread work in their counts).
 */
test('a mention in a note notifies the teammate in another browser, and the Mentions view lists it', async ({ browser, workspace }) => {
  const author = workspace.users.agent1;
  const huda = await workspace.addUser('agent', 'Huda Mentioned');
  const customer = await workspace.addConversation('riyadh', { firstName: 'Mention', lastName: 'Customer', assignee: 'agent1' });

  const authorContext = await browser.newContext();
  const hudaContext = await browser.newContext();
  const writer = await authorContext.newPage();
  const reader = await hudaContext.newPage();
  await signInAndOpenInbox(reader, huda.email);
  await expect(reader.locator('[data-connection="connected"]')).toBeVisible();
  await expect(reader).toHaveTitle('Nafidha');
  const mentionsLink = reader.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: /^Mentions/ });
  await expect(mentionsLink.locator('[data-count]')).toHaveText('0');

  await signInAndOpenInbox(writer, author.email);
  await writer.goto(`/inbox?c=${customer.id}`);
  const pane = writer.getByRole('region', { name: 'Conversation' });
  await pane.getByRole('tab', { name: 'Internal note' }).click();
  const box = pane.getByRole('textbox', { name: 'Note' });
  await box.fill('Can ');
  await box.press('End');
  await box.pressSequentially('@hu');
  const teammates = pane.getByRole('listbox', { name: 'Teammates' });
  await expect(teammates.getByRole('option')).toHaveText(['Huda Mentioned']);
  // The author is not offered to themselves; the arrows move through the list, Enter chooses.
  await expect(teammates.getByRole('option', { name: author.name })).toHaveCount(0);
  await box.press('ArrowDown');
  await expect(teammates.getByRole('option', { name: 'Huda Mentioned' })).toHaveAttribute('aria-selected', 'true');
  await box.press('Enter');
  await expect(teammates).toHaveCount(0);
  await expect(box).toHaveValue('Can @Huda Mentioned ');
  await box.pressSequentially('approve the refund?');
  await pane.getByRole('button', { name: 'Add note' }).click();

  const stored = pane.locator('li[data-direction="note"]').filter({ hasText: 'approve the refund?' });
  await expect(stored).toContainText('Can @Huda Mentioned approve the refund?');
  await expect(stored.locator(`[data-mention-user-id="${huda.id}"]`)).toHaveText('@Huda Mentioned');

  // The other browser: told in words naming who and where, counted in the title and the Mentions link.
  const toast = reader
    .getByRole('status', { name: 'Notifications' })
    .getByRole('link', { name: `${author.name} mentioned you in a note on ${customer.name}.` });
  await expect(toast).toBeVisible();
  await expect(reader).toHaveTitle('(1) Nafidha');
  await expect(mentionsLink.locator('[data-count]')).toHaveText('1');
  await toast.click();
  await expect(reader).toHaveURL(new RegExp(`[?&]c=${customer.id}`));
  await expect(reader.getByRole('heading', { level: 2, name: customer.name })).toBeVisible();
  // Opened: read, in the title and the link alike.
  await expect(reader).toHaveTitle('Nafidha');
  await expect(mentionsLink.locator('[data-count]')).toHaveText('0');

  await mentionsLink.click();
  const list = reader.getByRole('list', { name: 'Conversations' });
  const row = list.getByRole('listitem', { name: customer.name });
  await expect(row).toBeVisible();
  await expect(row.locator('[data-mention-unread]')).toHaveCount(0);

  // A second mention, on the same conversation, brings it back unread, and survives a reload (it is stored).
  await box.fill('@Hud');
  await box.press('Enter');
  await box.pressSequentially('one more thing');
  await box.press('Enter');
  await expect(pane.locator('li[data-direction="note"]').filter({ hasText: 'one more thing' })).toBeVisible();
  await reader.goto('/inbox?view=mentions');
  await expect(list.getByRole('listitem', { name: customer.name }).locator('[data-mention-unread]')).toBeVisible();
  await expect(reader).toHaveTitle('(1) Nafidha');
  await authorContext.close();
  await hudaContext.close();
});

test('in Arabic: the listbox, the toast and the Mentions view speak Arabic', async ({ browser, workspace }) => {
  const writerContext = await browser.newContext({ locale: 'ar-SA' });
  const readerContext = await browser.newContext({ locale: 'ar-SA' });
  const rana = await workspace.addUser('agent', 'رنا القحطاني', { locale: 'ar' });
  const huda = await workspace.addUser('supervisor', 'هدى الشمري', { locale: 'ar' });
  const customer = await workspace.addConversation('riyadh', { firstName: 'عميل', lastName: 'الإشارة' });
  const writer = await writerContext.newPage();
  const reader = await readerContext.newPage();
  for (const [page, user] of [
    [writer, rana],
    [reader, huda],
  ] as const) {
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(user.email);
    await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
  }
  await expect(reader.locator('[data-connection="connected"]')).toBeVisible();

  await writer.goto(`/inbox?view=unassigned&c=${customer.id}`);
  const pane = writer.getByRole('region', { name: 'المحادثة' });
  await pane.getByRole('tab', { name: 'ملاحظة داخلية' }).click();
  const box = pane.getByRole('textbox', { name: 'الملاحظة' });
  // Arabic letter variants fold as in search: "هدي" finds "هدى".
  await box.pressSequentially('@هدي');
  await expect(pane.getByRole('listbox', { name: 'الزملاء' }).getByRole('option')).toHaveText(['هدى الشمري']);
  await box.press('Tab');
  await box.pressSequentially('راجعي الطلب');
  await box.press('Enter');

  const toast = reader.getByRole('status', { name: 'الإشعارات' });
  await expect(toast.getByRole('link', { name: `أشار إليك رنا القحطاني في ملاحظة على محادثة ${customer.name}.` })).toBeVisible();
  await reader.getByRole('navigation', { name: 'طرق العرض' }).getByRole('link', { name: /^الإشارات/ }).click();
  const row = reader.getByRole('list', { name: 'المحادثات' }).getByRole('listitem', { name: customer.name });
  await expect(row.locator('[data-mention-unread]')).toBeVisible();
  await writerContext.close();
  await readerContext.close();
});

test('a note naming someone outside the workspace is refused in words and stores nothing', async ({ page, request, workspace }) => {
  const customer = await workspace.addConversation('riyadh', { firstName: 'Refused', lastName: 'Mention', assignee: 'agent1' });
  await signInOverHttp(request, workspace.users.agent1.email);
  // The browser only offers teammates; the server checks every token itself, whatever a client sends.
  const refused = await request.post('/api/trpc/message.send', {
    data: {
      json: {
        conversationId: customer.id,
        clientKey: crypto.randomUUID(),
        content: { kind: 'note', text: 'hi <@00000000-0000-4000-8000-000000000000>' },
      },
    },
  });
  expect(refused.status()).toBe(400);
  // The browser words it from the detail (errorDetails.mentionNotAMember: "You can mention only active members…").
  expect(await refused.json()).toMatchObject({ error: { json: { data: { appCode: 'INVALID_INPUT', appDetail: 'mentionNotAMember' } } } });
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  await page.goto(`/inbox?c=${customer.id}`);
  await expect(page.getByRole('region', { name: 'Conversation' }).getByRole('heading', { level: 2, name: customer.name })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Conversation' }).locator('li[data-direction="note"]')).toHaveCount(0);
});
