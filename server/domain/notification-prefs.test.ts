import { describe, expect, it } from 'vitest';
import { NOTIFICATION_DEFAULTS, readNotificationPrefs, wantsToast } from './notification-prefs';

describe('readNotificationPrefs', () => {
  it('fills every choice not made with its default, and ignores anything that is not a boolean', () => {
    expect(readNotificationPrefs(null)).toEqual(NOTIFICATION_DEFAULTS);
    expect(readNotificationPrefs({ sound: false, mentions: 'no', extra: true })).toEqual({ ...NOTIFICATION_DEFAULTS, sound: false });
  });
});

describe('wantsToast', () => {
  const off = { ...NOTIFICATION_DEFAULTS, assignedToMe: false };
  it('follows "assigned to me" for work handed to this person, one at a time or in bulk', () => {
    expect(wantsToast('assigned', NOTIFICATION_DEFAULTS)).toBe(true);
    expect(wantsToast('bulkAssigned', NOTIFICATION_DEFAULTS)).toBe(true);
    expect(wantsToast('assigned', off)).toBe(false);
    expect(wantsToast('bulkAssigned', off)).toBe(false);
  });
  it('always shows a customer writing in one’s own conversation, whatever the hidden-tab choice', () => {
    expect(wantsToast('newMessage', { ...NOTIFICATION_DEFAULTS, customerMessageWhileHidden: false, assignedToMe: false })).toBe(true);
  });
});
