import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import {
  callValue,
  editEntry,
  meaningEnvelope,
  meaningValue,
  numberChangeEntry,
  reactionEntry,
  requestWelcomeEntry,
  revokeEntry,
  systemEntry,
  textEntry,
} from '../server/channels/whatsapp/meaning-fixtures';
import { forwardedEntry, replyEntry } from '../server/channels/whatsapp/context-fixtures';
import { expect, signInInAnyLanguage, test, type TSeededWorkspace } from './fixtures';
import { postSignedWebhook } from './webhooks';

/**
 * A customer's reaction, edit and deletion, posted as signed WhatsApp webhooks in the shapes of Meta's reference
 * pages (reaction, edit, revoke, request_welcome, system: see server/channels/whatsapp/meaning-fixtures.ts), change the
 * message they name in the open pane, live, without a new bubble; in English and in Arabic.
 */
const LANGUAGES = {
  en: {
    locale: 'en-US',
    views: 'Views',
    unassigned: /^Unassigned/,
    list: 'Conversations',
    messages: 'Messages',
    live: 'Live',
    reacted: 'Customer reacted 👍',
    edited: 'Edited',
    deleted: 'This message was deleted',
    opened: 'The customer opened the chat',
    numberChanged: 'The customer changed their WhatsApp number to',
    callAnswered: 'Call from the customer · 1:15',
    quoteMissing: 'Original message not available',
    forwarded: 'Forwarded',
    forwardedMany: 'Forwarded many times',
  },
  ar: {
    locale: 'ar-SA',
    views: 'طرق العرض',
    unassigned: /^غير المسندة/,
    list: 'المحادثات',
    messages: 'الرسائل',
    live: 'مباشر',
    reacted: 'تفاعل العميل بـ 👍',
    edited: 'معدّلة',
    deleted: 'حُذفت هذه الرسالة',
    opened: 'فتح العميل المحادثة',
    numberChanged: 'غيّر العميل رقم واتساب إلى',
    callAnswered: 'مكالمة من العميل · ١:١٥',
    quoteMissing: 'الرسالة الأصلية غير متوفرة',
    forwarded: 'تمت إعادة التوجيه',
    forwardedMany: 'تمت إعادة التوجيه مرات عديدة',
  },
} as const;

async function postSigned(
  request: APIRequestContext,
  workspace: TSeededWorkspace,
  from: string,
  name: string,
  entry: Record<string, unknown>,
) {
  const number = workspace.channels.riyadh;
  const body = JSON.stringify(meaningEnvelope({ ...meaningValue(number.phoneNumberId!, { from, name }, entry) }));
  await postSignedWebhook(request, number, body);
}

/** Any other webhook field of the Riyadh number (calls...), signed like Meta's. */
const number = (workspace: TSeededWorkspace) => workspace.channels.riyadh.phoneNumberId!;

async function postSignedChange(request: APIRequestContext, workspace: TSeededWorkspace, field: string, value: Record<string, unknown>) {
  const number = workspace.channels.riyadh;
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: number.wabaId, changes: [{ field, value }] }] });
  await postSignedWebhook(request, number, body);
}

async function signInAs(page: Page, email: string, views: string) {
  await signInInAnyLanguage(page, email);
  await expect(page.getByRole('navigation', { name: views })).toBeVisible();
}

