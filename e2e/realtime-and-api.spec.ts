import { io } from 'socket.io-client';
import { E2E_BASE_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import { signInOverHttp } from './session';

function connectSocket(cookie?: string) {
  return new Promise<{ ok: true; workspaceId: string } | { ok: false; error: string }>((resolve) => {
    const socket = io(E2E_BASE_URL, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: cookie ? { cookie } : {},
    });
    socket.on('ready', (info: { workspaceId: string }) => {
      socket.disconnect();
      resolve({ ok: true, workspaceId: info.workspaceId });
    });
    socket.on('connect_error', (error) => {
      socket.disconnect();
      resolve({ ok: false, error: error.message });
    });
  });
}

test('a tRPC call without a session is refused with 401', async ({ request }) => {
  const response = await request.get('/api/trpc/conversation.list?input=%7B%22json%22%3A%7B%7D%7D');
  expect(response.status()).toBe(401);
  expect(JSON.stringify(await response.json())).toContain('UNAUTHENTICATED');
});

test('a socket without a valid session is refused; with one it connects to its workspace', async ({ request, workspace }) => {
  expect(await connectSocket()).toEqual({ ok: false, error: 'UNAUTHENTICATED' });
  expect(await connectSocket('next-auth.session-token=forged.token.value')).toEqual({ ok: false, error: 'UNAUTHENTICATED' });
  const cookie = await signInOverHttp(request, workspace.users.agent1.email);
  const result = await connectSocket(cookie);
  expect(result).toEqual({ ok: true, workspaceId: workspace.id });
});

test('health reports the database and migrations', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: 'ok', database: 'up', migrations: { upToDate: true } });
});

test('signing in over HTTP with a 10 kB password is a clear refusal, not a 500', async ({ request, workspace }) => {
  await expect(signInOverHttp(request, workspace.users.agent1.email, 'x'.repeat(10 * 1024))).rejects.toThrow('sign-in failed with 401');
});
