import { eq, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { memberships, users } from '@/db/schema';
import type { TSignInThrottle } from '@/server/auth/sign-in-throttle';
import { parseCredentials, type TSignInError } from '@/server/domain/credentials';
import { hashPassword, verifyPassword } from './passwords';

export type TSignedInUser = { id: string; email: string; name: string; sessionVersion: number };
export type TSignInResult = { ok: true; user: TSignedInUser } | { ok: false; error: TSignInError; retryAfterSeconds?: number };

/**
 * Whether the account has a workspace to sign in to: false when it belongs to workspaces and every one of them has
 * deactivated it (an account with no membership at all still signs in, to the "no workspace" page, as before).
 */
async function mayEnterSomewhere(db: TDbOrTx, userId: string): Promise<boolean> {
  const rows = await db
    .select({ active: sql<boolean>`bool_or(${memberships.deactivatedAt} is null)`, total: sql<number>`count(*)::int` })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  const row = rows[0];
  return !row || row.total === 0 || row.active === true;
}

// Verifying against a real hash when the email is unknown keeps the response time the same either way,
// so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined;

async function checkPassword(db: TDbOrTx, email: string, password: string): Promise<TSignInResult> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  if (!user) {
    dummyHash ??= hashPassword('nafidha-timing-equaliser');
    await verifyPassword(await dummyHash, password);
    return { ok: false, error: 'INVALID_CREDENTIALS' };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, error: 'INVALID_CREDENTIALS' };
  // Said only after the password is proven, so it reveals nothing to someone guessing.
  if (!(await mayEnterSomewhere(db, user.id))) return { ok: false, error: 'ACCOUNT_DEACTIVATED' };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}

/**
 * Sign-in as the credentials callback does it: malformed input is refused before anything is counted (it costs
 * nothing), then the throttle has its say before the slow hash runs. The same path whether or not the email has an
 * account, so neither the answers nor the throttling reveal which emails exist.
 */
export async function attemptSignIn(
  db: TDbOrTx,
  throttle: TSignInThrottle,
  input: { credentials: unknown; address: string },
): Promise<TSignInResult> {
  const parsed = parseCredentials(input.credentials);
  if (!parsed.ok) return parsed;
  const { email, password } = parsed.value;
  const gate = await throttle.begin(email, input.address);
  if (!gate.allowed) return { ok: false, error: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: gate.retryAfterSeconds };
  const result = await checkPassword(db, email, password);
  if (result.ok) await throttle.succeeded(email, input.address);
  return result;
}
