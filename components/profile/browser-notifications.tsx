'use client';

import { useTranslations } from 'next-intl';
import { useReducer, useSyncExternalStore } from 'react';
import type { TBrowserPermission } from '@/server/domain/notification-prefs';
import { BUTTON_CLASS } from './field';

const read = (): TBrowserPermission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/** The permission changes in the browser's own settings too: followed through the Permissions API where there is one. */
function subscribe(onChange: () => void) {
  let status: PermissionStatus | null = null;
  let gone = false;
  navigator.permissions
    ?.query({ name: 'notifications' })
    .then((found) => {
      if (gone) return;
      status = found;
      found.addEventListener('change', onChange);
    })
    .catch(() => {});
  return () => {
    gone = true;
    status?.removeEventListener('change', onChange);
  };
}

/**
 * The browser's own notifications are asked for here, from the person's click (browsers ignore, or hold against the
 * site, a prompt nobody asked for); the inbox only ever uses a permission already given. What this browser allows
 * is said in words, with the way to change it when blocked.
 */
export function BrowserNotifications() {
  const t = useTranslations('profile.browser');
  // The server renders "not yet allowed"; the browser's answer replaces it once hydrated.
  const permission = useSyncExternalStore(subscribe, read, () => 'default' as const);
  const [, answered] = useReducer((n: number) => n + 1, 0);
  return (
    <div className="flex flex-wrap items-center gap-3">
      {/* Not a live status: the region's one status is the form's "Saved." */}
      <p data-notification-permission={permission} className="text-sm text-slate-600">
        {t(permission)}
      </p>
      {permission === 'default' && (
        <button
          type="button"
          className={BUTTON_CLASS}
          onClick={() => {
            void Notification.requestPermission().finally(answered);
          }}
        >
          {t('allow')}
        </button>
      )}
    </div>
  );
}
