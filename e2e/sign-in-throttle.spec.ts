import { expect, test, type APIRequestContext } from '@playwright/test';
import postgres from 'postgres';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { signIn } from './fixtures';

/** People of their own, so locking them out never touches the demo logins other specs sign in with. */
const LOCKED = 'locked-out@nafidha.test';
const UNKNOWN = 'no-such-person@nafidha.test';
const UNKNOWN_AR = 'no-such-person-ar@nafidha.test';
const PASSWORD = 'nafidha-demo';

test.beforeAll(async () => {
  const server = new URL(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/nafidha_e2e_${process.env.E2E_PORT || '3200'}`;
  const sql = postgres(server.toString(), { max: 1, onnotice: () => {} });
  try {
    const [user] = await sql`
      insert into users (email, name, password_hash) values (${LOCKED}, 'Locked Out', ${await hashPassword(PASSWORD)})
      on conflict (email) do update set name = excluded.name returning id`;
    await sql`
      insert into memberships (workspace_id, user_id, role)
      select id, ${user!.id}, 'agent' from workspaces where name = 'Demo' on conflict do nothing`;
  } finally {
    await sql.end();
  }
});

async function credentialsCallback(request: APIRequestContext, email: string, password: string) {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  return request.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true' }, maxRedirects: 0 });
}

test('ten wrong passwords, then 429 with Retry-After, and the right password is refused too', async ({ request }) => {
  for (let i = 0; i < 10; i++) expect((await credentialsCallback(request, LOCKED, `guess-${i}`)).status()).toBe(401);
  const throttled = await credentialsCallback(request, LOCKED, 'guess-10');
  expect(throttled.status()).toBe(429);
  const retryAfter = Number(throttled.headers()['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  const right = await credentialsCallback(request, LOCKED, PASSWORD);
  expect(right.status()).toBe(429);
  expect(Object.keys(right.headers()).filter((h) => h === 'set-cookie' && right.headers()[h]!.includes('session-token'))).toEqual([]);
});

test('an email without an account is throttled the same, and the form says how long to wait', async ({ page, request }) => {
  for (let i = 0; i < 10; i++) expect((await credentialsCallback(request, UNKNOWN, 'x')).status()).toBe(401);
  await signIn(page, UNKNOWN, 'x');
  await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Too many attempts. Try again in 15 minutes.');
});

test.describe('in Arabic', () => {
  test.use({ locale: 'ar-SA' });

  test('the wait is told in Arabic', async ({ page, request }) => {
    for (let i = 0; i < 10; i++) expect((await credentialsCallback(request, UNKNOWN_AR, 'x')).status()).toBe(401);
    await page.goto('/login');
    await page.getByRole('textbox', { name: 'البريد الإلكتروني' }).fill(UNKNOWN_AR);
    await page.getByLabel('كلمة المرور').fill('x');
    await page.getByRole('button', { name: 'دخول' }).click();
    await expect(page.getByRole('form', { name: 'تسجيل الدخول' }).getByRole('alert')).toHaveText('محاولات كثيرة جدًا. حاول مرة أخرى بعد 15 دقيقة.');
  });
});
