import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { TListPage, TListRow, TMessage } from '@/components/trpc/types';
import { ZInboxQuery } from '@/server/domain/inbox-query';
import type { TToastKind } from '@/server/domain/notification-prefs';
import type { TAccountUpdatedEvent, TClosingSoonEvent, TMentionEvent, TRealtimeEvent } from '@/server/realtime/events';
import { reviveRow } from './announced-row';
import type { createCountsLedger, TViewCounts } from './open-counts';
import { patchList } from './patch-list';
import { refreshQueries, refreshQuery } from './refresh-queries';

type TMessagePage = { items: TMessage[]; olderCursor: number | null };

export type TRealtimeDeps = {
  queryClient: QueryClient;
  userId: string;
  keys: {
    list: readonly unknown[];
    counts: readonly unknown[];
    conversation: (id: string) => readonly unknown[];
    messages: readonly unknown[];
    numbers: readonly unknown[];
    templates: readonly unknown[];
  };
  /** The newest version heard of each conversation, this tab's memory across events (see trackVersion). */
  versions: Map<string, number>;
  /** Count changes heard, until fetched counts include them (open-counts.ts). */
  ledger: ReturnType<typeof createCountsLedger>;
  fetchRow: (id: string) => Promise<TListPage['items'][number] | null>;
  fetchMessagesAfter: (conversationId: string, afterId: number) => Promise<TMessage[]>;
  /**
   * Tells this user (a `toasts` catalog key, with the event it is about, for the contact's name and the link); called
   * only for things that happened to them by someone else.
   */
  toast: (key: Exclude<TToastKind, 'mentioned'>, event: TRealtimeEvent) => void;
  /** A note mentioned this user (the server addressed it to them): the toast, and the Mentions view and count refresh. */
  mentioned: (event: TMentionEvent) => void;
  /** A waiting customer's window closes soon (the server addressed it to this user): the alert toast. */
  alert: (event: TClosingSoonEvent) => void;
  /** Meta put the workspace's WhatsApp account into a state an admin must act on (only admins hear it): the alert toast. */
  accountAlert: (event: TAccountUpdatedEvent) => void;
  /** The "Closing soon" count and list may have changed (an alert, or any change of conversations). */
  closingSoonChanged: () => void;
};

/** Work that landed on this user by someone else's hand (or a customer's), never their own actions. */
function announce(event: TRealtimeEvent, userId: string): Exclude<TToastKind, 'mentioned'> | null {
  if (
    event.type === 'mention.created' ||
    event.type === 'number.changed' ||
    event.type === 'templates.changed' ||
    event.type === 'workspace.settingsChanged' ||
    event.type === 'counts.changed' ||
    event.type === 'conversations.versions' ||
    event.type === 'window.closingSoon' ||
    event.type === 'account.updated'
  ) {
    return null;
  }
  if (event.type === 'conversations.bulk') {
    return event.actorId !== userId && event.newAssigneeId === userId ? 'bulkAssigned' : null;
  }
  if (event.actorId === userId || event.assigneeId !== userId) return null;
  if (event.type === 'conversation.changed' && event.previousAssigneeId !== undefined && event.previousAssigneeId !== userId) {
    return 'assigned';
  }
  if (event.type === 'message.created' && event.actorId === null && !event.line) return 'newMessage';
  return null;
}

/**
 * Turns one realtime event into the smallest cache change, asking the server nothing in the usual case: the row the
 * event carries is patched into every loaded list (when newer than the one shown), count changes adjust the view
 * counts, new messages join the open pane, delivery statuses are patched. The counts are refetched only after a
 * missed event (a version skipped) and on reconnect; a row is asked for only when the event could not carry it.
 */
