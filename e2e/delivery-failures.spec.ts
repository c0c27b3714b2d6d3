import postgres from 'postgres';
import { e2eDatabaseUrl } from './database-url';
import { E2E_PASSWORD, expect, signInAndOpenInbox, test } from './fixtures';

/**
 * A message that was not delivered says why in the reader's language, and offers Retry exactly when the channel's
 * adapter called the failure transient. Each test has a workspace of its own (the fixture's), with an Arabic agent
 * added where the test needs one.
 */
test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('an Arabic agent reads why WhatsApp refused a message (131047) in Arabic, with no Retry', async ({ page, workspace }) => {
    const rana = await workspace.addUser('agent', 'رنا القحطاني', { locale: 'ar' });
    const { id: conversationId } = await workspace.addConversation('riyadh', { firstName: 'عميل', lastName: 'فشل', text: 'مرحبا' });

    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(rana.email);
    await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
    await page.goto(`/inbox?view=all&c=${conversationId}`);

    const pane = page.getByRole('region', { name: 'المحادثة' });
    await pane.getByRole('textbox', { name: 'الرسالة' }).fill('سنعود إليك قريبًا #131047-sync');
    await pane.getByRole('button', { name: 'إرسال', exact: true }).click();

    // Meta's answer reaches the open pane live (the message.status event carries the failure): no reload.
    const failed = pane.locator('li[data-direction="out"][data-status="failed"]');
    await expect(failed.getByRole('note')).toHaveText('لم تُسلَّم: أُغلقت النافذة؛ أرسل قالبًا.');
    await expect(failed.getByRole('button', { name: 'إعادة المحاولة' })).toHaveCount(0);

    // And the same after a reload, from the message list.
    await page.reload();
    await expect(pane.locator('li[data-direction="out"][data-status="failed"]').getByRole('note')).toHaveText(
      'لم تُسلَّم: أُغلقت النافذة؛ أرسل قالبًا.',
    );
  });
});

test('Retry is offered for a transient failure (80007 after its last attempt) and not for a permanent one', async ({ page, workspace }) => {
  const { id: conversationId } = await workspace.addConversation('riyadh', { firstName: 'Failures', lastName: 'Customer' });
  const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    // Failed as the send job leaves them: a WABA rate limit after six attempts, and an undeliverable number.
    await sql`
      insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body, status, error_code,
        error_reason, failure_kind, error_data, author_id)
      select c.workspace_id, c.id, c.channel_id, 'out', 'text', x.body, 'failed', x.code, x.reason, x.kind::failure_kind,
        x.data::jsonb, ${workspace.users.admin.id}::uuid
      from conversations c,
        (values ('rate limited one', '80007', 'The WhatsApp account’s rate limit was reached. (gave up after 6 attempts)',
                 'transient', '{"attempts": 6}'),
                ('undeliverable one', '131026', 'Message undeliverable: the number may not be on WhatsApp.', 'permanent', null))
          as x(body, code, reason, kind, data)
      where c.id = ${conversationId}`;
  } finally {
    await sql.end();
  }

  await signInAndOpenInbox(page, workspace.users.admin.email);
  await page.goto(`/inbox?view=all&c=${conversationId}`);
  const pane = page.getByRole('region', { name: 'Conversation' });
  const limited = pane.locator('li[data-direction="out"]').filter({ hasText: 'rate limited one' });
  const undeliverable = pane.locator('li[data-direction="out"]').filter({ hasText: 'undeliverable one' });

  await expect(limited.getByRole('note')).toContainText(
    'Not delivered: The WhatsApp account’s rate limit was reached. (gave up after 6 attempts)',
  );
  await expect(undeliverable.getByRole('note')).toContainText(
    'Not delivered: Message undeliverable: the number may not be on WhatsApp, may use an old version of WhatsApp',
  );
  await expect(undeliverable.getByRole('button', { name: 'Retry' })).toHaveCount(0);

  await limited.getByRole('button', { name: 'Retry' }).click();
  // Requeued, then sent by the worker through the fake Graph API: the failure note goes away live.
  await expect(limited).not.toHaveAttribute('data-status', 'failed');
  await expect(limited.getByRole('note')).toHaveCount(0);
  await expect(limited).toHaveAttribute('data-status', /^(sent|delivered|read)$/);
});
