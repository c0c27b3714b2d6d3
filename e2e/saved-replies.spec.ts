import type { Page } from '@playwright/test';
import { trpcMutation } from './api';
import { pickEmoji } from './composer';
import { E2E_PASSWORD, expect, signInAndOpenInbox, test } from './fixtures';

/**
 * Saved replies (#17): a supervisor keeps them in Settings (an unknown variable refused in words), an agent inserts one
 * with "/" or the "Saved replies" button, its variables filled from the contact and the agent, found with the inbox
 * search's Arabic folding and chosen with the keyboard; the emoji picker puts an emoji in at the caret. In English and
 * in Arabic, at 1440 × 900.
 */
test.use({ viewport: { width: 1440, height: 900 } });

async function openFromSearch(page: Page, names: { views: string; all: RegExp; search: string; region: string }, name: string) {
  await page.getByRole('navigation', { name: names.views }).getByRole('link', { name: names.all }).click();
  await page.getByRole('searchbox', { name: names.search }).fill(name);
  await expect(page).toHaveURL(/[?&]q=/);
  await page.getByRole('listitem', { name }).first().click();
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  return page.getByRole('region', { name: names.region });
}

test('a supervisor saves a reply in Settings; "/" inserts it with the contact’s name, the button finds Arabic without its hamza', async ({
  page,
  workspace,
}) => {
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Saved replies' }).click();
  await expect(page).toHaveURL(/\/settings\/saved-replies$/);
  await expect(page.getByRole('heading', { name: 'Saved replies', level: 2 })).toBeVisible();

  // An unknown variable is refused in words, and nothing is saved.
  await page.getByRole('textbox', { name: 'Shortcut' }).fill('welcome');
  await page.getByRole('textbox', { name: 'Reply text' }).fill('Hi {{contact.nickname}}!');
  await page.getByRole('button', { name: 'Save reply' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(
    /^\{\{contact\.nickname\}\} is not a variable saved replies know\. Use one of: \{\{contact\.first_name\}\}/,
  );
  await expect(page.getByRole('list', { name: 'Saved replies of this workspace' })).toHaveCount(0);

  await page
    .getByRole('textbox', { name: 'Reply text' })
    .fill('Hi {{contact.first_name | there}}, {{agent.first_name}} here. How can I help?');
  await page.getByRole('combobox', { name: 'Written in' }).selectOption({ label: 'English' });
  await page.getByRole('button', { name: 'Save reply' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Saved reply /welcome created.');
  const saved = page.getByRole('list', { name: 'Saved replies of this workspace' });
  await expect(saved.getByRole('listitem', { name: '/welcome' })).toContainText('Hi {{contact.first_name | there}}');
  // The form is empty again for the next one.
  await expect(page.getByRole('textbox', { name: 'Shortcut' })).toHaveValue('');
  // Two more, through the same procedure the form uses.
  await trpcMutation(page.request, 'savedReply.create', { shortcut: 'wait', body: 'One moment please, {{contact.name}}.', language: 'en' });
  await trpcMutation(page.request, 'savedReply.create', { shortcut: 'ترحيب', body: 'أهلاً بك يا {{contact.first_name}}', language: 'ar' });
  await trpcMutation(page.request, 'savedReply.create', { shortcut: 'old', body: 'An old reply.', language: null });

  // Edited in place; a shortcut another reply has is refused in words; deleted after a confirmation.
  await page.reload();
  const old = saved.getByRole('listitem', { name: '/old' });
  await old.getByRole('button', { name: 'Edit /old' }).click();
  await old.getByRole('textbox', { name: 'Shortcut' }).fill('bye');
  await old.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Saved reply /bye saved.');
  const bye = saved.getByRole('listitem', { name: '/bye' });
  await bye.getByRole('button', { name: 'Edit /bye' }).click();
  await bye.getByRole('textbox', { name: 'Shortcut' }).fill('WELCOME');
  await bye.getByRole('button', { name: 'Save changes' }).click();
  await expect(bye.getByRole('alert')).toHaveText('Another saved reply already uses this shortcut.');
  await bye.getByRole('button', { name: 'Cancel' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await bye.getByRole('button', { name: 'Delete /bye' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Saved reply /bye deleted.');
  await expect(bye).toHaveCount(0);
  await expect(saved.getByRole('listitem')).toHaveCount(3);

  await page.goto('/inbox');
  const pane = await openFromSearch(
    page,
    { views: 'Views', all: /^All/, search: 'Search conversations', region: 'Conversation' },
    'خالد العتيبي',
  );
  const box = pane.getByRole('textbox', { name: 'Message' });

  // "/" at the start opens the list; typing filters it; Enter inserts the reply with its variables filled.
  await box.fill('/');
  const list = pane.getByRole('listbox', { name: 'Saved replies' });
  await expect(list.getByRole('option')).toHaveCount(3);
  await box.pressSequentially('w');
  await expect(list.getByRole('option')).toHaveText([/^\/wait/, /^\/welcome/]);
  await expect(list.getByRole('option', { name: /wait/ })).toHaveAttribute('aria-selected', 'true');
  await box.press('ArrowDown');
  await expect(list.getByRole('option', { name: /welcome/ })).toHaveAttribute('aria-selected', 'true');
  await expect(list.getByRole('option', { name: /wait/ })).toHaveAttribute('aria-selected', 'false');
  await box.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(box).toHaveValue('Hi خالد, Omar here. How can I help?');
  await expect(box).toBeFocused();

  // Escape closes the list and keeps what was typed; nothing was sent by the Enters.
  await box.fill('/wa');
  await expect(list.getByRole('option')).toHaveCount(1);
  await box.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(box).toHaveValue('/wa');
  await expect(pane.getByRole('log', { name: 'Messages' }).locator('[data-direction="out"]')).toHaveCount(0);

  // The button opens the same list with a search box; Arabic is found without its hamza, and goes in at the caret.
  await box.fill('Thanks! ');
  await pane.getByRole('button', { name: 'Saved replies' }).click();
  const search = pane.getByRole('searchbox', { name: 'Search saved replies' });
  await expect(search).toBeFocused();
  await search.fill('اهلا');
  await expect(list.getByRole('option')).toHaveText([/^\/ترحيب/]);
  await search.press('Enter');
  await expect(box).toHaveValue('Thanks! أهلاً بك يا خالد');

  // The emoji picker (served from our own origin) puts the emoji at the caret.
  await box.fill('Hello world');
  await pickEmoji(pane, box, { caret: 5, search: 'thumbs up', name: 'Thumbs up' });
  // emojibase's thumbs up is the fully qualified one, with its variation selector (U+FE0F).
  await expect(box).toHaveValue('Hello👍\uFE0F world');
  await pane.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(pane.getByRole('log', { name: 'Messages' }).locator('[data-direction="out"]').last()).toContainText('Hello👍\uFE0F world');
});

test('agents may use saved replies but not manage them', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.agent1.email);
  await page.goto('/settings/saved-replies');
  await expect(page).toHaveURL(/\/inbox/);
  const refused = await page.request.post('/api/trpc/savedReply.create', { data: { json: { shortcut: 'x', body: 'y', language: null } } });
  expect(refused.status()).toBe(403);
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('the settings page, "/" with the contact’s name, and the emoji picker', async ({ page, workspace }) => {
    const hana = await workspace.addUser('supervisor', 'هناء القحطاني', { locale: 'ar' });
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(hana.email);
    await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();

    await page.getByRole('link', { name: 'الإعدادات' }).click();
    await page.getByRole('navigation', { name: 'الإعدادات' }).getByRole('link', { name: 'الردود المحفوظة' }).click();
    await page.getByRole('textbox', { name: 'الاختصار' }).fill('شكر');
    await page.getByRole('textbox', { name: 'نص الرد' }).fill('شكراً لك يا {{contact.first_name');
    await page.getByRole('button', { name: 'حفظ الرد' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('ليس متغيرًا مكتوبًا كما يجب');
    await page.getByRole('textbox', { name: 'نص الرد' }).fill('شكراً لك يا {{contact.first_name | عزيزنا}}، معك {{agent.first_name}}.');
    await page.getByRole('combobox', { name: 'لغة الكتابة' }).selectOption({ label: 'العربية' });
    await page.getByRole('button', { name: 'حفظ الرد' }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText('أُنشئ الرد المحفوظ /شكر.');

    await page.goto('/inbox');
    const pane = await openFromSearch(
      page,
      { views: 'طرق العرض', all: /^الكل/, search: 'البحث في المحادثات', region: 'المحادثة' },
      'خالد العتيبي',
    );
    const box = pane.getByRole('textbox', { name: 'الرسالة' });
    // Typed with a tatweel, found all the same.
    await box.fill('/شـكر');
    const list = pane.getByRole('listbox', { name: 'الردود المحفوظة' });
    await expect(list.getByRole('option')).toHaveCount(1);
    await box.press('Enter');
    await expect(box).toHaveValue('شكراً لك يا خالد، معك هناء.');

    await pane.getByRole('button', { name: 'رموز تعبيرية' }).click();
    const picker = pane.getByRole('dialog', { name: 'اختر رمزًا تعبيريًا' });
    // emojibase has no Arabic names: the search is by the English ones.
    await picker.getByRole('searchbox', { name: 'ابحث بالإنجليزية عن رمز' }).fill('rose');
    await picker.getByRole('gridcell', { name: 'Rose', exact: true }).click();
    await expect(box).toHaveValue('شكراً لك يا خالد، معك هناء.🌹');
  });
});
