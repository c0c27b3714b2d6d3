import { trpcMutation } from './api';
import { expect, signInAndOpenInbox, test } from './fixtures';
import { signInOverHttp } from './session';

test('a number whose WhatsApp API hangs is shown as not answering, on its queued messages and its card, until it answers again', async ({
  page,
  request,
  workspace,
}) => {
  test.setTimeout(120_000);
  // The workspace's own Riyadh number: hanging it holds up nobody else's sends.
  const RIYADH = workspace.channels.riyadh.phoneNumberId!;
  await signInOverHttp(request, workspace.users.admin.email);
  const created = await workspace.addConversation('riyadh', { firstName: 'Hung', lastName: 'API', text: 'Are you there?' });

  // Meta's side stops answering this number's sends.
  expect((await request.post(`/dev/graph/_fake/numbers/${RIYADH}`, { data: { hang_sends: true } })).ok()).toBe(true);
  try {
    for (let i = 0; i < 6; i++) {
      await trpcMutation(request, 'message.send', {
        conversationId: created.id,
        clientKey: crypto.randomUUID(),
        content: { kind: 'text', text: `Still there? ${i}` },
      });
    }
    await signInAndOpenInbox(page, workspace.users.admin.email);
    await page.goto(`/inbox?view=all&c=${created.id}`);
    const notice = page.getByTestId('not-answering').first();
    await expect(notice).toHaveText(/WhatsApp is not answering for this number/, { timeout: 40_000 });

    await page.goto('/admin/numbers');
    const card = page.locator(`[data-phone-number-id="${RIYADH}"]`);
    await expect(card.getByTestId('number-not-answering')).toContainText('WhatsApp is not answering for this number');
  } finally {
    await request.post(`/dev/graph/_fake/numbers/${RIYADH}`, { data: { hang_sends: false } });
  }
  // It resumes by itself: a probe gets through, the breaker closes, and the card says so live.
  const card = page.locator(`[data-phone-number-id="${RIYADH}"]`);
  await expect(card.getByTestId('number-not-answering')).toHaveCount(0, { timeout: 40_000 });
});
