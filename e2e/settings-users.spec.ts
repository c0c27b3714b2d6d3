import type { Browser, Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import * as s from '../db/schema';
import { createWorkspace } from '../server/testing/factories';
import { E2E_PASSWORD, expect, signIn, signInAndOpenInbox, test, watchServerErrors } from './fixtures';

/**
 * Settings → Users as an admin uses it: an invite link that brings a new agent into the inbox, a deactivated
 * agent's open tab signed out at once, switching workspaces, and the same flow in Arabic.
 */

// Each flow signs several people in and sets passwords (argon2 hashes, slow on purpose) across two or three browsers.
test.slow();

async function openUsers(page: Page) {
  await page.goto('/settings/users');
  await expect(page.getByRole('heading', { name: 'Users', level: 2 })).toBeVisible();
}

/** Creates an invite through the form and returns its link, as the admin would copy it. */
async function invite(page: Page, email: string, role: string, names = { invite: 'Invite user', email: 'Email', role: 'Role', create: 'Create invite' }) {
  await page.getByRole('button', { name: names.invite }).click();
  await page.getByRole('textbox', { name: names.email }).fill(email);
  await page.getByRole('combobox', { name: names.role, exact: true }).selectOption({ label: role });
  await page.getByRole('button', { name: names.create }).click();
  // The form closes when the invite exists; until then an earlier invite's link may still be on screen.
  await expect(page.getByRole('button', { name: names.invite })).toBeVisible();
  const link = page.locator('[data-invite-url]');
  return (await link.getAttribute('data-invite-url'))!;
}

async function inNewBrowser<T>(browser: Browser, locale: string, run: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale });
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
}

