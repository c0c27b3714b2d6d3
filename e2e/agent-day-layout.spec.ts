import type { Browser, Page } from '@playwright/test';
import { expect, signInInAnyLanguage, test, type TSeededWorkspace } from './fixtures';

/**
 * The agent's day on a phone and on a desktop, in both languages (#17 items 1 and 2): one pane at a time below 768 px
 * (list → conversation → contact, and back), the views in a drawer from the start side, the filters in a sheet,
 * 44 px targets and nothing wider than the screen; on a desktop the three columns as before. The contact panel edits
 * the customer (phone read in the workspace's country), their tags, and another agent sees the edit live.
 */

const TEXT = {
  en: {
    locale: 'en-GB',
    views: 'Views',
    list: 'Conversations',
    conversation: 'Conversation',
    menu: 'Menu',
    closeMenu: 'Close menu',
    filters: 'Filters',
    done: 'Done',
    sort: 'Sort',
    back: 'Back to conversations',
    details: 'Contact details',
    contact: 'Contact',
    backToChat: 'Back to the open chat',
    firstName: 'First name',
    phone: 'Phone',
    save: 'Save contact',
    saved: 'Contact saved.',
    phoneInvalid: 'That is not a valid phone number.',
    addField: 'Add field',
    fieldName: 'Field name 1',
    fieldValue: 'Field value 1',
    newTag: 'New tag',
    addTag: 'Add tag',
    removeTag: 'Remove tag',
    tags: 'Tags',
  },
  ar: {
    locale: 'ar-SA',
    views: 'طرق العرض',
    list: 'المحادثات',
    conversation: 'المحادثة',
    menu: 'القائمة',
    closeMenu: 'إغلاق القائمة',
    filters: 'عوامل التصفية',
    done: 'تم',
    sort: 'الترتيب',
    back: 'العودة إلى المحادثات',
    details: 'تفاصيل جهة الاتصال',
    contact: 'جهة الاتصال',
    backToChat: 'العودة إلى الدردشة المفتوحة',
    firstName: 'الاسم الأول',
    phone: 'الهاتف',
    save: 'حفظ جهة الاتصال',
    saved: 'حُفظت جهة الاتصال.',
    phoneInvalid: 'هذا ليس رقم هاتف صحيحًا.',
    addField: 'إضافة حقل',
    fieldName: 'اسم الحقل 1',
    fieldValue: 'قيمة الحقل 1',
    newTag: 'وسم جديد',
    addTag: 'إضافة وسم',
    removeTag: 'إزالة الوسم',
    tags: 'الوسوم',
  },
} as const;

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } } as const;

type TText = (typeof TEXT)[keyof typeof TEXT];

async function noWiderThanTheScreen(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(inner);
}

