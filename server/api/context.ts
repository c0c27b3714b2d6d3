import { db } from '@/db/client';
import { parseCookieHeader, userIdFromCookies, WORKSPACE_COOKIE } from '@/server/auth/session';
import type { TContext } from './trpc';

/** Who is calling, from the request's cookies: the next-auth session and the workspace they chose. */
export async function createContextFromCookies(cookieHeader: string | null | undefined): Promise<TContext> {
  return {
    db: db(),
    userId: await userIdFromCookies(cookieHeader),
    requestedWorkspaceId: parseCookieHeader(cookieHeader)[WORKSPACE_COOKIE] ?? null,
  };
}
