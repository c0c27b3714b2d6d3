import { and, eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { findWorkspace, type TWorkspaceContext } from './context';

/** What a session token claims: who, and the user's session version when it was issued. */
export type TSessionClaim = { userId: string; sessionVersion: number };

/** PostgreSQL NOTIFY channel on which every app instance hears that a user's sessions were revoked. */
export const SESSIONS_CHANNEL = 'nafidha_sessions';

/**
 * Ends every session the user has, everywhere: tokens carrying the old version are refused by the next request and
 * socket handshake, and each instance drops the user's open sockets when it hears the notification (sent by
 * PostgreSQL when this commits, so nobody is cut off for a change that rolled back). For sign-out, and for any
 * change to who someone is or may do: a new password, a new role, deactivation.
 */
export async function revokeSessions(db: TDbOrTx, userId: string): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId))
      .returning({ sessionVersion: users.sessionVersion });
    if (!row) return null;
    await tx.execute(sql`select pg_notify(${SESSIONS_CHANNEL}, ${userId})`);
    return row.sessionVersion;
  });
}

export async function isSessionCurrent(db: TDbOrTx, claim: TSessionClaim): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, claim.userId), eq(users.sessionVersion, claim.sessionVersion)))
    .limit(1);
  return !!row;
}

/**
 * The workspace a session acts in (findWorkspace), and in the same query whether the session is still current: no
 * extra round trip on any request. `revoked` when the user is gone or the version has moved on.
 */
export async function resolveSessionWorkspace(
  db: TDbOrTx,
  claim: TSessionClaim,
  requestedId: string | null,
): Promise<{ revoked: true } | { revoked: false; workspace: TWorkspaceContext | null }> {
  const found = await findWorkspace(db, claim, requestedId);
  return found.userFound ? { revoked: false, workspace: found.workspace } : { revoked: true };
}

/**
 * Of the given claims, those no longer current (user gone, or version moved on), in one query however many: how an
 * instance re-checks every socket it holds without a round trip per user.
 */
export async function staleSessions(db: TDbOrTx, claims: TSessionClaim[]): Promise<TSessionClaim[]> {
  if (claims.length === 0) return [];
  const rows = await db.execute<{ userId: string; sessionVersion: number }>(sql`
    select c."userId", c."sessionVersion"
    from jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) as c("userId" uuid, "sessionVersion" integer)
    where not exists (select 1 from users u where u.id = c."userId" and u.session_version = c."sessionVersion")`);
  return rows.map((row) => ({ userId: String(row.userId), sessionVersion: Number(row.sessionVersion) }));
}
