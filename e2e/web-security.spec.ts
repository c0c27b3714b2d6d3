import type { APIResponse, Page } from '@playwright/test';
import { trpcMutation, trpcQuery } from './api';
import { E2E_PASSWORD, expect, signInAndOpenInbox, test, watchServerErrors } from './fixtures';
import { signInOverHttp } from './session';

const port = Number(process.env.E2E_PORT || 3200);

function expectSecurityHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, what).not.toContain('unsafe-eval');
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'self'");
  expect(csp, what).toMatch(/connect-src 'self' ws:\/\/localhost:\d+/);
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy'], what).toContain('camera=()');
  expect(headers['permissions-policy'], what).toContain('microphone=()');
  expect(headers['permissions-policy'], what).toContain('geolocation=()');
  // Plain http here, and TRUST_PROXY is off: a client's X-Forwarded-Proto cannot turn HSTS on.
  expect(headers['strict-transport-security'], what).toBeUndefined();
}

/** Records CSP violations from the page itself and from the console, from the first document on. */
async function watchCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) fromConsole.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}`));
  });
  return async () => [...fromConsole, ...(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations))];
}

test.describe('security headers', () => {
  test('every kind of response carries them: pages, tRPC, webhooks, socket.io, static files, errors', async ({ request }) => {
    const page = await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
    expectSecurityHeaders(page, 'page');
    const html = await page.text();
    const nonce = /'nonce-([^']+)'/.exec(page.headers()['content-security-policy']!)![1]!;
    // Next put this response's nonce on every script it rendered.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    const again = await request.get('/login');
    expect(again.headers()['content-security-policy']).not.toContain(nonce);

    const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
    expectSecurityHeaders(await request.get(chunk), 'static file');
    expectSecurityHeaders(await request.get('/api/trpc/me.get'), 'tRPC');
    expectSecurityHeaders(await request.get('/api/webhooks/whatsapp/106540352242922?hub.mode=subscribe'), 'webhook');
    expectSecurityHeaders(await request.get('/socket.io/?EIO=4&transport=polling'), 'socket.io polling');
    expectSecurityHeaders(await request.get('/socket.io/?EIO=4&transport=nonsense'), 'socket.io error');
    expectSecurityHeaders(await request.get('/no-such-page'), 'not found page');
    expectSecurityHeaders(await request.get('/api/health'), 'route handler');
    expectSecurityHeaders(await request.get('/api/auth/csrf'), 'next-auth');
  });

  test('signing in, the inbox with its live socket, a conversation and the numbers page run without a CSP violation', async ({
    page,
    workspace,
  }) => {
    const violations = await watchCspViolations(page);
    await signInAndOpenInbox(page, workspace.users.admin.email);
    await page.goto('/inbox?view=all');
    await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
    await page.getByRole('list', { name: 'Conversations' }).getByRole('listitem').first().click();
    await expect(page.getByRole('log', { name: 'Messages' })).toBeVisible();
    await page.goto('/admin/numbers');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await violations()).toEqual([]);
  });
});

test.describe('callback URLs', () => {
  for (const hostile of ['javascript:alert(1)', 'https://evil.example/', '//evil.example/inbox', '/\\evil.example', 'inbox']) {
    test(`sign-in with callbackUrl ${hostile} is sent home, not a 500`, async ({ request }) => {
      const response = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(hostile)}`, { maxRedirects: 0 });
      expect(response.status()).toBe(302);
      expect(response.headers()['location']).toBe(`http://localhost:${port}/`);
    });
  }

  test('a hostile callback cookie is cleared on the way home', async ({ request }) => {
    const response = await request.get('/api/auth/signin', {
      headers: { cookie: 'next-auth.callback-url=javascript%3Aalert(1)' },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    expect(response.headers()['set-cookie']).toContain('next-auth.callback-url=; Path=/; Max-Age=0');
  });

  test('a callbackUrl on this origin still reaches the sign-in page', async ({ request }) => {
    const response = await request.get('/api/auth/signin?callbackUrl=%2Finbox%3Fview%3Dmine', { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers()['location']).toMatch(/\/login\?callbackUrl=/);
  });

  test('signing out with a callbackUrl that is not a URL lands home, not on a 500', async ({ request, workspace }) => {
    await signInOverHttp(request, workspace.users.agent1.email);
    const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const response = await request.post('/api/auth/signout', { form: { csrfToken, callbackUrl: 'not a url', json: 'true' } });
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { url: string }).url).toBe(`http://localhost:${port}`);
  });
});

test.describe('public URL from the request', () => {
  test('signing out from 127.0.0.1 stays on 127.0.0.1', async ({ page, workspace }) => {
    const errors = watchServerErrors(page);
    const origin = `http://127.0.0.1:${port}`;
    await page.goto(`${origin}/login`);
    await page.getByRole('textbox', { name: 'Email' }).fill(workspace.users.agent2.email);
    await page.getByLabel('Password').fill(E2E_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${origin}/inbox`);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${origin}/login`);
    expect(errors).toEqual([]);
  });

  test("a client's X-Forwarded-Host is not believed without TRUST_PROXY", async ({ request }) => {
    const response = await request.get('/api/auth/signin?callbackUrl=%2Finbox', {
      headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
      maxRedirects: 0,
    });
    const location = response.headers()['location']!;
    expect(location).toContain(`callbackUrl=${encodeURIComponent(`http://localhost:${port}/inbox`)}`);
    expect(location).not.toContain('evil');
    expect(response.headers()['content-security-policy']).toContain(`ws://localhost:${port}`);
  });
});

test('a customer whose name and message hide a right-to-left override is shown with the override revealed', async ({ page, request, workspace }) => {
  await signInOverHttp(request, workspace.users.admin.email);
  const riyadh = workspace.channels.riyadh;
  const spoofedName = 'Ali \u202Enimda';
  const created = await trpcMutation<{ conversationId: string }>(request, 'simulator.inbound', {
    channelId: riyadh.id,
    from: '+966500000404',
    name: spoofedName,
    text: 'Invoice \u202Efdp.exe',
  });

  await signInAndOpenInbox(page, workspace.users.supervisor.email);
  await page.goto('/inbox?view=all');
  const shownName = 'Ali ⟨U+202E⟩nimda';
  const row = page.getByRole('list', { name: 'Conversations' }).getByRole('listitem', { name: shownName });
  await expect(row).toContainText(shownName);
  await expect(row).toContainText('Invoice ⟨U+202E⟩fdp.exe');
  await row.click();
  await expect(page.getByRole('heading', { level: 2, name: shownName })).toBeVisible();
  await expect(page.getByRole('log', { name: 'Messages' })).toContainText('Invoice ⟨U+202E⟩fdp.exe');
  expect(await page.locator('body').innerText()).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);

  // Stored as the customer sent it.
  const stored = await trpcQuery<{ displayName: string }>(request, 'conversation.get', { id: created.conversationId });
  expect(stored.displayName).toBe(spoofedName);
});
