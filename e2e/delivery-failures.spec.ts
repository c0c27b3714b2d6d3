import { expect, test, type APIRequestContext } from '@playwright/test';
import postgres from 'postgres';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { trpcMutation, trpcQuery } from './api';
import { signInAndOpenInbox } from './fixtures';
import { signInOverHttp } from './session';

/**
 * A message that was not delivered says why in the reader's language, and offers Retry exactly when the channel's
 * adapter called the failure transient. The Arabic agent is created here (not one of the shared demo people).
 */
const EMAIL = 'rana@nafidha.test';
const PASSWORD = 'nafidha-demo';

function database() {
  const server = new URL(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/nafidha_e2e_${process.env.E2E_PORT || '3200'}`;
  return postgres(server.toString(), { max: 1, onnotice: () => {} });
}

test.beforeAll(async () => {
  const sql = database();
  try {
    const [user] = await sql`
      insert into users (email, name, password_hash, locale) values (${EMAIL}, 'رنا القحطاني', ${await hashPassword(PASSWORD)}, 'ar')
      on conflict (email) do update set name = excluded.name returning id`;
    await sql`
      insert into memberships (workspace_id, user_id, role)
      select id, ${user!.id}, 'agent' from workspaces where name = 'Demo' on conflict do nothing`;
  } finally {
    await sql.end();
  }
});

/** A customer who just wrote to a demo WhatsApp number (its Graph API is the app's own fake). */
async function freshCustomer(request: APIRequestContext, name: string) {
  await signInOverHttp(request, 'admin@nafidha.test');
  const channels = await trpcQuery<{ id: string; name: string }[]>(request, 'simulator.channels');
  const { conversationId } = await trpcMutation<{ conversationId: string }>(request, 'simulator.inbound', {
    channelId: channels.find((c) => c.name === 'WhatsApp · Riyadh')!.id,
    from: `+9665${String(Date.now()).slice(-8)}`,
    name,
    text: 'مرحبا',
  });
  return conversationId;
}

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('an Arabic agent reads why WhatsApp refused a message (131047) in Arabic, with no Retry', async ({ page, request }) => {
    const name = `عميل فشل ${Date.now() % 100000}`;
    const conversationId = await freshCustomer(request, name);

    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(EMAIL);
    await page.getByLabel('كلمة المرور').fill(PASSWORD);
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

test('Retry is offered for a transient failure (80007 after its last attempt) and not for a permanent one', async ({ page, request }) => {
  const conversationId = await freshCustomer(request, `Failures ${Date.now() % 100000}`);
  const sql = database();
  try {
    // Failed as the send job leaves them: a WABA rate limit after six attempts, and an undeliverable number.
    await sql`
      insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body, status, error_code,
        error_reason, failure_kind, error_data, author_id)
      select c.workspace_id, c.id, c.channel_id, 'out', 'text', x.body, 'failed', x.code, x.reason, x.kind::failure_kind,
        x.data::jsonb, (select id from users where email = 'admin@nafidha.test')
      from conversations c,
        (values ('rate limited one', '80007', 'The WhatsApp account’s rate limit was reached. (gave up after 6 attempts)',
                 'transient', '{"attempts": 6}'),
                ('undeliverable one', '131026', 'Message undeliverable: the number may not be on WhatsApp.', 'permanent', null))
          as x(body, code, reason, kind, data)
      where c.id = ${conversationId}`;
  } finally {
    await sql.end();
  }

  await signInAndOpenInbox(page, 'admin@nafidha.test');
  await page.goto(`/inbox?view=all&c=${conversationId}`);
  const pane = page.getByRole('region', { name: 'Conversation' });
  const limited = pane.locator('li[data-direction="out"]').filter({ hasText: 'rate limited one' });
  const undeliverable = pane.locator('li[data-direction="out"]').filter({ hasText: 'undeliverable one' });

  await expect(limited.getByRole('note')).toContainText(
    'Not delivered: The WhatsApp account’s rate limit was reached. (gave up after 6 attempts)',
  );
  await expect(undeliverable.getByRole('note')).toContainText('Not delivered: Message undeliverable: the number may not be on WhatsApp.');
  await expect(undeliverable.getByRole('button', { name: 'Retry' })).toHaveCount(0);

  await limited.getByRole('button', { name: 'Retry' }).click();
  // Requeued, then sent by the worker through the fake Graph API: the failure note goes away live.
  await expect(limited).not.toHaveAttribute('data-status', 'failed');
  await expect(limited.getByRole('note')).toHaveCount(0);
  await expect(limited).toHaveAttribute('data-status', /^(sent|delivered|read)$/);
});
