import { describe, expect, it } from 'vitest';
import { NOTIFICATION_DEFAULTS, notificationPlan, readNotificationPrefs, wantsToast } from './notification-prefs';

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

describe('notificationPlan: what each event raises for whom', () => {
  const KINDS = ['assigned', 'bulkAssigned', 'newMessage', 'mentioned'] as const;
  const PERMISSIONS = ['granted', 'denied', 'default', 'unsupported'] as const;
  const on = NOTIFICATION_DEFAULTS;
  const visible = { hidden: false, permission: 'granted' as const };
  const hidden = { hidden: true, permission: 'granted' as const };

  it('in a visible tab: a toast and the sound for work handed over and mentions, a silent toast for a customer message', () => {
    expect(notificationPlan('assigned', on, visible)).toEqual({ toast: true, browser: false, sound: true });
    expect(notificationPlan('bulkAssigned', on, visible)).toEqual({ toast: true, browser: false, sound: true });
    expect(notificationPlan('mentioned', on, visible)).toEqual({ toast: true, browser: false, sound: true });
    expect(notificationPlan('newMessage', on, visible)).toEqual({ toast: true, browser: false, sound: false });
  });

  it('in a hidden tab with permission: the browser’s notification too, a customer message included', () => {
    for (const kind of KINDS) expect(notificationPlan(kind, on, hidden)).toEqual({ toast: true, browser: true, sound: true });
  });

  it('never a browser notification without permission, whatever else holds', () => {
    for (const kind of KINDS)
      for (const permission of PERMISSIONS.filter((p) => p !== 'granted'))
        expect(notificationPlan(kind, on, { hidden: true, permission }).browser).toBe(false);
  });

  it('each choice turned off silences its own events entirely, and only those', () => {
    const noAssigned = { ...on, assignedToMe: false };
    expect(notificationPlan('assigned', noAssigned, hidden)).toEqual({ toast: false, browser: false, sound: false });
    expect(notificationPlan('bulkAssigned', noAssigned, hidden)).toEqual({ toast: false, browser: false, sound: false });
    expect(notificationPlan('mentioned', noAssigned, hidden)).toEqual({ toast: true, browser: true, sound: true });
    const noMentions = { ...on, mentions: false };
    expect(notificationPlan('mentioned', noMentions, hidden)).toEqual({ toast: false, browser: false, sound: false });
    expect(notificationPlan('assigned', noMentions, hidden)).toEqual({ toast: true, browser: true, sound: true });
    const noHidden = { ...on, customerMessageWhileHidden: false };
    expect(notificationPlan('newMessage', noHidden, hidden)).toEqual({ toast: true, browser: false, sound: false });
    expect(notificationPlan('mentioned', noHidden, hidden)).toEqual({ toast: true, browser: true, sound: true });
  });

  it('sound off keeps every toast and browser notification, silently', () => {
    const quiet = { ...on, sound: false };
    for (const kind of KINDS) {
      const plan = notificationPlan(kind, quiet, hidden);
      expect(plan.sound).toBe(false);
      expect(plan).toEqual({ ...notificationPlan(kind, on, hidden), sound: false });
    }
  });

  it('a mention toasts following "mentions"', () => {
    expect(wantsToast('mentioned', on)).toBe(true);
    expect(wantsToast('mentioned', { ...on, mentions: false })).toBe(false);
  });
});
