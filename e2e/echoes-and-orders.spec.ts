import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import {
  bookingAnswers,
  echoTextEntry,
  echoValue,
  flowReplyEntry,
  orderEntry,
  sampleOrderItems,
} from '../server/channels/whatsapp/echo-fixtures';
import { meaningEnvelope, meaningValue, textEntry } from '../server/channels/whatsapp/meaning-fixtures';
import { expect, signInInAnyLanguage, test, type TSeededWorkspace } from './fixtures';
import { postSignedWebhook } from './webhooks';

/**
 * What the business sent from the WhatsApp Business app on its phone (`smb_message_echoes`), a Flow's answers
 * (`nfm_reply`) and a catalog order, posted as signed webhooks in the shapes of Meta's reference pages (see
 * server/channels/whatsapp/echo-fixtures.ts), as an agent reads them in the open pane, live, in English and Arabic.
 */
const LANGUAGES = {
  en: {
    locale: 'en-US',
    views: 'Views',
    unassigned: /^Unassigned/,
    list: 'Conversations',
    messages: 'Messages',
    live: 'Live',
    sentFromPhone: 'Sent from the phone',
    formSubmitted: 'Form submitted',
    order: 'Order · 3 items',
    total: 'Total',
    amount: '28.48',
  },
  ar: {
    locale: 'ar-SA',
    views: 'طرق العرض',
    unassigned: /^غير المسندة/,
    list: 'المحادثات',
    messages: 'الرسائل',
    live: 'مباشر',
    sentFromPhone: 'أُرسلت من الهاتف',
    formSubmitted: 'أُرسل النموذج',
    order: 'طلب · ٣ منتجات',
    total: 'الإجمالي',
    amount: '٢٨٫٤٨',
  },
} as const;

async function postSigned(request: APIRequestContext, workspace: TSeededWorkspace, field: string, value: Record<string, unknown>) {
  const number = workspace.channels.riyadh;
  const envelope = meaningEnvelope(value);
  envelope.entry[0]!.changes[0]!.field = field;
  const body = JSON.stringify(envelope);
  await postSignedWebhook(request, number, body);
}

for (const [language, text] of Object.entries(LANGUAGES)) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: text.locale });

    test('an echo from the phone, a Flow reply and an order read as what they are', async ({ page, request, workspace }) => {
      const agent = await workspace.addUser('agent', language === 'ar' ? 'ريم الشهري' : 'Reem Shehri', { locale: language as 'en' | 'ar' });
      await signInInAnyLanguage(page, agent.email);
      await page.getByRole('navigation', { name: text.views }).getByRole('link', { name: text.unassigned }).click();
      await expect(page.getByRole('status').filter({ hasText: text.live })).toBeVisible();

      const number = workspace.channels.riyadh.phoneNumberId!;
      const from = `9665${Math.floor(Math.random() * 1e8)
        .toString()
        .padStart(8, '0')}`;
      const name = `Echoes ${language} ${randomUUID().slice(0, 6)}`;
      const ago = (s: number) => new Date(Date.now() - s * 1000);
      await postSigned(
        request,
        workspace,
        'messages',
        meaningValue(number, { from, name }, textEntry(`wamid.e2e.${randomUUID()}`, 'Is the Ajwa in stock?', ago(300))),
      );

      const row = page.getByRole('list', { name: text.list }).getByRole('listitem', { name });
      await row.click();
      const log = page.getByRole('log', { name: text.messages });
      await expect(log.locator('li[data-direction="in"]').filter({ hasText: 'Is the Ajwa in stock?' })).toBeVisible();

      // The owner answers from the WhatsApp Business app: an outbound bubble marked as sent from the phone, live.
      await postSigned(
        request,
        workspace,
        'smb_message_echoes',
        echoValue(number, from, [echoTextEntry(`wamid.e2e.${randomUUID()}`, 'Yes, 500 g boxes', ago(240))], name),
      );
      const echo = log.locator('li[data-direction="out"][data-sent-from="phone"]');
      await expect(echo).toContainText('Yes, 500 g boxes');
      await expect(echo.getByTestId('sent-from-phone')).toContainText(text.sentFromPhone);
      await expect(echo).toHaveAttribute('data-status', 'sent');
      await expect(row).toContainText('Yes, 500 g boxes');

      // The customer books with a Flow: its answers as a list, without the flow token.
      await postSigned(
        request,
        workspace,
        'messages',
        meaningValue(number, { from, name }, flowReplyEntry(`wamid.e2e.${randomUUID()}`, JSON.stringify(bookingAnswers), ago(180))),
      );
      const flow = log.locator('li[data-direction="in"]').getByTestId('flow-reply');
      await expect(flow).toContainText(text.formSubmitted);
      await expect(flow.locator('[data-flow-field="full_name"]')).toContainText('Full name');
      await expect(flow.locator('[data-flow-field="full_name"]')).toContainText('Layla Haddad');
      await expect(flow.locator('[data-flow-field="party_size"]')).toContainText('4');
      await expect(flow).not.toContainText('AQAAAAACS5F');
      await expect(row).toContainText('📝 Layla Haddad');

      // And orders: items, quantities and the total in the reader's formats.
      await postSigned(
        request,
        workspace,
        'messages',
        meaningValue(number, { from, name }, orderEntry(`wamid.e2e.${randomUUID()}`, sampleOrderItems, ago(120))),
      );
      const order = log.locator('li[data-direction="in"]').getByTestId('order');
      await expect(order).toContainText(text.order);
      await expect(order.locator('[data-order-item="dates-ajwa-500g"]')).toBeVisible();
      await expect(order).toContainText(text.total);
      await expect(order.getByTestId('order-total')).toContainText(text.amount);
      await expect(order).toContainText('Please deliver after 5');
      await expect(row).toContainText('🛒');
      await page.screenshot({ path: test.info().outputPath(`echoes-and-orders-${language}.png`) });
    });
  });
}
