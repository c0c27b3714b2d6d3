'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { TBrowserPermission } from '@/server/domain/notification-prefs';
import { BUTTON_CLASS } from './field';

const read = (): TBrowserPermission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * The browser's own notifications are asked for here, from the person's click (browsers ignore, or hold against the
 * site, a prompt nobody asked for); the inbox only ever uses a permission already given. What this browser allows
 * is said in words, with the way to change it when blocked.
 */
export function BrowserNotifications() {
  const t = useTranslations('profile.browser');
  const [permission, setPermission] = useState<TBrowserPermission>('default');
  useEffect(() => setPermission(read()), []);
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
            void Notification.requestPermission().then(setPermission, () => setPermission(read()));
          }}
        >
          {t('allow')}
        </button>
      )}
    </div>
  );
}