test('an admin invites a new agent, whose link brings them into the inbox signed in, once', async ({ page, browser, workspace }) => {
  const errors = watchServerErrors(page);
  await signInAndOpenInbox(page, workspace.users.admin.email);
  await openUsers(page);
  const email = `new.agent.${workspace.id.slice(0, 8)}@e2e.nafidha.test`;
  // A bad address is refused in the form, in words, before anything is sent.
  await page.getByRole('button', { name: 'Invite user' }).click();
  await page.getByRole('textbox', { name: 'Email' }).fill('not an email');
  await page.getByRole('button', { name: 'Create invite' }).click();
  await expect(page.getByRole('form', { name: 'Invite a user' }).getByRole('alert')).toHaveText('That does not look like an email address.');
  await page.getByRole('button', { name: 'Cancel' }).click();

  const url = await invite(page, email, 'Agent');
  expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText('Email is not set up on this server')).toBeVisible();
  await expect(page.locator('[data-invite-id]')).toContainText(email);

  await inNewBrowser(browser, 'en-US', async (newcomer) => {
    await newcomer.goto(url);
    await expect(newcomer.getByRole('heading', { name: `Join ${(await workspaceName(page))}` })).toBeVisible();
    await expect(newcomer.getByRole('form', { name: 'Accept invite' })).toContainText(`Email${email}`);
    await newcomer.getByRole('textbox', { name: 'Your name' }).fill('Rana Haddad');
    await newcomer.getByLabel('Password', { exact: true }).fill('a good long password');
    await newcomer.getByLabel('Confirm password').fill('a good long passwort');
    await newcomer.getByRole('button', { name: 'Accept invite' }).click();
    await expect(newcomer.getByRole('form', { name: 'Accept invite' }).getByRole('alert')).toHaveText('The two passwords are not the same.');
    await newcomer.getByLabel('Confirm password').fill('a good long password');
    await newcomer.getByRole('button', { name: 'Accept invite' }).click();
    await expect(newcomer).toHaveURL(/\/inbox/);
    await expect(newcomer.getByRole('navigation', { name: 'Views' })).toBeVisible();
    await expect(newcomer.getByRole('group', { name: 'Account' })).toContainText('Rana Haddad');
    // The link worked once.
    await newcomer.goto(url);
    await expect(newcomer.getByRole('heading', { name: 'This invite has already been used' })).toBeVisible();
  });

  await page.reload();
  const row = page.locator('tr[data-user-id]').filter({ hasText: 'Rana Haddad' });
  await expect(row).toHaveAttribute('data-role', 'agent');
  await expect(row.getByTestId('member-role')).toHaveText('Agent');
  await expect(page.locator('[data-invite-id]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a deactivated agent’s open tab is signed out at once, and their conversations handed over', async ({ page, browser, workspace }) => {
  const agent = workspace.users.agent1;
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await signInAndOpenInbox(tab, agent.email);
    await expect(tab.locator('[data-connection="connected"]')).toBeVisible();

    await signInAndOpenInbox(page, workspace.users.admin.email);
    await openUsers(page);
    const row = page.locator(`tr[data-user-id="${agent.id}"]`);
    await expect(row).toContainText(agent.name);
    await row.getByRole('button', { name: 'Deactivate' }).click();
    const dialog = page.getByRole('dialog', { name: `Deactivate ${agent.name}` });
    await dialog.getByRole('combobox', { name: 'Hand over open conversations to' }).selectOption({ label: workspace.users.agent2.name });
    await dialog.getByRole('button', { name: 'Confirm deactivation' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveAttribute('data-active', 'false');
    await expect(row).toContainText('Deactivated');
    await expect(page.getByRole('status').filter({ hasText: 'was deactivated' })).toContainText('conversations handed over');

    // The agent's open tab lands on the sign-in page, and signing in again is refused in words.
    await expect(tab).toHaveURL(/\/login/);
    await signIn(tab, agent.email);
    await expect(tab.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Your account has been deactivated. Ask an admin of your workspace.');

    // The one who took over sees the conversations as theirs; reactivating lets the agent back in.
    const heir = page.locator(`tr[data-user-id="${workspace.users.agent2.id}"]`);
    await expect(heir).not.toContainText('No open conversations');
    await row.getByRole('button', { name: 'Reactivate' }).click();
    await expect(row).toHaveAttribute('data-active', 'true');
    await signInAndOpenInbox(tab, agent.email);
  } finally {
    await context.close();
  }
});

test('a reset-password link sets a new password once and signs the member out of their open tab', async ({ page, browser, workspace }) => {
  const agent = workspace.users.agent2;
  const context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await signInAndOpenInbox(tab, agent.email);
    await expect(tab.locator('[data-connection="connected"]')).toBeVisible();
    await signInAndOpenInbox(page, workspace.users.admin.email);
    await openUsers(page);
    await page.locator(`tr[data-user-id="${agent.id}"]`).getByRole('button', { name: 'Reset password link' }).click();
    const url = (await page.locator('[data-reset-url]').getAttribute('data-reset-url'))!;
    expect(url).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);

    await inNewBrowser(browser, 'en-US', async (phone) => {
      await phone.goto(url);
      await expect(phone.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
      await phone.getByLabel('New password', { exact: true }).fill('my fresh password');
      await phone.getByLabel('Confirm password').fill('my fresh password');
      await phone.getByRole('button', { name: 'Set password' }).click();
      await expect(phone).toHaveURL(/\/inbox/);
      await expect(phone.getByRole('navigation', { name: 'Views' })).toBeVisible();
      // Every session that had the old password ended, and the link worked once.
      await expect(tab).toHaveURL(/\/login/);
      await phone.goto(url);
      await expect(phone.getByRole('heading', { name: 'This link has already been used' })).toBeVisible();
    });
    await signIn(tab, agent.email, 'my fresh password');
    await expect(tab).toHaveURL(/\/inbox/);
  } finally {
    await context.close();
  }
});

test('someone in two workspaces switches between them from the sidebar', async ({ page, workspace, seedDatabase }) => {
  const other = await createWorkspace(seedDatabase.db, `Second ${workspace.id.slice(0, 6)}`);
  await seedDatabase.db.insert(s.memberships).values({ workspaceId: other.id, userId: workspace.users.agent3.id, role: 'supervisor' });
  await signInAndOpenInbox(page, workspace.users.agent3.email);
  const account = page.getByRole('group', { name: 'Account' });
  const switcher = account.getByRole('combobox', { name: 'Workspace' });
  await expect(switcher).toHaveValue(workspace.id);
  await switcher.selectOption(other.id);
  await expect(page).toHaveURL(/\/inbox/);
  await expect(page.getByRole('group', { name: 'Account' }).getByRole('combobox', { name: 'Workspace' })).toHaveValue(other.id);
  await expect(page.getByText(other.name, { exact: true }).first()).toBeVisible();
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('an admin invites in Arabic, the newcomer joins in Arabic, and an expired link says so', async ({ page, browser, workspace, seedDatabase }) => {
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(workspace.users.admin.email);
    await page.getByLabel('كلمة المرور').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
    await page.goto('/settings/users');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');

    // The last admin cannot step down: said in Arabic, and nothing changes.
    const self = page.locator(`tr[data-user-id="${workspace.users.admin.id}"]`);
    await self.getByRole('combobox', { name: `تغيير دور ${workspace.users.admin.name}` }).selectOption('agent');
    await expect(page.getByRole('status').filter({ hasText: 'تحتاج مساحة العمل إلى مدير نشط' })).toBeVisible();
    await expect(self).toHaveAttribute('data-role', 'admin');

    const names = { invite: 'دعوة مستخدم', email: 'البريد الإلكتروني', role: 'الدور', create: 'إنشاء الدعوة' };
    const url = await invite(page, `arabic.${workspace.id.slice(0, 8)}@e2e.nafidha.test`, 'مشرف', names);
    const expired = await invite(page, `late.${workspace.id.slice(0, 8)}@e2e.nafidha.test`, 'موظف', names);
    await seedDatabase.db
      .update(s.invites)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(s.invites.email, `late.${workspace.id.slice(0, 8)}@e2e.nafidha.test`));

    await inNewBrowser(browser, 'ar-SA', async (newcomer) => {
      await newcomer.goto(expired);
      await expect(newcomer.getByRole('heading', { name: 'انتهت صلاحية هذه الدعوة' })).toBeVisible();
      await newcomer.goto(url.replace(/.{4}$/, 'xxxx'));
      await expect(newcomer.getByRole('heading', { name: 'رابط الدعوة هذا غير صالح' })).toBeVisible();

      await newcomer.goto(url);
      await expect(newcomer.locator('html')).toHaveAttribute('dir', 'rtl');
      await newcomer.getByRole('textbox', { name: 'اسمك' }).fill('ريم الحربي');
      await newcomer.getByLabel('كلمة المرور', { exact: true }).fill('short');
      await newcomer.getByLabel('تأكيد كلمة المرور').fill('short');
      await newcomer.getByRole('button', { name: 'قبول الدعوة' }).click();
      await expect(newcomer.getByRole('form', { name: 'قبول الدعوة' }).getByRole('alert')).toHaveText('اختر كلمة مرور من ٨ أحرف على الأقل.');
      await newcomer.getByLabel('كلمة المرور', { exact: true }).fill('كلمة مرور طويلة');
      await newcomer.getByLabel('تأكيد كلمة المرور').fill('كلمة مرور طويلة');
      await newcomer.getByRole('button', { name: 'قبول الدعوة' }).click();
      await expect(newcomer).toHaveURL(/\/inbox/);
      await expect(newcomer.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
    });
    await page.reload();
    await expect(page.locator('tr[data-user-id]').filter({ hasText: 'ريم الحربي' })).toHaveAttribute('data-role', 'supervisor');
  });
});

async function workspaceName(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const response = await fetch('/api/trpc/me.get');
    const body = (await response.json()) as { result: { data: { json: { workspace: { name: string } } } } };
    return body.result.data.json.workspace.name;
  });
}
