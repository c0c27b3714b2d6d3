'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useTRPC, useTRPCClient } from '@/components/trpc/client';
import { useFormats } from '@/components/i18n/formats';
import { useAlertToast } from '@/components/ui/toasts';
import type { TToastKind } from '@/server/domain/notification-prefs';
import type {
  TAccountUpdatedEvent,
  TClientToServerEvents,
  TClosingSoonEvent,
  TMentionEvent,
  TRealtimeEvent,
  TServerToClientEvents,
} from '@/server/realtime/events';
import { useAccountUpdateWords } from '@/components/admin/account-update-words';
import { applyRealtimeEvent } from './apply-event';
import { refreshQueries } from './refresh-queries';
import { throttled } from './throttled';
import { followFetches } from './follow-fetches';
import { createCountsLedger } from './open-counts';
import { UnreadTitle } from './unread-title';
import { useNotifier } from './use-notifier';

export type TConnectionState = 'connecting' | 'connected' | 'disconnected';

const ConnectionContext = createContext<TConnectionState>('connecting');

export function useConnectionState(): TConnectionState {
  return useContext(ConnectionContext);
}

/**
 * One socket per tab. Events are hints applied as small cache patches (apply-event.ts). Whatever was fetched before
 * the socket was ready is refetched once it is: events sent between that fetch and the subscription (the first
 * connect on a slow network, or while offline after a reconnect) were missed.
 */
