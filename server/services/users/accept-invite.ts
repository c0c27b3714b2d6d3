import { and, eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { databaseNow } from '@/db/clock';
import { invites, memberships, users } from '@/db/schema';
import type { TSignInThrottle } from '@/server/auth/sign-in-throttle';
import { linkState, ZLinkToken, type TLinkState } from '@/server/domain/users';
import { AppError, type TErrorDetail } from '@/server/errors';
import { recordAudit } from '@/server/services/audit/record';
import { hashPassword, verifyPassword } from '@/server/services/workspaces/passwords';
import type { TAcceptInviteInput } from './schemas';
import { revokePendingResets } from './reset-revoke';
import { hashLinkToken } from './tokens';

/** Why a link cannot be used, as the error the page turns into its state page. */
export const LINK_DETAIL: Record<Exclude<TLinkState, 'valid'>, TErrorDetail> = {
  expired: 'linkExpired',
  used: 'linkUsed',
  revoked: 'linkRevoked',
  unknown: 'linkUnknown',
};

/**
 * Accepts an invite: a new account (name and password), or, when the email already has an account (a member of
 * another workspace), that account joins once its password is proven, so nobody gets a second user. Single use
 * under a row lock: of two tabs accepting at once one joins, the other finds the link used.
 */
export async function acceptInvite(db: TDbOrTx, throttle: TSignInThrottle, input: TAcceptInviteInput) {
  if (!ZLinkToken.safeParse(input.token).success) throw new AppError('NOT_FOUND', LINK_DETAIL.unknown);
  const tokenHash = hashLinkToken(input.token);
  const [peek] = await db.select({ email: invites.email }).from(invites).where(eq(invites.tokenHash, tokenHash));
  if (!peek) throw new AppError('NOT_FOUND', LINK_DETAIL.unknown);
  // Hashing and proving a password are slow: done before the transaction, and throttled like sign-in (the same
  // per-email counter), since a leaked link must not become a way to guess the account's password. The address
  // budget is the link's own: one shared key would let a few failures hold up every invitee.
  let newHash: string | null = null;
  if (input.kind === 'existing') {
    const gate = await throttle.begin(peek.email, `invite:${tokenHash.slice(0, 16)}`);
    if (!gate.allowed) throw new AppError('TOO_MANY_ATTEMPTS', undefined, { retryAfterSeconds: gate.retryAfterSeconds });
    const [account] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, peek.email));
    if (!account) throw new AppError('CONFLICT', 'inviteNoAccount');
    if (!(await verifyPassword(account.passwordHash, input.password))) throw new AppError('INVALID_CREDENTIALS');
    await throttle.succeeded(peek.email, `invite:${tokenHash.slice(0, 16)}`);
  } else newHash = await hashPassword(input.password);

  return db.transaction(async (tx) => {
    const [invite] = await tx.select().from(invites).where(eq(invites.tokenHash, tokenHash)).for('update');
    const state = linkState(invite && { expiresAt: invite.expiresAt, usedAt: invite.acceptedAt, revokedAt: invite.revokedAt }, await databaseNow(tx));
    if (state !== 'valid' || !invite) throw new AppError('NOT_FOUND', LINK_DETAIL[state === 'valid' ? 'unknown' : state]);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, invite.email)).for('update');
    let userId: string;
    if (input.kind === 'new') {
      // The account was created (by another invite, or set-up) after the page was opened: prove it instead.
      if (existing) throw new AppError('CONFLICT', 'inviteHasAccount');
      // The row lock above cannot see an account another transaction is creating right now (set-up, user:create,
      // another workspace's invite): the unique email decides, and losing that race is the same conflict, not a 500.
      const [created] = await tx
        .insert(users)
        .values({ email: invite.email, name: input.name, passwordHash: newHash! })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      if (!created) throw new AppError('CONFLICT', 'inviteHasAccount');
      userId = created.id;
    } else {
      if (!existing) throw new AppError('CONFLICT', 'inviteNoAccount');
      userId = existing.id;
      const [member] = await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.workspaceId, invite.workspaceId), eq(memberships.userId, userId)));
      if (member) throw new AppError('ALREADY_MEMBER');
    }
    // Joined meanwhile by another way (a second invite's tab, the script): already a member, not a 500.
    const [joined] = await tx
      .insert(memberships)
      .values({ workspaceId: invite.workspaceId, userId, role: invite.role })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (!joined) throw new AppError('ALREADY_MEMBER');
    await tx.update(invites).set({ acceptedAt: sql`now()`, acceptedBy: userId }).where(eq(invites.id, invite.id));
    // An account in two workspaces is no longer one admin's to reset: a link issued before it joined here goes.
    await revokePendingResets(tx, userId);
    await recordAudit(tx, {
      workspaceId: invite.workspaceId,
      actorId: userId,
      action: 'user.joined',
      subject: { type: 'user', id: userId },
      data: { email: invite.email, role: invite.role, inviteId: invite.id, existingAccount: input.kind === 'existing' },
    });
    return { email: invite.email, workspaceId: invite.workspaceId };
  });
}
