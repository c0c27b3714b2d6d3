import { and, eq } from 'drizzle-orm';
import type { TDb } from '@/db/client';
import { users } from '@/db/schema';
import { createSignInThrottle, type TSignInThrottle } from '@/server/auth/sign-in-throttle';
import { readNotificationPrefs, type TNotificationPrefs } from '@/server/domain/notification-prefs';
import type { TChangePasswordInput } from '@/server/domain/profile';
import { AppError } from '@/server/errors';
import { hashPassword, verifyPassword } from './passwords';
import { revokeSessions } from './sessions';

/**
 * A person's own profile. Every function takes the signed-in user's id from the session (the procedures pass
 * ctx.userId); nothing here accepts another user's id from a client.
 */

export async function getProfile(db: TDb, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, locale: users.locale, notificationPrefs: users.notificationPrefs })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw new AppError('UNAUTHENTICATED');
  return { ...row, notificationPrefs: readNotificationPrefs(row.notificationPrefs) };
}

export async function updateName(db: TDb, userId: string, name: string): Promise<{ name: string }> {
  const [row] = await db.update(users).set({ name }).where(eq(users.id, userId)).returning({ name: users.name });
  if (!row) throw new AppError('UNAUTHENTICATED');
  return row;
}

export async function setNotificationPrefs(db: TDb, userId: string, prefs: TNotificationPrefs): Promise<TNotificationPrefs> {
  const [row] = await db
    .update(users)
    .set({ notificationPrefs: prefs })
    .where(eq(users.id, userId))
    .returning({ prefs: users.notificationPrefs });
  if (!row) throw new AppError('UNAUTHENTICATED');
  return readNotificationPrefs(row.prefs);
}

/** Not an address: wrong current passwords are counted on the account itself, in the sign-in budget of its email. */
const profileUnit = (userId: string) => `profile:${userId}`;

/**
 * A new password, given the current one. Wrong guesses of the current password count against the account's sign-in
 * budget (someone holding an open session cannot try passwords faster than at the sign-in page). The change ends
 * every session of the user, everywhere (revokeSessions, in the same transaction); the browser that made it signs in
 * again with the new password, so only the others are signed out.
 */
export async function changePassword(
  db: TDb,
  userId: string,
  input: TChangePasswordInput,
  throttle: TSignInThrottle = createSignInThrottle(db),
): Promise<{ sessionVersion: number }> {
  const [user] = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (input.newPassword === input.currentPassword) throw new AppError('INVALID_INPUT', 'samePassword');
  const gate = await throttle.begin(user.email, profileUnit(userId));
  if (!gate.allowed) throw new AppError('TOO_MANY_ATTEMPTS', undefined, { retryAfterSeconds: gate.retryAfterSeconds });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError('CURRENT_PASSWORD_WRONG');
  await throttle.succeeded(user.email, profileUnit(userId));
  const passwordHash = await hashPassword(input.newPassword);
  const sessionVersion = await db.transaction(async (tx) => {
    // Only if the hash is still the one just verified: two changes at once cannot both pass the same current password.
    const [changed] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, userId), eq(users.passwordHash, user.passwordHash)))
      .returning({ id: users.id });
    if (!changed) throw new AppError('CONFLICT');
    return revokeSessions(tx, userId);
  });
  if (sessionVersion === null) throw new AppError('UNAUTHENTICATED');
  return { sessionVersion };
}
