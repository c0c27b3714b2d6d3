import postgres from 'postgres';
import { e2eDatabaseUrl } from './database-url';
import { expect, signInAndOpenInbox, signInInAnyLanguage, test } from './fixtures';

/**
 * Every failure says why in the reader's language, for each code we know and with a generic sentence for the rest,
 * and offers what can be done: Retry where a retry may help, a template where the window had closed (131047). The
 * failures are stored as the send job leaves them (code, verdict, data), in a conversation of the test's own.
 */
async function failMessages(conversationId: string, authorId: string, rows: [body: string, code: string, kind: 'transient' | 'permanent', data: string | null][]) {
  const sql = postgres(e2eDatabaseUrl(), { max: 1, onnotice: () => {} });
  try {
    for (const [body, code, kind, data] of rows) {
      await sql`
        insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body, status, error_code,
          failure_kind, error_data, author_id)
        select c.workspace_id, c.id, c.channel_id, 'out', 'text', ${body}, 'failed', ${code}, ${kind}::failure_kind,
          ${data}::jsonb, ${authorId}::uuid
        from conversations c where c.id = ${conversationId}`;
    }
  } finally {
    await sql.end();
  }
}

const FAILURES: [string, string, 'transient' | 'permanent', string | null][] = [
  ['throughput one', '130429', 'transient', '{"attempts": 6}'],
  ['window one', '131047', 'permanent', null],
  ['spam one', '131048', 'permanent', null],
  ['unregistered one', '133010', 'permanent', null],
  ['unknown one', '999123', 'permanent', '{"title": "Something odd"}'],
];

test('in English: each reason in words, Retry only for the transient one, a template offered for the closed window', async ({ page, workspace }) => {
  const { id } = await workspace.addConversation('riyadh', { firstName: 'Failed', lastName: 'Sends', assignee: 'agent1' });
  await failMessages(id, workspace.users.agent1.id, FAILURES);
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  await page.goto(`/inbox?c=${id}`);
  const pane = page.getByRole('region', { name: 'Conversation' });
  const bubble = (text: string) => pane.locator('li[data-direction="out"][data-status="failed"]').filter({ hasText: text });

  await expect(bubble('throughput one').getByRole('note')).toHaveText(
    'Not delivered: WhatsApp’s throughput limit for this number was reached. (gave up after 6 attempts)',
  );
  await expect(bubble('window one').getByRole('note')).toHaveText('Not delivered: Window closed; send a template.');
  await expect(bubble('spam one').getByRole('note')).toHaveText(
    'Not delivered: WhatsApp restricted this number for spam (customers blocked or reported it): sending is limited for now.',
  );
  await expect(bubble('unregistered one').getByRole('note')).toHaveText(
    'Not delivered: This WhatsApp number is not registered with the Cloud API: an admin must register it.',
  );
  await expect(bubble('unknown one').getByRole('note')).toHaveText(
    'Not delivered: The channel refused the message (error 999123). The provider says: Something odd',
  );

  await expect(bubble('throughput one').getByRole('button', { name: 'Retry' })).toBeVisible();
  for (const permanent of ['window one', 'spam one', 'unregistered one', 'unknown one'])
    await expect(bubble(permanent).getByRole('button', { name: 'Retry' })).toHaveCount(0);
  for (const other of ['throughput one', 'spam one', 'unregistered one', 'unknown one'])
    await expect(bubble(other).getByRole('button', { name: 'Pick a template' })).toHaveCount(0);

  // The customer's window is still open on our clock: "Pick a template" opens the picker and goes to it.
  await pane.getByRole('tab', { name: 'Internal note' }).click();
  await bubble('window one').getByRole('button', { name: 'Pick a template' }).click();
  const picker = pane.getByRole('region', { name: 'Template' });
  await expect(picker).toBeVisible();
  await expect(picker.getByRole('combobox', { name: 'Choose template' })).toBeFocused();
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('the same failures read in Arabic, with إعادة المحاولة and اختر قالبًا where they apply', async ({ page, workspace }) => {
    const rana = await workspace.addUser('agent', 'رنا الإخفاق', { locale: 'ar' });
    const { id } = await workspace.addConversation('riyadh', { firstName: 'عميل', lastName: 'الإخفاق' });
    await failMessages(id, rana.id, FAILURES);
    await signInInAnyLanguage(page, rana.email);
    await page.goto(`/inbox?view=unassigned&c=${id}`);
    const pane = page.getByRole('region', { name: 'المحادثة' });
    const bubble = (text: string) => pane.locator('li[data-direction="out"][data-status="failed"]').filter({ hasText: text });

    await expect(bubble('throughput one').getByRole('note')).toContainText('توقفت المحاولات بعد 6 محاولات');
    await expect(bubble('window one').getByRole('note')).toHaveText('لم تُسلَّم: أُغلقت النافذة؛ أرسل قالبًا.');
    await expect(bubble('spam one').getByRole('note')).toHaveText(
      'لم تُسلَّم: قيّد واتساب هذا الرقم بسبب الإزعاج (حظره عملاء أو أبلغوا عنه): الإرسال محدود حاليًا.',
    );
    await expect(bubble('unregistered one').getByRole('note')).toHaveText('لم تُسلَّم: رقم واتساب هذا غير مسجَّل في Cloud API: على المسؤول تسجيله.');
    await expect(bubble('unknown one').getByRole('note')).toContainText('999123');
    await expect(bubble('throughput one').getByRole('button', { name: 'إعادة المحاولة' })).toBeVisible();
    await expect(bubble('spam one').getByRole('button', { name: 'إعادة المحاولة' })).toHaveCount(0);
    await expect(bubble('window one').getByRole('button', { name: 'اختر قالبًا' })).toBeVisible();
  });
});
