import type { TDbOrTx } from '@/db/client';
import { workspaceActor, type TWorkspaceActor } from '@/server/services/workspaces/context';
import { resolveSessionWorkspace, type TSessionClaim } from '@/server/services/workspaces/sessions';
import { parseCookieHeader, sessionFromCookies, WORKSPACE_COOKIE, type TCookieSession } from './session';

export type TResolvedActor =
  /** No valid session cookie at all. */
  | { status: 'signed-out' }
  /** The session was revoked (sign-out anywhere, new password or role) or its user is gone. */
  | { status: 'revoked' }
  /** A current session whose user is not a member of the requested workspace (or of any). */
  | { status: 'no-workspace'; claim: TSessionClaim }
  | { status: 'ok'; claim: TSessionClaim; actor: TWorkspaceActor };

/**
 * What a request's cookies claim, without asking the database: the signed session (or null) and the workspace the
 * browser chose. The tRPC context stops here, since a procedure may need no workspace; resolveActor does the rest.
 */
export async function requestCredentials(cookieHeader: string | null | undefined): Promise<{
  session: TCookieSession | null;
  requestedWorkspaceId: string | null;
}> {
  return {
    session: await sessionFromCookies(cookieHeader),
    requestedWorkspaceId: parseCookieHeader(cookieHeader)[WORKSPACE_COOKIE] ?? null,
  };
}

/**
 * A session claim's actor in the requested workspace (else their first), with the session-version check folded into
 * the membership query: one round trip decides both.
 */
export async function resolveActor(
  db: TDbOrTx,
  claim: TSessionClaim,
  requestedWorkspaceId: string | null,
): Promise<Exclude<TResolvedActor, { status: 'signed-out' }>> {
  const resolved = await resolveSessionWorkspace(db, claim, requestedWorkspaceId);
  if (resolved.revoked) return { status: 'revoked' };
  if (!resolved.workspace) return { status: 'no-workspace', claim };
  return { status: 'ok', claim, actor: workspaceActor(resolved.workspace, claim.userId) };
}

/**
 * Who is acting, from a request's Cookie header: the one path for tRPC (in two steps, see requestCredentials), the
 * socket.io handshake and the server-rendered admin pages.
 */
export async function requestActor(db: TDbOrTx, cookieHeader: string | null | undefined): Promise<TResolvedActor> {
  const { session, requestedWorkspaceId } = await requestCredentials(cookieHeader);
  if (!session) return { status: 'signed-out' };
  return resolveActor(db, session.claim, requestedWorkspaceId);
}
