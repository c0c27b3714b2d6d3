import { expect, test } from '@playwright/test';
import { trpcMutation, trpcQuery } from './api';
import { signInAndOpenInbox } from './fixtures';
import { signInOverHttp } from './session';

const RIYADH = '106540352242922';

test('a number whose WhatsApp API hangs is shown as not answering, on its queued messages and its card, until it answers again', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await signInOverHttp(request, 'admin@nafidha.test');
  const channelId = (await trpcQuery<{ id: string; name: string }[]>(request, 'simulator.channels')).find(
    (c) => c.name === 'WhatsApp · Riyadh',
  )!.id;
  const created = await trpcMutation<{ conversationId: string }>(request, 'simulator.inbound', {
    channelId,
    from: `+9665${String(Date.now()).slice(-8)}`,
    name: `Hung API ${Date.now()}`,
    text: 'Are you there?',
  });

  // Meta's side stops answering this number's sends.
  expect((await request.post(`/dev/graph/_fake/numbers/${RIYADH}`, { data: { hang_sends: true } })).ok()).toBe(true);
  try {
    for (let i = 0; i < 6; i++) {
      await trpcMutation(request, 'message.send', {
        conversationId: created.conversationId,
        clientKey: crypto.randomUUID(),
        content: { kind: 'text', text: `Still there? ${i}` },
      });
    }
    await signInAndOpenInbox(page, 'admin@nafidha.test');
    await page.goto(`/inbox?view=all&c=${created.conversationId}`);
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
