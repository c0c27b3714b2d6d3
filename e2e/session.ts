import type { APIRequestContext } from '@playwright/test';
import { DEMO_PASSWORD } from '../db/seed/demo-users';

/** Signs in over plain HTTP (csrf token + credentials callback) and returns the Cookie header of the session. */
export async function signInOverHttp(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<string> {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const response = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, email, password, json: 'true' },
    maxRedirects: 0,
  });
  if (response.status() >= 400) throw new Error(`sign-in failed with ${response.status()}`);
  const { cookies } = await request.storageState();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