/** Every visible control in the viewport is at least 44 × 44 px (a checkbox by its label). */
async function touchTargetsAreLarge(page: Page) {
  const small = await page.evaluate(() => {
    const controls = document.querySelectorAll<HTMLElement>('button, select, input, textarea, [role="tab"], a[href]');
    const found: string[] = [];
    for (const control of controls) {
      const target = control.matches('input[type="checkbox"], input[type="radio"]') ? (control.closest('label') ?? control) : control;
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(control);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      if (box.bottom < 0 || box.top > innerHeight || box.right < 0 || box.left > innerWidth) continue;
      // Links inside running text are exempt (WCAG 2.5.8), and so is the skip link until it is focused.
      if (control.matches('p a, span a, .sr-only:not(:focus)')) continue;
      if (box.height < 44 || box.width < 44)
        found.push(
          `${control.tagName} "${control.getAttribute('aria-label') ?? control.textContent?.trim()}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
    return found;
  });
  expect(small).toEqual([]);
}

async function signInAs(page: Page, workspace: TSeededWorkspace, lang: keyof typeof TEXT, name: string) {
  const user = await workspace.addUser('supervisor', name, { locale: lang });
  await signInInAnyLanguage(page, user.email);
  return user;
}

for (const lang of ['en', 'ar'] as const) {
  const text: TText = TEXT[lang];
  test.describe(`${lang}`, () => {
    test.use({ locale: text.locale });

    test.describe('phone, 390 × 844', () => {
      test.use({ viewport: SIZES.phone });

      test('one pane at a time: list, conversation, contact, and back; views in a drawer, filters in a sheet', async ({
        page,
        workspace,
      }) => {
        const customer = await workspace.addConversation('telegram', {
          firstName: 'Pane',
          lastName: 'Flow',
          text: 'A rather long first message that must wrap inside its bubble rather than collapse into a strip',
        });
        await signInAs(page, workspace, lang, 'Phone Person');
        await page.goto('/inbox?view=all');
        const list = page.getByRole('list', { name: text.list, exact: true });
        await expect(list).toBeVisible();
        await expect(page.getByRole('navigation', { name: text.views })).toBeHidden();
        await noWiderThanTheScreen(page);
        await touchTargetsAreLarge(page);

        // The views, in a drawer from the start side: the left in English, the right in Arabic.
        await page.getByRole('button', { name: text.menu, exact: true }).click();
        const nav = page.getByRole('navigation', { name: text.views });
        await expect(nav).toBeVisible();
        const drawer = page.getByRole('dialog', { name: text.menu });
        const box = (await drawer.boundingBox())!;
        if (lang === 'ar') expect(box.x + box.width).toBeGreaterThan(SIZES.phone.width - 2);
        else expect(box.x).toBeLessThan(2);
        await touchTargetsAreLarge(page);
        await page.getByRole('button', { name: text.closeMenu }).click();
        await expect(nav).toBeHidden();

        // The filters, in a sheet.
        await page.getByRole('button', { name: text.filters, exact: true }).click();
        const sheet = page.getByRole('dialog', { name: text.filters });
        await expect(sheet.getByRole('combobox', { name: text.sort })).toBeVisible();
        await sheet.getByRole('button', { name: text.done }).click();
        await expect(sheet).toBeHidden();

        // The conversation takes the screen; its bubble has room.
        await list.getByRole('listitem', { name: customer.name }).click();
        const pane = page.getByRole('region', { name: text.conversation, exact: true });
        await expect(pane).toBeVisible();
        await expect(list).toBeHidden();
        const bubble = pane.locator('[data-direction="in"]').first();
        await expect(bubble).toContainText('A rather long first message');
        expect((await bubble.boundingBox())!.width).toBeGreaterThan(200);
        await noWiderThanTheScreen(page);

        // The contact, then back to the conversation and to the list.
        await pane.getByRole('button', { name: text.details }).click();
        const contact = page.getByRole('complementary', { name: text.contact, exact: true });
        await expect(contact).toBeVisible();
        await expect(pane).toBeHidden();
        await noWiderThanTheScreen(page);
        await contact.getByRole('button', { name: text.backToChat }).click();
        await expect(pane).toBeVisible();
        await expect(contact).toBeHidden();
        await pane.getByRole('button', { name: text.back }).click();
        await expect(list).toBeVisible();
        await expect(pane).toBeHidden();
        await expect(page).not.toHaveURL(/[?&]c=/);
      });

      test('the contact is edited from the phone', async ({ page, workspace }) => {
        await editContact(page, workspace, lang, text);
      });
    });

    test.describe('desktop, 1440 × 900', () => {
      test.use({ viewport: SIZES.desktop });

      test('three columns as before; Contact details opens the panel beside the conversation', async ({ page, workspace }) => {
        const customer = await workspace.addConversation('telegram', { firstName: 'Desk', lastName: 'Top' });
        await signInAs(page, workspace, lang, 'Desk Person');
        await page.goto(`/inbox?view=all&c=${customer.id}`);
        const nav = page.getByRole('navigation', { name: text.views });
        const list = page.getByRole('list', { name: text.list, exact: true });
        const pane = page.getByRole('region', { name: text.conversation, exact: true });
        await expect(nav).toBeVisible();
        await expect(list).toBeVisible();
        await expect(pane).toBeVisible();
        await expect(page.getByRole('button', { name: text.menu, exact: true })).toBeHidden();
        await expect(page.getByRole('button', { name: text.back })).toBeHidden();
        await expect(page.getByRole('button', { name: text.filters, exact: true })).toBeHidden();
        await expect(page.getByRole('combobox', { name: text.sort })).toBeVisible();
        const contact = page.getByRole('complementary', { name: text.contact, exact: true });
        await expect(contact).toBeHidden();
        await pane.getByRole('button', { name: text.details }).click();
        await expect(contact).toBeVisible();
        await expect(pane).toBeVisible();
        // A column beside the conversation, on its end side.
        const [paneBox, contactBox] = [(await pane.boundingBox())!, (await contact.boundingBox())!];
        if (lang === 'ar') expect(contactBox.x + contactBox.width).toBeLessThanOrEqual(paneBox.x + 1);
        else expect(contactBox.x).toBeGreaterThanOrEqual(paneBox.x + paneBox.width - 1);
        await noWiderThanTheScreen(page);
        await pane.getByRole('button', { name: text.details }).click();
        await expect(contact).toBeHidden();
      });

      test('the contact is edited on the desktop, and another agent sees it live', async ({ page, workspace, browser }) => {
        // Two browsers signing in and a reload: more than the default 30 s on a loaded two-core machine.
        test.slow();
        await editContact(page, workspace, lang, text, browser);
      });
    });
  });
}

async function editContact(page: Page, workspace: TSeededWorkspace, lang: keyof typeof TEXT, text: TText, browser?: Browser) {
  const customer = await workspace.addConversation('riyadh', { firstName: 'Edit', lastName: 'Me' });
  await signInAs(page, workspace, lang, 'Editor Person');
  await page.goto(`/inbox?view=all&c=${customer.id}`);
  const pane = page.getByRole('region', { name: text.conversation, exact: true });
  await expect(pane.getByRole('heading', { level: 2 })).toHaveText(customer.name);

  // Someone else watches the same conversation (desktop only: one browser is enough on the phone).
  const watcher = browser ? await browser.newContext({ locale: 'en-GB', viewport: SIZES.desktop }) : null;
  const other = watcher ? await watcher.newPage() : null;
  if (other) {
    await signInInAnyLanguage(other, workspace.users.supervisor.email);
    await other.goto(`/inbox?view=all&c=${customer.id}`);
    await expect(other.getByRole('region', { name: 'Conversation', exact: true }).getByRole('heading', { level: 2 })).toHaveText(
      customer.name,
    );
  }

  await pane.getByRole('button', { name: text.details }).click();
  const contact = page.getByRole('complementary', { name: text.contact, exact: true });
  const phone = contact.getByRole('textbox', { name: text.phone });
  // A number that no plan knows is refused in the reader's language, and nothing is saved.
  await phone.fill('12');
  await contact.getByRole('button', { name: text.save }).click();
  await expect(contact.getByText(text.phoneInvalid)).toBeVisible();
  await expect(phone).toHaveAttribute('aria-invalid', 'true');

  // A national number is read in the workspace's country (Saudi Arabia) and shown in international form.
  await phone.fill('055 987 6543');
  await contact.getByRole('textbox', { name: text.firstName }).fill('Edited');
  await contact.getByRole('button', { name: text.addField }).click();
  await contact.getByRole('textbox', { name: text.fieldName }).fill('Company');
  await contact.getByRole('textbox', { name: text.fieldValue }).fill('Acme Trading');
  await contact.getByRole('button', { name: text.save }).click();
  await expect(contact.getByRole('status')).toHaveText(text.saved);
  await expect(phone).toHaveValue('+966 55 987 6543');
  // The pane's contact panel may cover the header on a phone: the name is checked where it shows.
  if (!browser) await contact.getByRole('button', { name: text.backToChat }).click();
  await expect(pane.getByRole('heading', { level: 2 })).toHaveText('Edited Me');
  if (other)
    await expect(other.getByRole('region', { name: 'Conversation', exact: true }).getByRole('heading', { level: 2 })).toHaveText(
      'Edited Me',
    );
  if (!browser) await pane.getByRole('button', { name: text.details }).click();

  // Tags: added, shown in the list of tags, removed.
  await contact.getByRole('textbox', { name: text.newTag }).fill('vip');
  await contact.getByRole('button', { name: text.addTag }).click();
  const tags = contact.getByRole('list', { name: text.tags });
  await expect(tags.locator('[data-tag="vip"]')).toHaveCount(1);
  await expect(tags.getByRole('listitem')).toHaveCount(1);
  await page.reload();
  if (!(await contact.isVisible())) await pane.getByRole('button', { name: text.details }).click();
  await expect(tags.locator('[data-tag="vip"]')).toHaveCount(1);
  await expect(contact.getByRole('textbox', { name: text.fieldValue })).toHaveValue('Acme Trading');
  await contact.getByRole('button', { name: `${text.removeTag} vip` }).click();
  await expect(tags).toBeHidden();
  await noWiderThanTheScreen(page);
  await watcher?.close();
}
