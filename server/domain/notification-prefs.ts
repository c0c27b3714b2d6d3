import { z } from 'zod';

/**
 * What a person wants to be told of, kept per user (users.notification_prefs) and edited on their profile. Stored as
 * the choices made; reading fills in the defaults: on for everything that concerns them, and sound on, as inbox tools
 * usually start.
 */
export const NOTIFICATION_PREFS = ['assignedToMe', 'customerMessageWhileHidden', 'mentions', 'sound'] as const;
export type TNotificationPref = (typeof NOTIFICATION_PREFS)[number];

export const NOTIFICATION_DEFAULTS: Record<TNotificationPref, boolean> = {
  /** A new conversation is assigned to me. */
  assignedToMe: true,
  /** A customer writes in one of my conversations while the tab is in the background. */
  customerMessageWhileHidden: true,
  /** Someone mentions me in an internal note. */
  mentions: true,
  /** Play a sound with the notifications above. */
  sound: true,
};

export type TNotificationPrefs = Record<TNotificationPref, boolean>;

/** What the profile form sends: every preference, nothing else. */
export const ZNotificationPrefs = z.strictObject({
  assignedToMe: z.boolean(),
  customerMessageWhileHidden: z.boolean(),
  mentions: z.boolean(),
  sound: z.boolean(),
});

/**
 * The stored value read back: each preference the user chose, the default for the others. Anything unexpected in the
 * column (an older shape, a hand edit) falls back to the default rather than failing the page.
 */
export function readNotificationPrefs(stored: unknown): TNotificationPrefs {
  const source = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const prefs = { ...NOTIFICATION_DEFAULTS };
  for (const key of NOTIFICATION_PREFS) {
    const value = source[key];
    if (typeof value === 'boolean') prefs[key] = value;
  }
  return prefs;
}

/** The in-app toasts a realtime event can raise (the `toasts` catalog keys). */
export type TToastKind = 'assigned' | 'bulkAssigned' | 'newMessage' | 'mentioned';

/**
 * Whether this person wants the toast. Being handed work follows "assigned to me", a mention "mentions"; a customer
 * writing in one's own open conversation is always shown in the tab (the "while hidden" choice is for the browser's
 * notifications and the sound).
 */
export function wantsToast(kind: TToastKind, prefs: TNotificationPrefs): boolean {
  if (kind === 'assigned' || kind === 'bulkAssigned') return prefs.assignedToMe;
  if (kind === 'mentioned') return prefs.mentions;
  return true;
}

/** What the browser allows (Notification.permission), or that it has no Notification API at all. */
export type TBrowserPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export type TNotificationPlan = { toast: boolean; browser: boolean; sound: boolean };

/**
 * Everything one event raises for this person, decided in one place. The toast as wantsToast says. The sound and
 * the browser's own notification are for what asks for attention: work handed to me and mentions (each following
 * its choice), and a customer writing in my conversation only while the tab is hidden ("while hidden"). The
 * browser's notification only while the tab is hidden (a visible tab shows the toast; both would say it twice) and
 * only where the person allowed them; the sound follows "sound".
 */
export function notificationPlan(
  kind: TToastKind,
  prefs: TNotificationPrefs,
  context: { hidden: boolean; permission: TBrowserPermission },
): TNotificationPlan {
  const toast = wantsToast(kind, prefs);
  const attention = kind === 'newMessage' ? prefs.customerMessageWhileHidden && context.hidden : toast;
  return {
    toast,
    browser: attention && context.hidden && context.permission === 'granted',
    sound: attention && prefs.sound,
  };
}
