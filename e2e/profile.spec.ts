import { E2E_PASSWORD, expect, signIn, signInAndOpenInbox, test } from './fixtures';

/**
 * The profile, as any member uses it: from the sidebar's Account group, change one's name and notification
 * preferences, switch the language (the page turns Arabic and right to left), and change the password in Arabic:
 * this browser stays signed in, the same person's other browser is signed out at once.
 */
test('name, notifications, language and password on the profile', async ({ page, browser, workspace }) => {
  test.slow(); // two browsers, four sign-ins and a password change: several argon2 hashes on a shared machine
  const me = workspace.users.agent2;
  const elsewhere = await browser.newContext();
  try {
    const other = await elsewhere.newPage();
    await signInAndOpenInbox(other, me.email);
    await expect(other.locator('[data-connection="connected"]')).toBeVisible();

    await signInAndOpenInbox(page, me.email);
    await page.getByRole('group', { name: 'Account' }).getByRole('link', { name: 'Profile' }).click();
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();

    // Name: checked in the browser, saved on the server, shown in the sidebar.
    const name = page.getByRole('textbox', { name: 'Name' });
    await expect(name).toHaveValue(me.name);
    await name.fill('   ');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByText('Enter your name.')).toBeVisible();
    await name.fill('Yousef M.');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByRole('region', { name: 'Your details' }).getByRole('status')).toHaveText('Saved.');

    // Notification preferences: on by default, kept per user.
    const sound = page.getByRole('checkbox', { name: 'Play a sound' });
    await expect(sound).toBeChecked();
    await sound.uncheck();
    await page.getByRole('button', { name: 'Save notification preferences' }).click();
    await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('status')).toHaveText('Saved.');
    await page.reload();
    await expect(page.getByRole('checkbox', { name: 'Play a sound' })).not.toBeChecked();
    await expect(page.getByRole('checkbox', { name: 'A new conversation is assigned to me' })).toBeChecked();

    // Language: saved on the profile; the page is Arabic and right to left at once.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.getByRole('heading', { name: 'الملف الشخصي', level: 1 })).toBeVisible();

    // Password, in Arabic: a wrong current password is refused, then the change goes through.
    await page.getByLabel('كلمة المرور الحالية', { exact: true }).fill('not my password');
    await page.getByLabel('كلمة المرور الجديدة', { exact: true }).fill('a brand new password');
    await page.getByLabel('تأكيد كلمة المرور الجديدة', { exact: true }).fill('a brand new passw0rd');
    await page.getByRole('button', { name: 'تغيير كلمة المرور' }).click();
    await expect(page.getByText('كلمتا المرور الجديدتان غير متطابقتين.')).toBeVisible();
    await page.getByLabel('تأكيد كلمة المرور الجديدة', { exact: true }).fill('a brand new password');
    await page.getByRole('button', { name: 'تغيير كلمة المرور' }).click();
    await expect(page.getByRole('region', { name: 'كلمة المرور' }).getByRole('alert')).toHaveText('كلمة مرورك الحالية غير صحيحة.');
    await page.getByLabel('كلمة المرور الحالية', { exact: true }).fill(E2E_PASSWORD);
    await page.getByLabel('كلمة المرور الجديدة', { exact: true }).fill('a brand new password');
    await page.getByLabel('تأكيد كلمة المرور الجديدة', { exact: true }).fill('a brand new password');
    await page.getByRole('button', { name: 'تغيير كلمة المرور' }).click();
    await expect(page.getByRole('region', { name: 'كلمة المرور' }).getByRole('status')).toHaveText(
      'تم تغيير كلمة المرور. تم تسجيل خروجك من جلساتك الأخرى.',
    );

    // The other browser is signed out at once; this one stays in, with the new name in Arabic.
    await expect(other).toHaveURL(/\/login/);
    await page.goto('/inbox');
    await expect(page.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'الحساب' })).toContainText('Yousef M.');

    // The old password no longer opens a session; the new one does, and the language follows the person.
    await signIn(other, me.email);
    await expect(other.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Wrong email or password.');
    await signIn(other, me.email, 'a brand new password');
    await expect(other.getByRole('navigation', { name: 'طرق العرض' })).toBeVisible();
    await expect(other.locator('html')).toHaveAttribute('dir', 'rtl');
  } finally {
    await elsewhere.close();
  }
});

test('the manifest and the icons load without a session', async ({ request }) => {
  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as { name: string; start_url: string; display: string; icons: { src: string; sizes: string }[] };
  expect(body).toMatchObject({ name: 'Nafidha', start_url: '/inbox', display: 'standalone' });
  for (const path of [...body.icons.map((icon) => icon.src), '/apple-touch-icon.png', '/favicon.ico']) {
    const icon = await request.get(path);
    expect(icon.status(), path).toBe(200);
    expect(icon.headers()['content-type'], path).toMatch(/^image\//);
  }
  const login = await request.get('/login');
  const html = await login.text();
  expect(html).toContain('rel="manifest" href="/manifest.webmanifest"');
  expect(html).toContain('rel="apple-touch-icon" href="/apple-touch-icon.png"');
});
