import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { invites, memberships, users, workspaces } from '@/db/schema';
import { databaseNow } from '@/db/clock';
import { INVITE_TTL_MS, linkState, ZLinkToken, type TLinkState } from '@/server/domain/users';
import type { TRole } from '@/server/domain/permissions';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';
import type { TWorkspaceActor } from '@/server/services/workspaces/context';
import { isUniqueViolation } from '@/db/errors';
import { hashLinkToken, newLinkToken } from './tokens';

/**
 * Creates an invite link for `email` with `role`, replacing (revoking) a pending one for the same email. Refused for
 * someone who already belongs to the workspace, active or deactivated (reactivate them instead). Returns the token:
 * the only time it exists outside the link.
 */
export async function createInvite(db: TDbOrTx, actor: TWorkspaceActor, input: { email: string; role: TRole }) {
  const workspaceId = actor.workspace.id;
  try {
    return await db.transaction(async (tx) => {
      const [member] = await tx
        .select({ deactivatedAt: memberships.deactivatedAt })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.workspaceId, workspaceId), eq(users.email, input.email)));
      if (member) throw new AppError('ALREADY_MEMBER', member.deactivatedAt ? 'memberDeactivated' : undefined);
      const replaced = await tx
        .update(invites)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(invites.workspaceId, workspaceId), eq(invites.email, input.email), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
        .returning({ id: invites.id });
      const now = await databaseNow(tx);
      const { token, hash } = newLinkToken();
      const [invite] = await tx
        .insert(invites)
        .values({ workspaceId, email: input.email, role: input.role, tokenHash: hash, createdBy: actor.userId, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) })
        .returning({ id: invites.id, expiresAt: invites.expiresAt });
      await recordAudit(tx, {
        workspaceId,
        actorId: actor.userId,
        action: 'user.invited',
        subject: { type: 'invite', id: invite!.id },
        data: { email: input.email, role: input.role, ...(replaced.length > 0 ? { replaced: replaced.length } : {}) },
      });
      return { id: invite!.id, token, expiresAt: invite!.expiresAt };
    });
  } catch (error) {
    // Two admins inviting the same email at once: the pending-invite index lets one through.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT');
    throw error;
  }
}

/** Invites not yet accepted nor revoked, newest first, each with its state (an expired one can be sent again). */
export async function listPendingInvites(db: TDbOrTx, workspaceId: string) {
  const rows = await db
    .select({
      id: invites.id,
      email: invites.email,
      role: invites.role,
      createdAt: invites.createdAt,
      expiresAt: invites.expiresAt,
      invitedBy: users.name,
      now: sql<Date>`now()`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(invites)
    .leftJoin(users, eq(users.id, invites.createdBy))
    .where(and(eq(invites.workspaceId, workspaceId), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
    .orderBy(desc(invites.createdAt), asc(invites.id));
  return rows.map(({ now, ...row }) => ({ ...row, expired: now.getTime() >= row.expiresAt.getTime() }));
}

export async function revokeInvite(db: TDbOrTx, actor: TWorkspaceActor, input: { id: string }) {
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .select({ id: invites.id, email: invites.email, acceptedAt: invites.acceptedAt, revokedAt: invites.revokedAt })
      .from(invites)
      .where(and(eq(invites.id, input.id), eq(invites.workspaceId, actor.workspace.id)))
      .for('update');
    if (!invite) throw new AppError('NOT_FOUND', 'inviteNotInWorkspace');
    if (invite.acceptedAt) throw new AppError('CONFLICT', 'inviteAlreadyAccepted');
    if (invite.revokedAt) return { changed: false };
    await tx.update(invites).set({ revokedAt: sql`now()` }).where(eq(invites.id, invite.id));
    await recordAudit(tx, {
      workspaceId: actor.workspace.id,
      actorId: actor.userId,
      action: 'invite.revoked',
      subject: { type: 'invite', id: invite.id },
      data: { email: invite.email },
    });
    return { changed: true };
  });
}

export type TInviteLookup =
  | { state: Exclude<TLinkState, 'valid'> }
  | { state: 'valid'; email: string; role: TRole; workspaceName: string; existingAccount: boolean; alreadyMember: boolean };

/** What the invite page shows for a link: its state, and for a valid one whom it invites where. */
export async function lookupInvite(db: TDbOrTx, token: string): Promise<TInviteLookup> {
  if (!ZLinkToken.safeParse(token).success) return { state: 'unknown' };
  const [invite] = await db
    .select({
      email: invites.email,
      role: invites.role,
      workspaceId: invites.workspaceId,
      workspaceName: workspaces.name,
      expiresAt: invites.expiresAt,
      usedAt: invites.acceptedAt,
      revokedAt: invites.revokedAt,
      now: sql<Date>`now()`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .where(eq(invites.tokenHash, hashLinkToken(token)));
  const state = linkState(invite, invite?.now ?? new Date());
  if (state !== 'valid' || !invite) return { state: state === 'valid' ? 'unknown' : state };
  const [account] = await db
    .select({ id: users.id, memberOf: memberships.workspaceId })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, invite.workspaceId)))
    .where(eq(users.email, invite.email));
  return {
    state,
    email: invite.email,
    role: invite.role,
    workspaceName: invite.workspaceName,
    existingAccount: !!account,
    alreadyMember: !!account?.memberOf,
  };
}