export async function applyRealtimeEvent(event: TRealtimeEvent, deps: TRealtimeDeps): Promise<void> {
  const { queryClient } = deps;
  const message = announce(event, deps.userId);
  if (message) deps.toast(message, event);
  if (event.type === 'mention.created') {
    deps.mentioned(event);
    return;
  }
  if (event.type === 'window.closingSoon') {
    deps.alert(event);
    deps.closingSoonChanged();
    return;
  }
  if (event.type === 'account.updated') {
    deps.accountAlert(event);
    // The numbers themselves come as number.changed; this refreshes the page's list of account updates too.
    refreshQueries(queryClient, { queryKey: deps.keys.numbers });
    return;
  }
  // Replies, new customer messages, closes and hand-overs all move the "Closing soon" count.
  if (event.type !== 'number.changed' && event.type !== 'templates.changed' && event.type !== 'conversations.versions')
    deps.closingSoonChanged();
  if (event.type === 'number.changed') {
    refreshQueries(queryClient, { queryKey: deps.keys.numbers });
    // The open conversation's header shows its number's quality badge to admins and supervisors.
    refreshQueries(queryClient, { queryKey: [deps.keys.conversation('')[0]] });
    return;
  }
  if (event.type === 'workspace.settingsChanged') {
    // Permissions (agents see all), digits, time zone and the closing note all come from the settings: refetch everything.
    refreshQueries(queryClient);
    return;
  }
  if (event.type === 'templates.changed') {
    refreshQueries(queryClient, { queryKey: deps.keys.templates });
    return;
  }
  if (event.type === 'counts.changed') {
    applyCounts(event, deps);
    return;
  }
  if (event.type === 'conversations.versions') {
    // Remembered only: the bulk event that follows refetches the lists; a late event older than these is ignored.
    for (const [conversationId, version] of event.versions) trackVersion(deps, conversationId, version);
    return;
  }
  if (event.type === 'conversations.bulk') {
    // Many rows at once: refetch what is on screen rather than fetching each row (the counts come as counts.changed).
    refreshQueries(queryClient, { queryKey: deps.keys.list });
    refreshQueries(queryClient, { queryKey: [deps.keys.conversation('')[0]] });
    refreshQueries(queryClient, { queryKey: deps.keys.messages });
    return;
  }
  if (event.type === 'message.status') {
    const found = patchMessages(queryClient, deps.keys.messages, event.conversationId, (m) =>
      m.id === event.messageId
        ? {
            ...m,
            status: event.status,
            // A failure's reason and verdict come with it; any other status (a retry requeued it) clears the last one.
            ...(event.status === 'failed' && event.failure
              ? { errorCode: event.failure.code, failureKind: event.failure.kind, errorData: event.failure.data }
              : event.status === 'failed'
                ? {}
                : { errorCode: null, errorReason: null, failureKind: null, errorData: null }),
          }
        : m,
    );
    // Not in the open pane yet: its fetch (after message.created) may be under way and read it before this status.
    // Refetching from now on gives the pane the status; a stale copy arriving later is dropped as already known.
    if (!found)
      refreshQueries(queryClient, { queryKey: deps.keys.messages, predicate: (q) => conversationOf(q.queryKey) === event.conversationId });
    return;
  }

  if (event.type === 'message.changed') {
    await patchChangedMessage(deps, event.conversationId, event.messageId);
    // A deletion may have cleared the list's preview (a newer version of the row); a reaction or an edit changed nothing there.
    patchLists(deps, event.conversationId, await deps.fetchRow(event.conversationId));
    return;
  }

  refreshQueries(queryClient, { queryKey: deps.keys.conversation(event.conversationId) });
  if (event.version === undefined) {
    // From a server that does not announce its changes: ask for the row and the counts.
    refreshQueries(queryClient, { queryKey: deps.keys.counts });
    patchLists(deps, event.conversationId, await deps.fetchRow(event.conversationId));
  } else if (trackVersion(deps, event.conversationId, event.version)) {
    const row = event.row === undefined ? await deps.fetchRow(event.conversationId) : event.row && reviveRow(event.row);
    patchLists(deps, event.conversationId, row);
  }

  // New messages, and the timeline lines that lifecycle changes write (closed, assigned...), join the open pane.
  await appendNewMessages(deps, event.conversationId, event.type === 'message.created' ? event.messageId : null);
}

const MAX_VERSIONS = 10_000;

/**
 * Remembers the newest version heard of a conversation. Returns whether this event's row is worth applying (not
 * older than one applied already: events may arrive out of order). A version skipped means an event never
 * arrived, and with it perhaps count changes: the counts are refetched.
 */
function trackVersion(deps: TRealtimeDeps, conversationId: string, version: number): boolean {
  const known = deps.versions.get(conversationId);
  if (known !== undefined && version > known + 1) refreshQueries(deps.queryClient, { queryKey: deps.keys.counts });
  if (known !== undefined && version <= known) return version === known;
  if (deps.versions.size >= MAX_VERSIONS) deps.versions.clear();
  deps.versions.set(conversationId, version);
  return true;
}

/**
 * Remembers the versions of the rows a list fetch returned (socket-provider.tsx calls it for every list fetched):
 * an event that arrives late, older than the row fetched, must not put back what the fetch showed had changed.
 */
export function learnListVersions(versions: Map<string, number>, data: InfiniteData<TListPage> | undefined): void {
  for (const page of data?.pages ?? []) {
    for (const item of page.items) {
      const known = versions.get(item.id);
      if (known !== undefined && known >= item.version) continue;
      if (versions.size >= MAX_VERSIONS) versions.clear();
      versions.set(item.id, item.version);
    }
  }
}

