import type { ServerResponse } from 'node:http';
import { db } from '@/db/client';
import { requestCredentials } from '@/server/auth/request-actor';
import { renewedSessionCookie } from '@/server/auth/session';
import { logger } from '@/server/logger';
import type { TContext } from './trpc';

/**
 * Who is calling, from the request's cookies: the session's claim (checked against the user's session version by
 * the procedure layers, in the query they make anyway) and the workspace they chose. A response can be given, to
 * renew a session that is in use.
 */
export async function createContextFromCookies(cookieHeader: string | null | undefined, res?: ServerResponse): Promise<TContext> {
  const { session, requestedWorkspaceId } = await requestCredentials(cookieHeader);
  if (session && res) {
    // A revoked token renewed is still revoked (its version stays old), so this need not wait for the check.
    const cookie = await renewedSessionCookie(session).catch((error: unknown) => {
      logger.warn({ err: error }, 'session not renewed');
      return null;
    });
    if (cookie && !res.headersSent) res.appendHeader('set-cookie', cookie);
  }
  return {
    db: db(),
    session: session?.claim ?? null,
    requestedWorkspaceId,
    perRequest: {},
  };
}