for (const [language, text] of Object.entries(LANGUAGES)) {
  test.describe(`in ${language}`, () => {
    test.use({ locale: text.locale });

    test('a reaction, an edit and a deletion change the message they name, live, without a new bubble', async ({
      page,
      request,
      workspace,
    }) => {
      const agent = await workspace.addUser('agent', language === 'ar' ? 'مها العتيبي' : 'Maha Otaibi', {
        locale: language as 'en' | 'ar',
      });
      await signInAs(page, agent.email, text.views);
      await page.getByRole('navigation', { name: text.views }).getByRole('link', { name: text.unassigned }).click();
      await expect(page.getByRole('status').filter({ hasText: text.live })).toBeVisible();

      const from = `9665${Math.floor(Math.random() * 1e8)
        .toString()
        .padStart(8, '0')}`;
      const name = `Meanings ${language} ${randomUUID().slice(0, 6)}`;
      const first = `wamid.e2e.${randomUUID()}`;
      const second = `wamid.e2e.${randomUUID()}`;
      const ago = (s: number) => new Date(Date.now() - s * 1000);
      await postSigned(request, workspace, from, name, requestWelcomeEntry(`wamid.e2e.${randomUUID()}`, ago(120)));
      await postSigned(request, workspace, from, name, textEntry(first, 'Do you have it in red?', ago(90)));
      await postSigned(request, workspace, from, name, textEntry(second, 'My card number is 4111', ago(60)));
      await postSigned(
        request,
        workspace,
        from,
        name,
        systemEntry(`wamid.e2e.${randomUUID()}`, 'User Sheena changed their security code', ago(55)),
      );

      await page.getByRole('list', { name: text.list }).getByRole('listitem', { name }).click();
      const log = page.getByRole('log', { name: text.messages });
      const bubble = (body: string) => log.locator('li[data-direction="in"]').filter({ hasText: body });
      await expect(bubble('My card number is 4111')).toBeVisible();
      await expect(log.locator('[data-meaning="chat_opened"]')).toHaveText(new RegExp(text.opened));
      // A system notice is a line of the timeline in Meta's words, not a customer bubble.
      await expect(log.locator('[data-meaning="system"]')).toContainText('User Sheena changed their security code');
      const count = await log.locator('li').count();

      await postSigned(request, workspace, from, name, reactionEntry(`wamid.e2e.${randomUUID()}`, first, '👍', ago(50)));
      await expect(bubble('Do you have it in red?').getByRole('img', { name: text.reacted })).toBeVisible();
      // UI-CONTRACT "Message events": the emoji in a data-reaction element inside the target's own element.
      await expect(bubble('Do you have it in red?').locator('[data-reaction]')).toHaveAttribute('data-reaction', '👍');

      await postSigned(request, workspace, from, name, editEntry(`wamid.e2e.${randomUUID()}`, first, 'Do you have it in blue?', ago(40)));
      await expect(bubble('Do you have it in blue?')).toBeVisible();
      await expect(bubble('Do you have it in blue?').getByTestId('edited-mark')).toHaveText(new RegExp(text.edited));
      await expect(bubble('Do you have it in red?')).toHaveCount(0);
      // The reaction stays on the message through its edit.
      await expect(bubble('Do you have it in blue?').getByRole('img', { name: text.reacted })).toBeVisible();

      await postSigned(request, workspace, from, name, revokeEntry(`wamid.e2e.${randomUUID()}`, second, ago(30)));
      await expect(log.getByTestId('deleted-message')).toHaveText(text.deleted);
      await expect(log).not.toContainText('4111');
      await expect(page.getByRole('list', { name: text.list }).getByRole('listitem', { name })).not.toContainText('4111');

      // No new bubble came of any of it.
      expect(await log.locator('li').count()).toBe(count);

      // A call from the customer: one line, ringing, then how long it lasted.
      const call = `wacid.e2e.${randomUUID()}`;
      await postSignedChange(request, workspace, 'calls', callValue(number(workspace), from, { id: call, event: 'connect', at: ago(25) }));
      await expect(log.locator('[data-meaning="call"]')).toHaveAttribute('data-call-state', 'ringing');
      await postSignedChange(
        request,
        workspace,
        'calls',
        callValue(number(workspace), from, { id: call, event: 'terminate', at: ago(22), duration: 75 }),
      );
      await expect(log.locator('[data-meaning="call"]')).toHaveAttribute('data-call-state', 'answered');
      await expect(log.locator('[data-meaning="call"]')).toContainText(text.callAnswered);

      // A changed number: a line in the reader's language, and the next message from the new number joins this pane.
      const next = `1219${Math.floor(Math.random() * 1e7)
        .toString()
        .padStart(7, '0')}`;
      await postSigned(request, workspace, from, name, numberChangeEntry(`wamid.e2e.${randomUUID()}`, next, ago(20)));
      await expect(log.locator('[data-meaning="identity"]')).toContainText(text.numberChanged);
      await expect(log.locator('[data-meaning="identity"]')).toContainText(`+${next}`);
      await postSigned(request, workspace, next, name, textEntry(`wamid.e2e.${randomUUID()}`, 'From my new number', ago(10)));
      await expect(bubble('From my new number')).toBeVisible();
    });

    test('a quoted reply shows the message it quotes, and forwarded messages their mark', async ({ page, request, workspace }) => {
      const agent = await workspace.addUser('agent', language === 'ar' ? 'سارة القحطاني' : 'Sara Qahtani', {
        locale: language as 'en' | 'ar',
      });
      await signInAs(page, agent.email, text.views);
      await page.getByRole('navigation', { name: text.views }).getByRole('link', { name: text.unassigned }).click();
      await expect(page.getByRole('status').filter({ hasText: text.live })).toBeVisible();

      const from = `9665${Math.floor(Math.random() * 1e8)
        .toString()
        .padStart(8, '0')}`;
      const name = `Quotes ${language} ${randomUUID().slice(0, 6)}`;
      const original = `wamid.e2e.${randomUUID()}`;
      const ago = (s: number) => new Date(Date.now() - s * 1000);
      await postSigned(request, workspace, from, name, textEntry(original, 'Is the black one in stock?', ago(90)));
      await page.getByRole('list', { name: text.list }).getByRole('listitem', { name }).click();
      const log = page.getByRole('log', { name: text.messages });
      const bubble = (body: string) => log.locator('li[data-direction="in"]').filter({ hasText: body });
      await expect(bubble('Is the black one in stock?')).toBeVisible();

      // Live: each arrives while the pane is open.
      await postSigned(request, workspace, from, name, replyEntry(`wamid.e2e.${randomUUID()}`, 'And in size 42?', original, ago(60), from));
      await postSigned(
        request,
        workspace,
        from,
        name,
        replyEntry(`wamid.e2e.${randomUUID()}`, 'As I asked last year', 'wamid.e2e.unknown', ago(50)),
      );
      await postSigned(request, workspace, from, name, forwardedEntry(`wamid.e2e.${randomUUID()}`, 'See this deal', ago(40)));
      await postSigned(request, workspace, from, name, forwardedEntry(`wamid.e2e.${randomUUID()}`, 'Pass it on', ago(30), true));

      // UI-CONTRACT "Message events": the quoted text inside the reply's own element.
      const quote = bubble('And in size 42?').locator('[data-quote="found"]');
      await expect(quote).toContainText('Is the black one in stock?');
      await expect(bubble('As I asked last year').locator('[data-quote="missing"]')).toHaveText(text.quoteMissing);
      await expect(bubble('See this deal').locator('[data-forwarded]')).toHaveText(text.forwarded);
      await expect(bubble('Pass it on').locator('[data-forwarded="frequently_forwarded"]')).toHaveText(text.forwardedMany);
      await expect(bubble('See this deal').locator('[data-quote]')).toHaveCount(0);

      // The quote leads to the original: a click (or Enter) scrolls to it and focuses it.
      await quote.click();
      await expect(bubble('Is the black one in stock?').first()).toBeFocused();
    });
  });
}
