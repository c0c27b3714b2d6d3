import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { E2E_PASSWORD, expect, signIn, test } from './fixtures';

/** Emails of no account, of this run only: a server kept from an earlier run still remembers that run's attempts. */
const unknownEmail = () => `no-such-person-${randomUUID().slice(0, 8)}@nafidha.test`;

async function credentialsCallback(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true' }, maxRedirects: 0 });
}

test('ten wrong passwords, then 429 with Retry-After, and the right password is refused too', async ({ request, workspace }) => {
  // Someone of this test's own, so locking them out touches nobody another test signs in as.
  const LOCKED = (await workspace.addUser('agent', 'Locked Out')).email;
  for (let i = 0; i < 10; i++) expect((await credentialsCallback(request, LOCKED, `guess-${i}`)).status()).toBe(401);
  const throttled = await credentialsCallback(request, LOCKED, 'guess-10');
  expect(throttled.status()).toBe(429);
  const retryAfter = Number(throttled.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  const right = await credentialsCallback(request, LOCKED, E2E_PASSWORD);
  expect(right.status()).toBe(429);
  expect(Object.keys(right.headers()).filter((h) => h === 'set-cookie' && right.headers()[h]!.includes('session-token'))).toEqual([]);
});

test('an email without an account is throttled the same, and the form says how long to wait', async ({ page, request }) => {
  const UNKNOWN = unknownEmail();
  for (let i = 0; i < 10; i++) expect((await credentialsCallback(request, UNKNOWN, 'x')).status()).toBe(401);
  await signIn(page, UNKNOWN, 'x');
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Too many attempts. Try again in 15 minutes.');
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('the wait is told in Arabic', async ({ page, request }) => {
    const UNKNOWN_AR = unknownEmail();
    for (let i = 0; i < 10; i++) expect((await credentialsCallback(request, UNKNOWN_AR, 'x')).status()).toBe(401);
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(UNKNOWN_AR);
    await page.getByLabel('كلمة المرور').fill('x');
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('form', { name: 'تسجيل الدخول' }).getByRole('alert')).toHaveText('محاولات كثيرة جدًا. حاول مرة أخرى بعد 15 دقيقة.');
  });
});
