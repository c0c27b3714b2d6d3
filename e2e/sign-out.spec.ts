import { io } from 'socket.io-client';
import { E2E_BASE_URL } from '../playwright.config';
import { expect, signInAndOpenInbox, test } from './fixtures';
import { signInOverHttp } from './session';

const meGet = (cookie: string) => fetch(`${E2E_BASE_URL}/api/trpc/me.get`, { headers: { cookie } });

test('after sign-out the old cookie is refused by the API and its open socket is dropped', async ({ request, workspace }) => {
  const cookie = await signInOverHttp(request, workspace.users.agent3.email);
  expect((await meGet(cookie)).status).toBe(200);

  const socket = io(E2E_BASE_URL, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
  const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));

  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const signedOut = await request.post('/api/auth/signout', { form: { csrfToken, json: 'true' }, maxRedirects: 0 });
  expect(signedOut.status()).toBe(200);

  // Someone who kept a copy of the cookie (another tab, another device, a thief) is signed out as well.
  const refused = await meGet(cookie);
  expect(refused.status).toBe(401);
  expect(await refused.text()).toContain('UNAUTHENTICATED');
  expect(await dropped).toBe('io server disconnect');

  const again = await new Promise<string>((resolve) => {
    const retry = io(E2E_BASE_URL, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
    retry.once('connect_error', (error) => {
      retry.disconnect();
      resolve(error.message);
    });
    retry.once('ready', () => {
      retry.disconnect();
      resolve('connected');
    });
  });
  expect(again).toBe('UNAUTHENTICATED');

  // A page with the old cookie goes to the sign-in page, and a new sign-in works.
  const page = await fetch(`${E2E_BASE_URL}/inbox`, { headers: { cookie }, redirect: 'manual' });
  expect(page.status).toBeGreaterThanOrEqual(300);
  expect(page.headers.get('location') ?? '').toContain('/login');
  expect((await meGet(await signInOverHttp(request, workspace.users.agent3.email))).status).toBe(200);
});

test('signing out in one browser signs the same person out of their other browser at once', async ({ browser, workspace }) => {
  const first = await browser.newContext();
  const second = await browser.newContext();
  try {
    const tab = await first.newPage();
    const other = await second.newPage();
    await signInAndOpenInbox(tab, workspace.users.admin.email);
    await signInAndOpenInbox(other, workspace.users.admin.email);
    await expect(tab.locator('[data-connection="connected"]')).toBeVisible();
    await other.getByRole('button', { name: 'Sign out' }).click();
    await expect(other).toHaveURL(/\/login/);
    // The first browser kept its cookie, but its socket was dropped and the session is over.
    await expect(tab).toHaveURL(/\/login/);
    await tab.goto('/inbox');
    await expect(tab).toHaveURL(/\/login/);
  } finally {
    await first.close();
    await second.close();
  }
});
