import { db } from '@/db/client';
import { parseCookieHeader, userIdFromCookies, WORKSPACE_COOKIE } from '@/server/auth/session';
import type { TContext } from './trpc';

export async function createContextFromRequest(req: Request): Promise<TContext> {
  const cookieHeader = req.headers.get('cookie');
  return {
    db: db(),
    userId: await userIdFromCookies(cookieHeader),
    requestedWorkspaceId: parseCookieHeader(cookieHeader)[WORKSPACE_COOKIE] ?? null,
  };
}