function applyCounts(event: Extract<TRealtimeEvent, { type: 'counts.changed' }>, deps: TRealtimeDeps) {
  const { queryClient } = deps;
  if (event.changes === null) {
    refreshQueries(queryClient, { queryKey: deps.keys.counts });
    return;
  }
  const fetching = queryClient.getQueryState(deps.keys.counts)?.fetchStatus === 'fetching';
  const next = deps.ledger.heard(event.txid, event.changes, queryClient.getQueryData<TViewCounts>(deps.keys.counts), fetching);
  if (next) queryClient.setQueryData(deps.keys.counts, next);
}

/**
 * Puts a row (or its absence: null) into every loaded list that holds an older one or none. A list whose fetch is in
 * flight may have read the database before this change committed, and its answer would then replace the patch (or,
 * on a first load, never show the row): it is fetched again instead, after the commit the event stands for.
 */
function patchLists(deps: TRealtimeDeps, conversationId: string, row: TListRow | null) {
  const { queryClient } = deps;
  const now = new Date();
  for (const query of queryClient.getQueryCache().findAll({ queryKey: deps.keys.list })) {
    if (query.state.fetchStatus === 'fetching') refreshQuery(queryClient, query);
  }
  for (const [key, data] of queryClient.getQueriesData<InfiniteData<TListPage>>({ queryKey: deps.keys.list })) {
    if (!data) continue;
    const input = ZInboxQuery.safeParse((key[1] as { input?: unknown } | undefined)?.input ?? {});
    if (!input.success) continue;
    if (row && data.pages.some((page) => page.items.some((item) => item.id === conversationId && item.version >= row.version))) continue;
    const next = patchList(data, input.data, conversationId, row, deps.userId, now);
    if (next === 'refetch') refreshQueries(queryClient, { queryKey: key, exact: true });
    else queryClient.setQueryData(key, next);
  }
}

async function appendNewMessages(deps: TRealtimeDeps, conversationId: string, knownId: number | null) {
  const { queryClient } = deps;
  for (const [key, data] of queryClient.getQueriesData<InfiniteData<TMessagePage>>({ queryKey: deps.keys.messages })) {
    const input = (key[1] as { input?: { conversationId?: string } } | undefined)?.input;
    if (!data || input?.conversationId !== conversationId) continue;
    const newest = data.pages[0]?.items.at(-1)?.id ?? 0;
    if (knownId !== null && newest >= knownId) continue;
    const fresh = await deps.fetchMessagesAfter(conversationId, newest);
    queryClient.setQueryData<InfiniteData<TMessagePage>>(key, (current) => {
      if (!current || current.pages.length === 0) return current;
      const [first, ...rest] = current.pages;
      const known = new Set(first!.items.map((m) => m.id));
      return { ...current, pages: [{ ...first!, items: [...first!.items, ...fresh.filter((m) => !known.has(m.id))] }, ...rest] };
    });
  }
}

/**
 * A message changed in place (a reaction, an edit, a deletion): fetched again through message.list, which gives each
 * reader only what their role may read of it, and put in place of the one the open pane shows.
 */
async function patchChangedMessage(deps: TRealtimeDeps, conversationId: string, messageId: number) {
  const shown = deps.queryClient
    .getQueriesData<InfiniteData<TMessagePage>>({ queryKey: deps.keys.messages })
    .some(
      ([key, data]) => data && (key[1] as { input?: { conversationId?: string } } | undefined)?.input?.conversationId === conversationId,
    );
  if (!shown) return;
  const changed = (await deps.fetchMessagesAfter(conversationId, messageId - 1)).find((m) => m.id === messageId);
  if (changed) patchMessages(deps.queryClient, deps.keys.messages, conversationId, (m) => (m.id === messageId ? changed : m));
}

const conversationOf = (queryKey: readonly unknown[]) =>
  (queryKey[1] as { input?: { conversationId?: string } } | undefined)?.input?.conversationId;

/** Applies `update` to the conversation's loaded messages; whether any of them changed. */
function patchMessages(
  queryClient: QueryClient,
  key: readonly unknown[],
  conversationId: string,
  update: (m: TMessage) => TMessage,
): boolean {
  let changed = false;
  for (const [queryKey, data] of queryClient.getQueriesData<InfiniteData<TMessagePage>>({ queryKey: key })) {
    if (!data || conversationOf(queryKey) !== conversationId) continue;
    const pages = data.pages.map((p) => ({
      ...p,
      items: p.items.map((m) => {
        const next = update(m);
        if (next !== m) changed = true;
        return next;
      }),
    }));
    queryClient.setQueryData(queryKey, { ...data, pages });
  }
  return changed;
}
