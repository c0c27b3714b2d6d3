import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { accountUpdateEnvelope } from '../server/channels/whatsapp/account-update-fixtures';
import { meaningEnvelope, meaningValue, textEntry } from '../server/channels/whatsapp/meaning-fixtures';
import { expect, signInInAnyLanguage, test, type TSeededWorkspace } from './fixtures';
import { postSignedWebhook } from './webhooks';

/**
 * Meta's account_update (a restriction with its expiry, in the shape of Meta's reference page: see
 * server/channels/whatsapp/account-update-fixtures.ts) reaches an admin who is online as an alert toast, and the
 * numbers page shows the WABA's numbers needing attention with Meta's reason and until when; a customer's WhatsApp
 * username (2026 `contacts[].profile.username`) finds their conversation from the inbox search. In English and Arabic.
 */
const LANGUAGES = {
  en: {
    locale: 'en-US',
    restricted: 'Meta restricted this WhatsApp Business Account: no messages the business starts (templates).',
    toast: 'WhatsApp account: Meta restricted this WhatsApp Business Account',
    until: /Until .*2027/,
    heading: 'WhatsApp numbers',
    search: 'Search conversations',
    list: 'Conversations',
  },
  ar: {
    locale: 'ar-SA',
    restricted: 'قيّدت ميتا حساب واتساب للأعمال هذا: لا رسائل يبدؤها النشاط التجاري (القوالب).',
    toast: 'حساب واتساب: قيّدت ميتا حساب واتساب للأعمال هذا',
    until: /حتى .*(2027|٢٠٢٧)/,
    heading: 'أرقام واتساب',
    search: 'البحث في المحادثات',
    list: 'المحادثات',
  },
} as const;

async function postSigned(request: APIRequestContext, workspace: TSeededWorkspace, envelope: Record<string, unknown>) {
  const number = workspace.channels.riyadh;
  const body = JSON.stringify(envelope);
  await postSignedWebhook(request, number, body);
}

const RESTRICTION = {
  event: 'ACCOUNT_RESTRICTION',
  restriction_info: [{ restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiration: '2027-01-15T09:30:00+0000' }],
};

for (const [language, text] of Object.entries(LANGUAGES)) {
  test.describe(`in ${language}`, () => {
    // Wide enough for the contact panel beside the conversation.
    test.use({ locale: text.locale, viewport: { width: 1600, height: 900 } });

    test('an admin online is alerted to an account restriction and sees it with its expiry on the numbers page', async ({
      page,
      request,
      workspace,
    }) => {
      const admin = await workspace.addUser('admin', language === 'ar' ? 'ريم الحربي' : 'Reem Harbi', { locale: language as 'en' | 'ar' });
      await signInInAnyLanguage(page, admin.email);
      await expect(page.locator('[data-connection="connected"]')).toBeVisible();

      const envelope = accountUpdateEnvelope(RESTRICTION, new Date(), workspace.channels.riyadh.wabaId);
      await postSigned(request, workspace, envelope);
      // Meta retries: the same webhook again is the same update, with no second alert.
      await postSigned(request, workspace, envelope);
      const alert = page.getByRole('alert').filter({ hasText: text.toast });
      await expect(alert).toHaveCount(1);
      await expect(alert).toContainText(text.until);
      await alert.getByRole('button', { name: new RegExp(text.toast) }).click();

      await expect(page).toHaveURL(/\/admin\/numbers$/);
      await expect(page.getByRole('heading', { level: 1, name: text.heading })).toBeVisible();
      const riyadh = page.locator(`[data-phone-number-id="${workspace.channels.riyadh.phoneNumberId}"]`);
      const state = riyadh.getByTestId('number-account-state');
      await expect(state).toHaveAttribute('data-account-event', 'ACCOUNT_RESTRICTION');
      await expect(state).toContainText(text.restricted);
      await expect(riyadh.getByTestId('number-account-until')).toHaveText(text.until);
      // Listed once among the account's alerts.
      await expect(page.locator('[data-account-alert="ACCOUNT_RESTRICTION"]')).toHaveCount(1);
      await expect(page.locator('[data-account-alert="ACCOUNT_RESTRICTION"]')).toContainText(text.restricted);
    });

    test('a search by WhatsApp username finds the customer’s conversation, and the contact panel shows it', async ({
      page,
      request,
      workspace,
    }) => {
      const admin = await workspace.addUser('admin', language === 'ar' ? 'ريم الحربي' : 'Reem Harbi', { locale: language as 'en' | 'ar' });
      const handle = `layla.shop_${randomUUID().slice(0, 6)}`;
      const name = `Layla ${language} ${randomUUID().slice(0, 6)}`;
      const from = `9665${Math.floor(Math.random() * 1e8)
        .toString()
        .padStart(8, '0')}`;
      const value = meaningValue(
        workspace.channels.riyadh.phoneNumberId!,
        { from, name },
        textEntry(`wamid.e2e.${randomUUID()}`, 'Hello', new Date()),
      );
      await postSigned(request, workspace, meaningEnvelope({ ...value, contacts: [{ profile: { name, username: handle }, wa_id: from }] }));

      await signInInAnyLanguage(page, admin.email);
      // The search is combined with the view: All, where a new customer's conversation is.
      await page.goto('/inbox?view=all');
      await page.getByRole('searchbox', { name: text.search }).fill(`@${handle.slice(0, 9).toUpperCase()}`);
      const row = page.getByRole('list', { name: text.list }).getByRole('listitem', { name });
      await expect(row).toBeVisible();
      await row.click();
      await expect(page.locator(`[data-username="${handle}"]`)).toHaveText(new RegExp(`@${handle.replace('.', '\\.')}`));
    });
  });
}
