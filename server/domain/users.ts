import { z } from 'zod';
import { ROLES, type TRole } from './permissions';

/**
 * Rules of Settings → Users that both the server and the forms apply (a new password's rule is server/domain/new-password.ts): how long invite
 * and reset links live, what state a link is in, and the last-admin rule. Pure, so the browser bundles them too.
 */

export const INVITE_TTL_MS = 7 * 24 * 3600_000;
/** Shorter than an invite: a reset link hands over an existing account. */
export const PASSWORD_RESET_TTL_MS = 24 * 3600_000;

export const ZRole = z.enum(ROLES);

/** A link's token as it travels in the URL: 32 random bytes, base64url. Anything else is simply unknown. */
export const ZLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** What a link (invite or password reset) can be found to be; each has its own page. */
export type TLinkState = 'valid' | 'expired' | 'used' | 'revoked' | 'unknown';

export function linkState(
  link: { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null } | null | undefined,
  now: Date,
): TLinkState {
  if (!link) return 'unknown';
  // Used before revoked before expired: a link that did its job says so, whatever happened to it later.
  if (link.usedAt) return 'used';
  if (link.revokedAt) return 'revoked';
  // At exactly its expiry a link has lapsed.
  if (now.getTime() >= link.expiresAt.getTime()) return 'expired';
  return 'valid';
}

/**
 * The last-admin rule: a workspace always keeps an active admin. Taking away `member`'s admin role (demotion or
 * deactivation) is refused when they are an active admin and no other active admin remains.
 */
export function wouldLeaveNoAdmin(member: { role: TRole; active: boolean }, otherActiveAdmins: number, change: { role?: TRole; active?: boolean }): boolean {
  const isActiveAdmin = member.role === 'admin' && member.active;
  if (!isActiveAdmin || otherActiveAdmins > 0) return false;
  const staysAdmin = (change.role ?? member.role) === 'admin' && (change.active ?? member.active);
  return !staysAdmin;
}
