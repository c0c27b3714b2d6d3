import { describe, expect, it } from 'vitest';
import { fieldErrors } from './first-run';
import { NOTIFICATION_DEFAULTS, readNotificationPrefs, ZNotificationPrefs } from './notification-prefs';
import { ZChangePasswordForm, ZChangePasswordInput, ZUpdateNameInput } from './profile';

describe('notification preferences', () => {
  it('read as the defaults where the user made no choice, and as the choice where they did', () => {
    expect(readNotificationPrefs({})).toEqual(NOTIFICATION_DEFAULTS);
    expect(readNotificationPrefs({ sound: false })).toEqual({ ...NOTIFICATION_DEFAULTS, sound: false });
  });

  it('fall back to the defaults for anything that is not a choice (an older shape, a hand edit)', () => {
    expect(readNotificationPrefs(null)).toEqual(NOTIFICATION_DEFAULTS);
    expect(readNotificationPrefs('loud')).toEqual(NOTIFICATION_DEFAULTS);
    expect(readNotificationPrefs({ sound: 'no', mentions: 0, unknown: true })).toEqual(NOTIFICATION_DEFAULTS);
  });

  it('are saved whole: every preference, as a boolean, nothing else', () => {
    expect(ZNotificationPrefs.safeParse({ ...NOTIFICATION_DEFAULTS, sound: false }).success).toBe(true);
    expect(ZNotificationPrefs.safeParse({ sound: false }).success).toBe(false);
    expect(ZNotificationPrefs.safeParse({ ...NOTIFICATION_DEFAULTS, sound: 'off' }).success).toBe(false);
    expect(ZNotificationPrefs.safeParse({ ...NOTIFICATION_DEFAULTS, userId: 'x' }).success).toBe(false);
  });
});

describe('the profile forms', () => {
  it('take no user id: a strict object refuses one', () => {
    expect(ZUpdateNameInput.safeParse({ name: 'Lina', userId: crypto.randomUUID() }).success).toBe(false);
    expect(ZChangePasswordInput.safeParse({ currentPassword: 'a', newPassword: 'abcdefgh', userId: crypto.randomUUID() }).success).toBe(
      false,
    );
  });

  it('check the new password like the set-up does, typed twice alike and different from the current one', () => {
    const form = (currentPassword: string, newPassword: string, confirmPassword = newPassword) =>
      fieldErrors(ZChangePasswordForm.safeParse({ currentPassword, newPassword, confirmPassword }).error ?? ({ issues: [] } as never));
    expect(form('old password', 'new password')).toEqual({});
    expect(form('', 'new password')).toEqual({ currentPassword: 'CURRENT_PASSWORD_REQUIRED' });
    expect(form('old password', 'short')).toEqual({ newPassword: 'PASSWORD_TOO_SHORT' });
    expect(form('old password', 'new password', 'new passw0rd')).toEqual({ confirmPassword: 'PASSWORDS_DIFFER' });
    expect(form('same password', 'same password')).toEqual({ newPassword: 'SAME_PASSWORD' });
  });
});
