import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { adReferral, textMessageEnvelope } from '../server/channels/whatsapp/envelopes';
import { E2E_PASSWORD, expect, signInAndOpenInbox, test, type TSeededWorkspace } from './fixtures';
import { postSignedWebhook } from './webhooks';

const HOUR = 3_600_000;
const FREE_ENTRY_MS = 72 * HOUR;

/** A new customer's first message, `ago` ms ago, from a click-to-WhatsApp ad: a signed webhook as Meta posts it. */
async function writeFromAd(request: APIRequestContext, workspace: TSeededWorkspace, name: string, ago: number, headline: string) {
  const number = workspace.channels.riyadh;
  const body = JSON.stringify(
    textMessageEnvelope({
      phoneNumberId: number.phoneNumberId!,
      displayPhoneNumber: number.displayPhoneNumber!,
      from: `9665${String(Date.now()).slice(-8)}`,
      name,
      id: `wamid.e2e.${randomUUID()}`,
      body: 'Is the summer offer still on?',
      timestamp: Math.floor((Date.now() - ago) / 1000),
      referral: adReferral(headline, 'ARAe2eClick42'),
    }),
  );
  await postSignedWebhook(request, number, body);
}

test('an ad-originated chat shows its referral; the reply starts the 72 h free entry point on the chip and in the picker', async ({
  page,
  request,
  workspace,
}) => {
  const name = 'Ad Customer';
  // The customer tapped the ad 23 hours ago: the reply still comes within the 24 h, and the window lapses an hour on.
  await writeFromAd(request, workspace, name, 23 * HOUR, 'Summer sale: free delivery');

  await page.clock.install();
  // All: the conversation stays in the list once the reply assigns it to the sender.
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('link', { name: /^All/ })
    .click();
  await page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name }).click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  const pane = page.getByRole('region', { name: 'Conversation' });

  const referral = pane.getByRole('complementary', { name: 'Where this chat started' });
  await expect(referral).toContainText('Started from an ad: Summer sale: free delivery');
  await expect(referral.getByRole('link', { name: 'View the ad' })).toHaveAttribute('href', 'https://fb.me/nafidha-demo-ad');
  await expect(referral).toContainText('ARAe2eClick42');

  // Not answered yet: no free entry point.
  const chip = pane.getByRole('timer');
  await expect(chip).toHaveAttribute('data-window-state', 'open');
  await expect(chip).not.toHaveAttribute('data-free-entry-until', /.+/);

  const before = Date.now();
  await pane.getByRole('textbox', { name: 'Message' }).fill('Yes, until Friday!');
  await pane.getByRole('button', { name: 'Send' }).click();
  await expect(pane.getByRole('log', { name: 'Messages' }).locator('[data-direction="out"]').last()).toHaveAttribute(
    'data-status',
    /sent|delivered|read/,
  );
  const after = Date.now();

  // Meta accepted the reply: templates are free for 72 h from it.
  await expect(chip).toHaveAttribute('data-free-entry-until', /^\d{4}-\d\d-\d\dT/);
  const until = Date.parse((await chip.getAttribute('data-free-entry-until'))!);
  expect(until).toBeGreaterThanOrEqual(before + FREE_ENTRY_MS - 60_000);
  expect(until).toBeLessThanOrEqual(after + FREE_ENTRY_MS + 60_000);
  await expect(chip).toHaveAttribute('title', /Free entry point: templates are free until/);
  // The list row's chip hears it live too (the realtime row carries the entry point's end).
  const rowChip = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name }).getByRole('timer');
  await expect(rowChip).toHaveAttribute('data-free-entry-until', new Date(until).toISOString());

  // Two hours on the free-form window has lapsed (the entry point does not change that): the picker, with its mark.
  await page.clock.fastForward('02:00:00');
  await expect(chip).toHaveAttribute('data-window-state', 'template_only');
  await expect(chip).toHaveAttribute('data-free-entry-until', new Date(until).toISOString());
  const picker = pane.getByRole('region', { name: 'Template' });
  const mark = picker.getByRole('note').filter({ hasText: 'Free entry point: templates are free until' });
  await expect(mark).toBeVisible();
  await expect(mark).toHaveAttribute('data-free-entry-until', new Date(until).toISOString());
  // Inside the entry point even a marketing template is free, and the picker says why.
  await picker.getByRole('combobox', { name: 'Choose template' }).selectOption({ label: 'summer_offer · en · marketing' });
  await expect(picker.locator('[data-template-cost]')).toHaveText('Free');
  await expect(picker.getByTestId('template-cost-reason')).toContainText('this chat came from an ad');
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('the referral card, the chip hint and the picker mark read in Arabic', async ({ page, request, workspace, seedDatabase }) => {
    const name = 'عميل الإعلان';
    // Tapped the ad 30 hours ago and was answered 6 hours after: the window has lapsed, the entry point runs.
    await writeFromAd(request, workspace, name, 30 * HOUR, 'عرض الصيف');
    await seedDatabase.db.execute(sql`
      update conversations set referral_answered_at = now() - interval '24 hours',
        free_entry_until = now() + interval '48 hours'
      where workspace_id = ${workspace.id} and referral is not null`);

    const maha = await workspace.addUser('agent', 'مها العتيبي');
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(maha.email);
    await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await page.getByRole('navigation', { name: 'طرق العرض' }).getByRole('link', { name: /^الكل/ }).click();
    await page.getByRole('list', { name: 'المحادثات' }).getByRole('listitem', { name }).click();
    const pane = page.getByRole('region', { name: 'المحادثة' });

    await expect(pane.getByRole('complementary', { name: 'من أين بدأت هذه المحادثة' })).toContainText('بدأت من إعلان: عرض الصيف');
    const chip = pane.getByRole('timer');
    await expect(chip).toHaveAttribute('data-window-state', 'template_only');
    await expect(chip).toHaveAttribute('data-free-entry-until', /^\d{4}-/);
    await expect(chip).toHaveAttribute('title', /نقطة دخول مجانية: القوالب مجانية حتى/);
    await expect(
      pane.getByRole('region', { name: 'القالب' }).getByRole('note').filter({ hasText: 'نقطة دخول مجانية: القوالب مجانية حتى' }),
    ).toBeVisible();
  });
});
