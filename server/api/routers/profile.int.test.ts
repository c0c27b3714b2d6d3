import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '@/db/schema';
import { createSignInThrottle } from '@/server/auth/sign-in-throttle';
import { NOTIFICATION_DEFAULTS } from '@/server/domain/notification-prefs';
import { attemptSignIn } from '@/server/services/workspaces/auth';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { isSessionCurrent } from '@/server/services/workspaces/sessions';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { callerFor, createUser, createWorkspace } from '@/server/testing/factories';

let database: TTestDatabase;
let passwordHash: string;

beforeAll(async () => {
  database = await createTestDatabase();
  passwordHash = await hashPassword('current password');
});
afterAll(() => database.drop());

async function people() {
  const workspace = await createWorkspace(database.db);
  const me = await createUser(database.db, workspace.id, 'agent', 'Sara', { passwordHash });
  const other = await createUser(database.db, workspace.id, 'admin', 'Lina', { passwordHash });
  return { workspace, me, other, caller: callerFor(database.db, me.id, workspace.id) };
}

const row = async (id: string) => (await database.db.select().from(s.users).where(eq(s.users.id, id)))[0]!;

describe('profile', () => {
  it('shows the signed-in person their own profile, with default notification preferences', async () => {
    const { me, caller } = await people();
    expect(await caller.profile.get()).toEqual({
      id: me.id,
      name: 'Sara',
      email: me.email,
      locale: null,
      notificationPrefs: NOTIFICATION_DEFAULTS,
    });
  });

  it('is for the signed in only, and works outside any workspace', async () => {
    const { me } = await people();
    await expect(callerFor(database.db, null).profile.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(callerFor(database.db, me.id, null, 7).profile.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const loner = await database.db
      .insert(s.users)
      .values({ email: `loner-${me.id}@example.com`, name: 'Loner', passwordHash })
      .returning();
    expect((await callerFor(database.db, loner[0]!.id).profile.updateName({ name: 'Still me' })).name).toBe('Still me');
  });

  it('renames, trimmed, and refuses an empty or long name', async () => {
    const { me, caller } = await people();
    expect(await caller.profile.updateName({ name: '  Sara Q.  ' })).toEqual({ name: 'Sara Q.' });
    expect((await row(me.id)).name).toBe('Sara Q.');
    await expect(caller.profile.updateName({ name: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(caller.profile.updateName({ name: 'x'.repeat(121) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await row(me.id)).name).toBe('Sara Q.');
  });

  it('stores the notification preferences per user', async () => {
    const { me, other, caller } = await people();
    const prefs = { ...NOTIFICATION_DEFAULTS, sound: false, mentions: false };
    expect(await caller.profile.setNotificationPrefs(prefs)).toEqual(prefs);
    expect((await caller.profile.get()).notificationPrefs).toEqual(prefs);
    // The tab reads them from me.get, to decide which toasts to show.
    expect((await caller.me.get()).notificationPrefs).toEqual(prefs);
    expect((await row(me.id)).notificationPrefs).toEqual(prefs);
    expect((await row(other.id)).notificationPrefs).toEqual({});
    await expect(caller.profile.setNotificationPrefs({ sound: false } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('changes the password given the current one and ends every session of the user', async () => {
    const { me, caller } = await people();
    await caller.profile.changePassword({ currentPassword: 'current password', newPassword: 'a new password' });
    expect(await isSessionCurrent(database.db, { userId: me.id, sessionVersion: 1 })).toBe(false);
    await expect(caller.profile.get()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const signIn = (password: string) =>
      attemptSignIn(database.db, createSignInThrottle(database.db), { credentials: { email: me.email, password }, address: '192.0.2.9' });
    expect((await signIn('a new password')).ok).toBe(true);
    expect((await signIn('current password')).ok).toBe(false);
    // The browser that changed it signs in again: a session of the new version works.
    expect((await callerFor(database.db, me.id, null, 2).profile.get()).id).toBe(me.id);
  });

  it('refuses a wrong current password, a weak or unchanged new one, and changes nothing', async () => {
    const { me, caller } = await people();
    const before = (await row(me.id)).passwordHash;
    await expect(caller.profile.changePassword({ currentPassword: 'wrong', newPassword: 'a new password' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      cause: { code: 'CURRENT_PASSWORD_WRONG' },
    });
    await expect(caller.profile.changePassword({ currentPassword: 'current password', newPassword: 'short' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      caller.profile.changePassword({ currentPassword: 'current password', newPassword: 'current password' }),
    ).rejects.toMatchObject({
      cause: { code: 'INVALID_INPUT', detail: 'samePassword' },
    });
    expect((await row(me.id)).passwordHash).toBe(before);
    expect(await isSessionCurrent(database.db, { userId: me.id, sessionVersion: 1 })).toBe(true);
  });

  it('throttles guesses of the current password on the account', async () => {
    const { caller } = await people();
    for (let i = 0; i < 10; i++) {
      await expect(caller.profile.changePassword({ currentPassword: `guess ${i}`, newPassword: 'a new password' })).rejects.toMatchObject({
        cause: { code: 'CURRENT_PASSWORD_WRONG' },
      });
    }
    await expect(
      caller.profile.changePassword({ currentPassword: 'current password', newPassword: 'a new password' }),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      cause: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: expect.any(Number) } },
    });
  });

  it('lets no input change another user', async () => {
    const { other, caller } = await people();
    const before = await row(other.id);
    const attempts: (() => Promise<unknown>)[] = [
      () => caller.profile.updateName({ name: 'Hacked', userId: other.id } as never),
      () => caller.profile.updateName({ name: 'Hacked', id: other.id } as never),
      () => caller.profile.setNotificationPrefs({ ...NOTIFICATION_DEFAULTS, sound: false, userId: other.id } as never),
      () =>
        caller.profile.changePassword({ currentPassword: 'current password', newPassword: 'hacked password', userId: other.id } as never),
      () =>
        caller.profile.changePassword({ currentPassword: 'current password', newPassword: 'hacked password', email: other.email } as never),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await row(other.id)).toEqual(before);
    // What the profile returns is always the caller's own.
    expect((await caller.profile.get()).id).not.toBe(other.id);
  });
});
