import type { Browser, Page } from '@playwright/test';
import { E2E_PASSWORD, expect, signIn, signInAndOpenInbox, test, watchServerErrors, type TSeededWorkspace } from './fixtures';

/** Settings → Teams and Settings → Workspace (#15), as admins use them, and what their changes do to agents. */

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });
const list = (page: Page) => page.getByRole('list', { name: 'Conversations' });

async function signedInAs(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  await expect(page).toHaveURL(/\/inbox/);
  return page;
}

async function openWorkspaceSettings(page: Page) {
  await page.goto('/settings/workspace');
  await expect(page.getByRole('textbox', { name: 'Workspace name' })).toBeVisible();
}

test('an admin creates a team, adds a member, renames and archives it; bad names are refused in words', async ({ page, workspace }) => {
  const errors = watchServerErrors(page);
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await page.goto('/settings/teams');
  await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Teams' })).toHaveAttribute('aria-current', 'page');

  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Give the team a name.');
  await page.getByRole('textbox', { name: 'Team name' }).fill('  Escalations ');
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('Team “Escalations” created.');
  const created = page.locator('[data-team-id]').filter({ hasText: 'Escalations' });
  await expect(created).toHaveAttribute('data-archived', 'false');
  // By its id from here on: while it is renamed, its name is in a textbox, not its text.
  const row = page.locator(`[data-team-id="${await created.getAttribute('data-team-id')}"]`);
  await expect(row).toContainText('No members');

  // The same name again, in other letters' case: the server refuses it, in words.
  await page.getByRole('textbox', { name: 'Team name' }).fill('escalations');
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Another active team already has that name.');
  await expect(page.locator('[data-team-id]')).toHaveCount(1);

  await row.getByRole('button', { name: 'Members' }).click();
  const members = row.getByRole('region', { name: 'Members of Escalations' });
  await members.getByRole('combobox', { name: 'Add member' }).selectOption({ label: 'Sara Al-Qahtani' });
  await members.getByRole('button', { name: 'Add' }).click();
  await expect(members.getByRole('listitem')).toHaveCount(1);
  await expect(members.getByRole('button', { name: 'Remove Sara Al-Qahtani' })).toBeVisible();
  await expect(row).toContainText('1 member');

  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByRole('textbox', { name: 'New team name' }).fill('Escalations desk');
  await row.getByRole('button', { name: 'Save name' }).click();
  await expect(row.getByRole('row').first()).toContainText('Escalations desk');

  await row.getByRole('button', { name: 'Archive' }).click();
  await expect(row).toHaveAttribute('data-archived', 'true');
  await expect(row.getByRole('button', { name: 'Unarchive' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a supervisor reads the teams but is offered no change', async ({ page, workspace }) => {
  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.goto('/settings/teams');
  await expect(page.getByText('Only admins can change teams.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create team' })).toHaveCount(0);
  await page.goto('/settings/workspace');
  await expect(page).not.toHaveURL(/\/settings\/workspace/);
});

test('agents see all: off takes the All view from an agent’s open tab', async ({ page, browser, workspace }) => {
  const agent = await signedInAs(browser, workspace.users.agent1.email);
  await expect(views(agent).getByRole('link', { name: /^All/ })).toBeVisible();

  await signInAndOpenInbox(page, workspace.users.admin.email);
  await openWorkspaceSettings(page);
  await page.getByRole('radio', { name: 'Only Mine and Unassigned' }).check();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

  // Live, through the settings event; and still so after a reload (the server refuses the view itself too).
  await expect(views(agent).getByRole('link', { name: /^All/ })).toHaveCount(0);
  await agent.reload();
  await expect(views(agent).getByRole('link', { name: /^Mine/ })).toBeVisible();
  await expect(views(agent).getByRole('link', { name: /^All/ })).toHaveCount(0);
  await agent.context().close();
});

test('closing note required makes the close wait for a note; off closes at once', async ({ page, browser, workspace }) => {
  test.slow();
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await openWorkspaceSettings(page);
  await page.getByRole('combobox', { name: 'Closing note' }).selectOption({ label: 'Required' });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

  const agent = await signedInAs(browser, workspace.users.agent1.email);
  await agent.getByRole('searchbox', { name: 'Search conversations' }).fill('Sam Patel');
  await list(agent).getByRole('listitem', { name: 'Sam Patel' }).click();
  const pane = agent.getByRole('region', { name: 'Conversation' });
  await pane.getByRole('button', { name: 'Close conversation' }).click();
  const confirm = pane.getByRole('button', { name: 'Close', exact: true });
  await expect(confirm).toBeDisabled();
  await pane.getByRole('combobox', { name: 'Closing category' }).selectOption('Resolved');
  await confirm.click();
  await expect(pane.getByRole('button', { name: 'Reopen conversation' })).toBeVisible();

  await page.getByRole('combobox', { name: 'Closing note' }).selectOption({ label: 'Off' });
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await agent.goto('/inbox');
  await agent.getByRole('searchbox', { name: 'Search conversations' }).fill('Emma Walker');
  await list(agent).getByRole('listitem', { name: 'Emma Walker' }).click();
  await expect(pane.getByRole('heading', { name: 'Emma Walker' })).toBeVisible();
  // Off: the button closes at once, no note form in between.
  await expect(pane.getByRole('button', { name: 'Close conversation' })).not.toHaveAttribute('aria-expanded');
  await pane.getByRole('button', { name: 'Close conversation' }).click();
  await expect(pane.getByRole('button', { name: 'Reopen conversation' })).toBeVisible();
  await expect(pane.getByRole('combobox', { name: 'Closing category' })).toHaveCount(0);
  const lines = pane.getByRole('log', { name: 'Messages' }).locator('[data-direction="system"]');
  await expect(lines.filter({ hasText: 'Closed by Sara Al-Qahtani' })).toBeVisible();
  await expect(lines.filter({ hasText: 'Closed by Sara Al-Qahtani (' })).toHaveCount(0);
  await agent.context().close();
});

test('two admins saving over the same settings: the second gets the conflict and reloads', async ({ page, browser, workspace }) => {
  const second = await workspace.addUser('admin', 'Rana Aziz');
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await openWorkspaceSettings(page);
  const other = await signedInAs(browser, second.email);
  await openWorkspaceSettings(other);

  await page.getByRole('textbox', { name: 'Workspace name' }).fill('Nafidha Support');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();

  await other.getByRole('checkbox', { name: 'Unassign on close' }).check();
  await other.getByRole('button', { name: 'Save settings' }).click();
  await expect(other.getByRole('main').getByRole('alert')).toContainText('Someone else changed the workspace settings while you were editing.');
  await other.getByRole('button', { name: 'Reload settings' }).click();
  await expect(other.getByRole('textbox', { name: 'Workspace name' })).toHaveValue('Nafidha Support');
  await expect(other.getByRole('checkbox', { name: 'Unassign on close' })).not.toBeChecked();
  await other.getByRole('checkbox', { name: 'Unassign on close' }).check();
  await other.getByRole('button', { name: 'Save settings' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await other.context().close();
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  async function signInArabicAdmin(page: Page, workspace: TSeededWorkspace) {
    const hala = await workspace.addUser('admin', 'هالة الحربي', { locale: 'ar' });
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(hala.email);
    await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
  }

  test('an admin turns auto-close on, is told in Arabic when the hours are out of range, and saves', async ({ page, workspace }, testInfo) => {
    await signInArabicAdmin(page, workspace);
    await page.goto('/settings/workspace');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByRole('checkbox', { name: 'إغلاق المحادثات الخاملة تلقائيًا' }).check();
    const hours = page.getByRole('spinbutton', { name: 'ساعات دون نشاط' });
    await expect(hours).toHaveValue('24');
    await hours.fill('0');
    await page.getByRole('button', { name: 'حفظ الإعدادات' }).click();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('اكتب عددًا صحيحًا من الساعات');
    await hours.fill('48');
    await page.getByRole('button', { name: 'حفظ الإعدادات' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'حُفظت الإعدادات.' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('spinbutton', { name: 'ساعات دون نشاط' })).toHaveValue('48');
    await testInfo.attach('workspace-settings-ar', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    await page.goto('/settings/teams');
    await page.getByRole('textbox', { name: 'اسم الفريق' }).fill('المبيعات');
    await page.getByRole('button', { name: 'إنشاء فريق' }).click();
    await expect(page.locator('[data-team-id]').filter({ hasText: 'المبيعات' })).toContainText('لا أعضاء');
  });
});
