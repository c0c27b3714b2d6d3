import { expect, signIn, signInAndOpenInbox, test, watchServerErrors } from './fixtures';

// The demo logins are signed in with in demo-smoke.spec.ts; these people are the test's own.
test.describe('sign-in', () => {
  for (const key of ['admin', 'supervisor', 'agent1'] as const) {
    test(`a seeded ${key} signs in and lands on the inbox`, async ({ page, workspace }) => {
      const user = workspace.users[key];
      await signInAndOpenInbox(page, user.email);
      await expect(page.getByRole('group', { name: 'Account' }).getByText(user.name)).toBeVisible();
    });
  }

  test('a wrong password is refused with a clear message and no session', async ({ page, context, workspace }) => {
    const errors = watchServerErrors(page);
    const form = page.getByRole('form', { name: 'Sign in' });
    await signIn(page, workspace.users.agent1.email, 'wrong-password');
    await expect(form.getByRole('alert')).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(/\/login/);
    expect((await context.cookies()).filter((c) => c.name.includes('session-token'))).toEqual([]);
    await page.goto('/inbox');
    await expect(page).toHaveURL(/\/login/);
    expect(errors).toEqual([]);
  });

  test('missing fields, an unknown email and a 10 kB password get clear errors, never a 500', async ({ page, workspace }) => {
    const errors = watchServerErrors(page);
    const form = page.getByRole('form', { name: 'Sign in' });
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(form.getByRole('alert')).toHaveText('Enter your email address.');

    await page.getByRole('textbox', { name: 'Email' }).fill(workspace.users.agent1.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(form.getByRole('alert')).toHaveText('Enter your password.');

    await page.getByLabel('Password').fill('x'.repeat(10 * 1024));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(form.getByRole('alert')).toHaveText('That password is too long (256 characters at most).');

    await page.getByRole('textbox', { name: 'Email' }).fill('nobody@nafidha.test');
    await page.getByLabel('Password').fill('nafidha-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(form.getByRole('alert')).toHaveText('Wrong email or password.');
    expect(errors).toEqual([]);
  });

  test('signing out ends the session', async ({ page, workspace }) => {
    await signInAndOpenInbox(page, workspace.users.agent2.email);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/inbox');
    await expect(page).toHaveURL(/\/login/);
  });
});
