import { createHash, randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { TDb, TDbOrTx } from '@/db/client';
import { setupCodes } from '@/db/schema';
import { createSignInThrottle, type TSignInLimits, type TSignInThrottle } from '@/server/auth/sign-in-throttle';
import type { TSetupInput } from '@/server/domain/first-run';
import { SETUP_CODE_ALPHABET, SETUP_CODE_LENGTH } from '@/server/domain/setup-code';
import { AppError } from '@/server/errors';
import { anyUserIn, createWorkspaceWithAdmin, lockFirstUser } from './accounts';
import { hashPassword } from './passwords';

/**
 * First run: while the database has no user, every page leads to /setup, where the first admin creates the workspace
 * with the code the server printed at start.
 *
 * Several instances starting together on an empty database each issue and print a code of their own, and every one
 * of them is valid until the set-up is done: whichever log the operator reads, its code works on whichever instance
 * the browser reaches. (Reusing one code across instances would need the code itself in the database; only hashes
 * are kept.) A restart adds a code and leaves the earlier ones valid, for the same reason; the first user's creation
 * deletes them all in its transaction.
 */

/** One budget for the code, whoever guesses (its "account"), and ten failures per address per quarter hour. */
export const SETUP_LIMITS: TSignInLimits = { windowSeconds: 15 * 60, attemptsPerEmail: 50, failuresPerAddress: 10 };
/** Not an email, so it can never share a throttle row with a real account. */
const SETUP_THROTTLE_KEY = 'first-run-setup-code';

// Per pool, not per process: tests run several databases in one process. Once a user exists, one always does (the
// app never deletes its last user), so only the positive answer is kept: page loads then cost no query.
const knownToHaveUsers = new WeakSet<object>();

/** Whether the database has any user: asked on page loads (the redirect to /setup), so the positive answer is cached. */
export async function hasAnyUser(db: TDb): Promise<boolean> {
  if (knownToHaveUsers.has(db)) return true;
  const found = await anyUserIn(db);
  if (found) knownToHaveUsers.add(db);
  return found;
}

export function generateSetupCode(): string {
  let code = '';
  for (let i = 0; i < SETUP_CODE_LENGTH; i++) code += SETUP_CODE_ALPHABET[randomInt(SETUP_CODE_ALPHABET.length)];
  return code;
}

/** The stored form: a SHA-256 is enough for 59 random bits guarded by a throttle (this is no user-chosen password). */
export const hashSetupCode = (normalized: string) => createHash('sha256').update(`nafidha-setup:${normalized}`).digest('hex');

/** At start: a fresh code when the database has no user (the caller prints it), else null. */
export async function issueSetupCode(db: TDb): Promise<string | null> {
  if (await hasAnyUser(db)) return null;
  const code = generateSetupCode();
  await db.insert(setupCodes).values({ codeHash: hashSetupCode(code) });
  return code;
}

async function codeIsLive(db: TDbOrTx, codeHash: string): Promise<boolean> {
  const [row] = await db.select({ codeHash: setupCodes.codeHash }).from(setupCodes).where(eq(setupCodes.codeHash, codeHash)).limit(1);
  return !!row;
}

export type TSetupResult = { workspace: { id: string; name: string }; user: { id: string; email: string } };

/**
 * The /setup form's act, its input already parsed (ZSetupInput). Refused with SETUP_DONE once any user exists,
 * TOO_MANY_ATTEMPTS past the throttle, SETUP_CODE_INVALID for a code no instance issued; otherwise one transaction
 * creates the workspace, its settings, the admin and their membership, records it and voids every code. Two
 * submissions at once serialise on the first-user lock: the second finds the user the first made (SETUP_DONE).
 */
export async function completeSetup(
  db: TDb,
  input: { form: TSetupInput; address: string; throttle?: TSignInThrottle },
): Promise<TSetupResult> {
  if (await hasAnyUser(db)) throw new AppError('SETUP_DONE');
  const throttle = input.throttle ?? createSignInThrottle(db, { limits: SETUP_LIMITS });
  const gate = await throttle.begin(SETUP_THROTTLE_KEY, input.address);
  if (!gate.allowed) throw new AppError('TOO_MANY_ATTEMPTS', undefined, { retryAfterSeconds: gate.retryAfterSeconds });
  const codeHash = hashSetupCode(input.form.setupCode);
  // Checked before the slow password hash too, so wrong guesses cost next to nothing; checked again under the lock.
  if (!(await codeIsLive(db, codeHash))) throw new AppError((await hasAnyUser(db)) ? 'SETUP_DONE' : 'SETUP_CODE_INVALID');
  const passwordHash = await hashPassword(input.form.password);
  const result = await db.transaction(async (tx) => {
    await lockFirstUser(tx);
    if (await anyUserIn(tx)) throw new AppError('SETUP_DONE');
    if (!(await codeIsLive(tx, codeHash))) throw new AppError('SETUP_CODE_INVALID');
    return createWorkspaceWithAdmin(tx, {
      workspaceName: input.form.workspaceName,
      admin: { name: input.form.name, email: input.form.email, passwordHash, locale: input.form.locale ?? null },
      by: 'admin',
    });
  });
  knownToHaveUsers.add(db);
  await throttle.succeeded(SETUP_THROTTLE_KEY, input.address);
  return result;
}
