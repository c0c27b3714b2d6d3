import type { APIRequestContext } from '@playwright/test';
import { expect, signInInAnyLanguage, test, type TSeededWorkspace } from './fixtures';
import { postSignedWebhook } from './webhooks';

/**
 * A customer stops marketing messages from their chat (WhatsApp's user_preferences webhook, posted signed in the
 * shape of Meta's reference: server/services/whatsapp/user-preferences.ts): the conversation says so, the template
 * picker offers no marketing template to them, utility templates still go; in English and in Arabic.
 */
const LANGUAGES = {
  en: {
    locale: 'en-US',
    region: 'Template',
    choose: 'Choose template',
    line: 'The customer stopped marketing messages',
    note: /stopped marketing messages on/,
  },
  ar: {
    locale: 'ar-SA',
    region: 'القالب',
    choose: 'اختر قالبًا',
    line: 'أوقف العميل الرسائل التسويقية',
    note: /أوقف هذا العميل الرسائل التسويقية في/,
  },
} as const;

async function postPreference(request: APIRequestContext, workspace: TSeededWorkspace, waId: string, value: 'stop' | 'resume') {
  const number = workspace.channels.riyadh;
  const change = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: number.displayPhoneNumber, phone_number_id: number.phoneNumberId },
    contacts: [{ wa_id: waId }],
    user_preferences: [
      {
        wa_id: waId,
        detail: `User requested to ${value} marketing messages`,
        category: 'marketing_messages',
        value,
        timestamp: Math.floor(Date.now() / 1000),
      },
    ],
  };
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: number.wabaId, changes: [{ field: 'user_preferences', value: change }] }],
  });
  await postSignedWebhook(request, number, body);
}

for (const [language, text] of Object.entries(LANGUAGES)) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: text.locale });

    test('a customer who stopped marketing messages is offered no marketing template; utility ones still go', async ({
      page,
      request,
      workspace,
    }) => {
      // A lapsed window: the composer is the template picker.
      const customer = await workspace.addConversation('riyadh', { firstName: 'Opt', lastName: `Out ${language}`, ago: 26 * 3600 * 1000 });
      await postPreference(request, workspace, customer.phone.replace(/^\+/, ''), 'stop');
      const supervisor = await workspace.addUser('supervisor', language === 'ar' ? 'نوال القحطاني' : 'Nawal Qahtani', {
        locale: language as 'en' | 'ar',
      });
      await signInInAnyLanguage(page, supervisor.email);
      await page.goto(`/inbox?view=all&c=${customer.id}`);

      const log = page.locator('[role="log"]');
      await expect(log.locator('li[data-direction="system"]').filter({ hasText: text.line })).toBeVisible();
      const picker = page.getByRole('region', { name: text.region });
      await expect(picker.locator('[data-marketing-opt-out]')).toHaveText(text.note);
      const choose = picker.getByRole('combobox', { name: text.choose });
      await expect(choose.locator('option', { hasText: 'summer_offer' })).toBeDisabled();
      await expect(choose.locator('option', { hasText: 'follow_up · en' })).toBeEnabled();
    });
  });
}
