import { expect, test, type Page } from '@playwright/test';
import { startFirstRunServer, type TFirstRunServer } from './first-run-server';
import { watchServerErrors } from './fixtures';

/**
 * A fresh install: no demo, no user. Every page leads to /setup; the code from the server's log creates the
 * workspace and its first admin, who lands in a working inbox; afterwards /setup is gone. One server for the file
 * (the set-up happens once per database), so its tests run in order.
 */
test.describe.configure({ mode: 'serial' });

const port = Number(process.env.E2E_PORT || 3200) + 100;
let server: TFirstRunServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startFirstRunServer(port);
});
test.afterAll(async () => {
  if (process.env.FIRST_RUN_DEBUG) console.log(server?.output());
  await server?.stop();
});

test.use({ baseURL: `http://localhost:${port}` });

async function fillSetup(page: Page, values: { workspace: string; name: string; email: string; password: string; code: string }) {
  await page.getByRole('textbox', { name: 'Workspace name' }).fill(values.workspace);
  await page.getByRole('textbox', { name: 'Your name' }).fill(values.name);
  await page.getByRole('textbox', { name: 'Email' }).fill(values.email);
  await page.getByLabel('Password').fill(values.password);
  await page.getByRole('textbox', { name: 'Setup code' }).fill(values.code);
  await page.getByRole('button', { name: 'Create workspace' }).click();
}

test('the server prints a setup code, and every page leads to /setup', async ({ page }) => {
  expect(server.output()).toContain(`${server.url}/setup`);
  for (const path of ['/', '/inbox', '/login', '/settings', '/admin/numbers', '/profile']) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/setup$/);
  }
  await expect(page.getByRole('heading', { name: 'Set up Nafidha' })).toBeVisible();
});

test('bad input and a wrong code are refused in words, and change nothing', async ({ page }) => {
  const serverErrors = watchServerErrors(page);
  await page.goto('/setup');
  await fillSetup(page, { workspace: ' ', name: 'Lina Haddad', email: 'lina', password: 'short', code: '' });
  await expect(page.getByText('Enter a name for the workspace.')).toBeVisible();
  await expect(page.getByText('That does not look like an email address.')).toBeVisible();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await expect(page.getByText('Enter the setup code from the server log.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveAttribute('aria-invalid', 'true');

  await fillSetup(page, { workspace: 'Acme Support', name: 'Lina Haddad', email: 'lina@acme.test', password: 'correct horse', code: 'ABCD-EFGH-JKMN' });
  await expect(page.getByRole('form', { name: 'Set up Nafidha' }).getByRole('alert')).toHaveText('That setup code is not right. Copy it from the server log.');
  await page.goto('/inbox');
  await expect(page).toHaveURL(/\/setup$/);
  expect(serverErrors).toEqual([]);
});

test('the code from the log creates the workspace, signs the admin in, and /setup is gone', async ({ page, browser, request }) => {
  await page.goto('/setup');
  // Typed as people copy it from a terminal: lower case, with spaces.
  const typed = ` ${server.setupCode.toLowerCase().replaceAll('-', ' ')} `;
  await fillSetup(page, { workspace: 'Acme Support', name: 'Lina Haddad', email: 'Lina@Acme.test', password: 'correct horse', code: typed });
  await expect(page).toHaveURL(/\/inbox/);
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(page.getByText('Acme Support')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Account' })).toContainText('Lina Haddad');
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible(); // an admin
  await expect(page.locator('[data-connection="connected"]')).toBeVisible();

  // Gone: a signed-in visit ends in the inbox, anyone else's at the sign-in page; the code is void.
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/inbox/);
  const stranger = await browser.newContext({ baseURL: server.url });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto('/setup');
  await expect(strangerPage).toHaveURL(/\/login$/);
  await stranger.close();
  const again = await request.post('/api/setup', {
    data: { workspaceName: 'Mallory', name: 'Mallory', email: 'm@evil.test', password: 'mallory password', setupCode: server.setupCode },
  });
  expect([again.status(), await again.json()]).toEqual([409, { ok: false, appCode: 'SETUP_DONE' }]);

  // The admin signs in again with what they chose.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.getByRole('textbox', { name: 'Email' }).fill('lina@acme.test');
  await page.getByLabel('Password').fill('correct horse');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
});