/** Data on screen from before the subscription may lack events; data never fetched has nothing to refresh. */
function fetchedBefore(dataUpdatedAt: number, readyAt: number): boolean {
  return dataUpdatedAt > 0 && dataUpdatedAt <= readyAt;
}

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<TConnectionState>('connecting');
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const notifier = useNotifier();
  const t = useTranslations('toasts');
  const alertToast = useAlertToast();
  const tClosing = useTranslations('closingSoon');
  const { n } = useFormats();
  const router = useRouter();
  const userId = me.data?.user.id;
  // The alert's words and where clicking it leads, read when it arrives (language and digits may have changed).
  const raise = useRef<(event: TClosingSoonEvent) => void>(() => {});
  useEffect(() => {
    raise.current = (event) => {
      const text = tClosing('toast', { name: event.contactName, n: event.minutesLeft, count: n(event.minutesLeft) });
      // Opens the conversation where the reader is: in the current list on the inbox, else in the inbox.
      const open = () => {
        const params = new URLSearchParams(window.location.pathname === '/inbox' ? window.location.search : '');
        params.set('c', event.conversationId);
        router.push(`/inbox?${params.toString()}`, { scroll: false });
      };
      alertToast({ key: `closing:${event.conversationId}`, text, onOpen: open });
      // A system notification only where the person already allowed them: never a permission prompt from here.
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        try {
          const notice = new Notification(tClosing('notificationTitle'), {
            body: text,
            tag: `closing:${event.conversationId}:${event.lead}`,
          });
          notice.onclick = () => {
            window.focus();
            open();
            notice.close();
          };
        } catch {
          // Some browsers (Chrome on Android) allow notifications only through a service worker: the toast remains.
        }
      }
    };
  }, [alertToast, tClosing, n, router]);
  // Meta restricted, disabled or unshared the account (only admins hear it): an alert that opens the numbers page.
  const accountWords = useAccountUpdateWords();
  const tAccount = useTranslations('numbers.accountUpdates');
  const raiseAccount = useRef<(event: TAccountUpdatedEvent) => void>(() => {});
  useEffect(() => {
    raiseAccount.current = (event) => {
      const { text, until } = accountWords(event);
      const reason = until ? `${text} ${until}` : text;
      alertToast({ key: `account:${event.alertId}`, text: tAccount('toast', { reason }), onOpen: () => router.push('/admin/numbers') });
    };
  }, [alertToast, accountWords, tAccount, router]);
  // Work handed over, a customer writing, a mention: told in words naming the contact, linking to the conversation.
  const tell = useRef<(kind: TToastKind, event: TRealtimeEvent) => void>(() => {});
  useEffect(() => {
    tell.current = (kind, event) => {
      if (event.type === 'mention.created') {
        const text = t('mentioned', { author: event.authorName, name: event.contactName });
        notifier({ kind, text, conversationId: event.conversationId });
        return;
      }
      if (!('conversationId' in event)) {
        notifier({ kind, text: t(kind === 'bulkAssigned' ? 'bulkAssigned' : 'assignedUnnamed'), conversationId: null });
        return;
      }
      const { conversationId } = event;
      // The row the event carries names the contact; one that did not fit in the notification is asked for.
      const carried = 'row' in event ? event.row : undefined;
      const named = carried ? Promise.resolve(carried) : client.conversation.row.query({ id: conversationId }).catch(() => null);
      void named.then((row) => {
        const unnamed = kind === 'newMessage' ? 'newMessageUnnamed' : 'assignedUnnamed';
        const text = row?.displayName ? t(kind === 'newMessage' ? 'newMessage' : 'assigned', { name: row.displayName }) : t(unnamed);
        notifier({ kind, text, conversationId });
      });
    };
  }, [notifier, t, client]);

  useEffect(() => {
    if (!userId) return;
    const countsKey = trpc.conversation.counts.queryKey();
    const ledger = createCountsLedger(userId);
    const versions = new Map<string, number>();
    const listKey = trpc.conversation.list.pathKey();
    const unsubscribe = followFetches(queryClient, { listKey, countsKey, versions, ledger });
    const socket: Socket<TServerToClientEvents, TClientToServerEvents> = io({ path: '/socket.io', withCredentials: true });
    // "Closing soon" is a bounded count, yet every event of a busy workspace refetching it would be too many: at most
    // once every two seconds, the last change always included.
    const closingSoonKey = trpc.conversation.closingSoonCount.queryKey();
    // The tab title's unread total and the Mentions count: what changes conversations or mentions may move them.
    const unreadKey = trpc.conversation.unreadSummary.queryKey();
    const unreadChanged = throttled(1000, () => refreshQueries(queryClient, { queryKey: unreadKey }));
    const mentionsChanged = (event: TMentionEvent) => {
      tell.current('mentioned', event);
      refreshQueries(queryClient, {
        queryKey: listKey,
        predicate: (query) => (query.queryKey[1] as { input?: { view?: string } } | undefined)?.input?.view === 'mentions',
      });
    };
    const closingSoonChanged = throttled(2000, () => {
      refreshQueries(queryClient, { queryKey: closingSoonKey });
      refreshQueries(queryClient, {
        queryKey: listKey,
        predicate: (query) => (query.queryKey[1] as { input?: { view?: string } } | undefined)?.input?.view === 'closing',
      });
    });
    socket.on('ready', () => {
      setState('connected');
      const readyAt = Date.now();
      // A fetch under way began before the subscription too; a "Show more" among them is kept (refresh-queries.ts).
      refreshQueries(queryClient, {
        predicate: (query) => query.state.fetchStatus !== 'idle' || fetchedBefore(query.state.dataUpdatedAt, readyAt),
      });
    });
    socket.on('disconnect', (reason) => {
      setState('disconnected');
      // The server only ever drops a socket when the user's sessions were revoked (signed out elsewhere, account
      // changed): this tab's session is over too, so go to the sign-in page rather than sit disconnected.
      if (reason === 'io server disconnect') window.location.assign('/login');
    });
    socket.on('connect_error', () => setState('disconnected'));
    socket.on('event', (event) => {
      if (event.type === 'message.created' || event.type === 'conversation.changed' || event.type === 'conversations.bulk' || event.type === 'mention.created')
        unreadChanged();
      void applyRealtimeEvent(event, {
        queryClient,
        userId,
        keys: {
          list: listKey,
          counts: countsKey,
          conversation: (id) => trpc.conversation.get.queryKey({ id }),
          messages: trpc.message.list.pathKey(),
          // Every number query: the list and its account alerts.
          numbers: trpc.number.pathKey(),
          // Every template query: the composer's picker and Settings → Templates.
          templates: trpc.template.pathKey(),
        },
        versions,
        ledger,
        fetchRow: (id) => client.conversation.row.query({ id }),
        fetchMessagesAfter: async (conversationId, after) => (await client.message.list.query({ conversationId, after, limit: 100 })).items,
        toast: (kind, event) => tell.current(kind, event),
        mentioned: mentionsChanged,
        alert: (event) => raise.current(event),
        accountAlert: (event) => raiseAccount.current(event),
        closingSoonChanged,
      });
    });
    return () => {
      closingSoonChanged.cancel();
      unreadChanged.cancel();
      unsubscribe();
      socket.disconnect();
    };
  }, [queryClient, trpc, client, userId]);

  return (
    <ConnectionContext.Provider value={state}>
      <UnreadTitle />
      {children}
    </ConnectionContext.Provider>
  );
}
