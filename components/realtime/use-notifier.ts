'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { useToast } from '@/components/ui/toasts';
import { NOTIFICATION_DEFAULTS, notificationPlan, type TBrowserPermission, type TToastKind } from '@/server/domain/notification-prefs';
import { revealBidiControls } from '@/server/domain/bidi';
import { chime } from './chime';

export type TNotice = {
  kind: TToastKind;
  /** What it says, in the reader's language, naming the contact. */
  text: string;
  /** The conversation it is about (none: a bulk hand-over, which opens Mine). */
  conversationId: string | null;
};

function browserPermission(): TBrowserPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Where a notice leads: its conversation in the list the reader is on (in the inbox), else in the inbox; Mine for a bulk. */
export function noticeHref(conversationId: string | null): string {
  if (!conversationId) return '/inbox?view=mine';
  const params = new URLSearchParams(window.location.pathname === '/inbox' ? window.location.search : '');
  params.set('c', conversationId);
  return `/inbox?${params.toString()}`;
}

/**
 * Tells the person what happened, as their preferences and the tab allow (notificationPlan decides): a toast linking
 * to the conversation, the browser's own notification while the tab is hidden (only where they allowed them on the
 * profile: never a permission prompt from here), and a short chime. The preferences are read when a notice is due,
 * so a change on the profile takes effect without a new socket.
 */
export function useNotifier(): (notice: TNotice) => void {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const me = useQuery(trpc.me.get.queryOptions());
  const prefs = useRef(NOTIFICATION_DEFAULTS);
  const saved = me.data?.notificationPrefs;
  useEffect(() => {
    prefs.current = saved ?? NOTIFICATION_DEFAULTS;
  }, [saved]);

  return useCallback(
    (notice: TNotice) => {
      const plan = notificationPlan(notice.kind, prefs.current, { hidden: document.hidden, permission: browserPermission() });
      const href = noticeHref(notice.conversationId);
      // Opened in the list the reader is on when they click, which may not be the one they were on when it came.
      const open = () => router.push(noticeHref(notice.conversationId), { scroll: false });
      if (plan.toast) toast({ text: notice.text, href, open });
      if (plan.sound) chime();
      if (plan.browser) {
        try {
          const shown = new Notification(revealBidiControls(notice.text), { tag: `${notice.kind}:${notice.conversationId ?? 'mine'}` });
          shown.onclick = () => {
            window.focus();
            open();
            shown.close();
          };
        } catch {
          // Some browsers (Chrome on Android) allow notifications only through a service worker: the toast remains.
        }
      }
    },
    [toast, router],
  );
}
