import type { Page } from '@playwright/test';
import { expect, signInAndOpenInbox, signInInAnyLanguage, test, type TSeededWorkspace } from './fixtures';

/**
 * The composer's template picker (#17 item 10): positional variables are labelled with the examples Meta was given
 * (or the words before them), the preview is the WhatsApp bubble the customer will see (header, body, footer,
 * buttons) with the agent's values in it, and the form starts afresh after a send. English and Arabic, 1440 × 900.
 */
test.use({ viewport: { width: 1440, height: 900 } });

const HOUR = 3_600_000;

async function lapsedCustomer(workspace: TSeededWorkspace, lastName: string) {
  return (await workspace.addConversation('riyadh', { firstName: 'Picker', lastName, text: 'Hello?', ago: 30 * HOUR, assignee: 'agent1' })).name;
}

async function open(page: Page, names: { views: string; mine: RegExp; search: string; region: string }, name: string) {
  await page.getByRole('navigation', { name: names.views }).getByRole('link', { name: names.mine }).click();
  await page.getByRole('searchbox', { name: names.search }).fill(name);
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByRole('listitem', { name }).first().click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  return page.getByRole('region', { name: names.region });
}

test('variables are labelled from the examples, the preview is the bubble, and the form resets after a send', async ({ page, workspace }) => {
  const name = await lapsedCustomer(workspace, 'Labels');
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  const pane = await open(page, { views: 'Views', mine: /^Mine/, search: 'Search conversations', region: 'Conversation' }, name);
  const picker = pane.getByRole('region', { name: 'Template' });
  const choose = picker.getByRole('combobox', { name: 'Choose template' });

  // A header variable and body variables, each said with its example; the bubble shows header, body and its button.
  await choose.selectOption({ label: 'summer_offer · en · marketing' });
  await expect(picker.getByRole('textbox', { name: 'Header {{1}} · e.g. Pablo' })).toBeVisible();
  await expect(picker.getByRole('textbox', { name: '{{1}} · e.g. SUMMER20' })).toBeVisible();
  const bubble = picker.getByRole('figure', { name: 'Preview of summer_offer' });
  await expect(bubble.locator('[data-part="header"]')).toHaveText('Act fast, {{1}}!');
  await expect(bubble.getByRole('list', { name: 'Buttons' }).getByRole('listitem')).toHaveText(['↩Unsubscribe']);

  await choose.selectOption({ label: 'order_update · en · utility' });
  const first = picker.getByRole('textbox', { name: '{{1}} · e.g. Sara' });
  // Pre-filled from nothing (a positional variable has no name to go by): the example is the placeholder.
  await expect(first).toHaveAttribute('placeholder', 'Sara');
  await first.fill('Picker');
  await picker.getByRole('textbox', { name: '{{2}} · e.g. A-1187' }).fill('B-2024');
  await picker.getByRole('textbox', { name: '{{3}} · e.g. 12 May' }).fill('3 June');
  const order = picker.getByRole('figure', { name: 'Preview of order_update' });
  await expect(order.locator('[data-part="body"]')).toHaveText('Hi Picker, your order B-2024 has shipped and will arrive on 3 June.');
  await expect(order.locator('[data-part="footer"]')).toHaveText('Nafidha Store');
  await expect(order.locator('[data-filled]')).toHaveCount(3);
  await picker.getByRole('button', { name: 'Send template' }).click();

  const sent = pane.getByRole('log', { name: 'Messages' }).locator('[data-direction="out"]').last();
  await expect(sent).toContainText('your order B-2024 has shipped');
  // Afresh for the next template: nothing chosen, no values, no preview.
  await expect(choose).toHaveValue('');
  await expect(picker.getByRole('textbox')).toHaveCount(0);
  await expect(picker.getByTestId('template-preview')).toHaveCount(0);
  await choose.selectOption({ label: 'order_update · en · utility' });
  await expect(picker.getByRole('textbox', { name: '{{2}} · e.g. A-1187' })).toHaveValue('');
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('the labels say the examples in Arabic and the bubble reads right to left', async ({ page, workspace }) => {
    const name = await lapsedCustomer(workspace, 'Arabic');
    await signInInAnyLanguage(page, workspace.users.agent1.email);
    const pane = await open(page, { views: 'طرق العرض', mine: /^محادثاتي/, search: 'البحث في المحادثات', region: 'المحادثة' }, name);
    const picker = pane.getByRole('region', { name: 'القالب' });
    await picker.getByRole('combobox', { name: 'اختر قالبًا' }).selectOption({ label: 'order_update · ar · خدمي' });
    await picker.getByRole('textbox', { name: '{{1}} · مثال: سارة' }).fill('بيكر');
    await expect(picker.getByRole('textbox', { name: '{{3}} · مثال: ١٢ مايو' })).toBeVisible();
    const bubble = picker.getByRole('figure', { name: 'معاينة order_update' });
    await expect(bubble).toHaveAttribute('dir', 'rtl');
    await expect(bubble.locator('[data-part="body"]')).toContainText('مرحباً بيكر، تم شحن طلبك رقم {{2}}');
  });
});
