import { and, eq, ne, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { databaseNow } from '@/db/clock';
import { memberships, passwordResets, users } from '@/db/schema';
import { linkState, PASSWORD_RESET_TTL_MS, ZLinkToken, type TLinkState } from '@/server/domain/users';
import { AppError } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';
import type { TWorkspaceActor } from '@/server/services/workspaces/context';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { revokeSessions } from '@/server/services/workspaces/sessions';
import { LINK_DETAIL } from './accept-invite';
import { lockMember } from './members';
import { revokePendingResets } from './reset-revoke';
import type { TCompleteResetInput } from './schemas';
import { hashLinkToken, newLinkToken } from './tokens';

/**
 * An admin's reset-password link for an active member: single use, expiring, replacing the member's earlier unused
 * one. Refused for someone who also belongs to another workspace: the link hands over the whole account, and one
 * workspace's admin must not take over what its user does elsewhere (they change it themselves, from their profile).
 */
export async function issuePasswordReset(db: TDbOrTx, actor: TWorkspaceActor, input: { userId: string }) {
  const workspaceId = actor.workspace.id;
  return db.transaction(async (tx) => {
    const member = await lockMember(tx, workspaceId, input.userId);
    if (member.deactivatedAt) throw new AppError('INVALID_INPUT', 'memberDeactivated');
    const [elsewhere] = await tx
      .select({ workspaceId: memberships.workspaceId })
      .from(memberships)
      .where(and(eq(memberships.userId, input.userId), ne(memberships.workspaceId, workspaceId)))
      .limit(1);
    if (elsewhere) throw new AppError('FORBIDDEN', 'resetOtherWorkspaces');
    await revokePendingResets(tx, input.userId);
    const now = await databaseNow(tx);
    const { token, hash } = newLinkToken();
    const [reset] = await tx
      .insert(passwordResets)
      .values({ workspaceId, userId: input.userId, tokenHash: hash, createdBy: actor.userId, expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS) })
      .returning({ id: passwordResets.id, expiresAt: passwordResets.expiresAt });
    await recordAudit(tx, {
      workspaceId,
      actorId: actor.userId,
      action: 'user.passwordResetIssued',
      subject: { type: 'user', id: input.userId },
      data: { name: member.name, expiresAt: reset!.expiresAt.toISOString() },
    });
    return { token, expiresAt: reset!.expiresAt };
  });
}

/**
 * Whether a reset link still hands over the account it names: its user is an active member of the workspace whose
 * admin issued it, and of no other (the rule issuing follows). Checked again when the link is used, because a
 * membership can change in between: deactivated, or the account joined another workspace through an invite.
 */
async function resetStillApplies(db: TDbOrTx, reset: { workspaceId: string; userId: string }, lock = false): Promise<boolean> {
  const query = db
    .select({ workspaceId: memberships.workspaceId, deactivatedAt: memberships.deactivatedAt })
    .from(memberships)
    .where(eq(memberships.userId, reset.userId));
  // Shared locks: a deactivation or an invite accepted at the same time waits for this reset, or this reset for it.
  const rows = lock ? await query.for('share') : await query;
  return rows.length === 1 && rows[0]!.workspaceId === reset.workspaceId && !rows[0]!.deactivatedAt;
}

export type TResetLookup = { state: Exclude<TLinkState, 'valid'> } | { state: 'valid'; email: string; name: string };

export async function lookupPasswordReset(db: TDbOrTx, token: string): Promise<TResetLookup> {
  if (!ZLinkToken.safeParse(token).success) return { state: 'unknown' };
  const [reset] = await db
    .select({
      email: users.email,
      name: users.name,
      workspaceId: passwordResets.workspaceId,
      userId: passwordResets.userId,
      expiresAt: passwordResets.expiresAt,
      usedAt: passwordResets.usedAt,
      revokedAt: passwordResets.revokedAt,
      now: sql<Date>`now()`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashLinkToken(token)));
  const state = linkState(reset, reset?.now ?? new Date());
  if (state !== 'valid' || !reset) return { state: state === 'valid' ? 'unknown' : state };
  if (!(await resetStillApplies(db, reset))) return { state: 'revoked' };
  return { state, email: reset.email, name: reset.name };
}

/** Sets the new password, uses up the link and ends every session the user had; only while the link still applies. */
export async function completePasswordReset(db: TDbOrTx, input: TCompleteResetInput) {
  if (!ZLinkToken.safeParse(input.token).success) throw new AppError('NOT_FOUND', LINK_DETAIL.unknown);
  // Only for a link that exists: nobody without one can make the server run the slow hash.
  const [peek] = await db.select({ id: passwordResets.id }).from(passwordResets).where(eq(passwordResets.tokenHash, hashLinkToken(input.token)));
  if (!peek) throw new AppError('NOT_FOUND', LINK_DETAIL.unknown);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [reset] = await tx.select().from(passwordResets).where(eq(passwordResets.tokenHash, hashLinkToken(input.token))).for('update');
    const state = linkState(reset, await databaseNow(tx));
    if (state !== 'valid' || !reset) throw new AppError('NOT_FOUND', LINK_DETAIL[state === 'valid' ? 'unknown' : state]);
    // A deactivated member must not get back in with a link from before.
    if (!(await resetStillApplies(tx, reset, true))) throw new AppError('NOT_FOUND', LINK_DETAIL.revoked);
    const [user] = await tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId)).returning({ email: users.email });
    await tx.update(passwordResets).set({ usedAt: sql`now()` }).where(eq(passwordResets.id, reset.id));
    await revokeSessions(tx, reset.userId);
    await recordAudit(tx, {
      workspaceId: reset.workspaceId,
      actorId: reset.userId,
      action: 'user.passwordReset',
      subject: { type: 'user', id: reset.userId },
    });
    return { email: user!.email };
  });
}
