import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import type { TListPage, TMessage } from '@/components/trpc/types';
import { ZInboxQuery } from '@/server/domain/inbox-query';
import type { TRealtimeEvent } from '@/server/realtime/events';
import { patchList } from './patch-list';

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
  fetchRow: (id: string) => Promise<TListPage['items'][number] | null>;
  fetchMessagesAfter: (conversationId: string, afterId: number) => Promise<TMessage[]>;
  /** Shows a toast (a `toasts` catalog key); called only for things that happened to this user by someone else. */
  toast: (key: 'assigned' | 'bulkAssigned' | 'newMessage') => void;
};

/** Work that landed on this user by someone else's hand (or a customer's), never their own actions. */
function announce(event: TRealtimeEvent, userId: string): 'assigned' | 'bulkAssigned' | 'newMessage' | null {
  if (event.type === 'number.changed' || event.type === 'templates.changed') return null;
  if (event.type === 'conversations.bulk') {
    return event.actorId !== userId && event.newAssigneeId === userId ? 'bulkAssigned' : null;
  }
  if (event.actorId === userId || event.assigneeId !== userId) return null;
  if (event.type === 'conversation.changed' && event.previousAssigneeId !== undefined && event.previousAssigneeId !== userId) {
    return 'assigned';
  }
  if (event.type === 'message.created' && event.actorId === null) return 'newMessage';
  return null;
}

/**
 * Turns one realtime hint into the smallest cache change: patch the affected row into every loaded list, refetch
 * only the view counts and the open conversation's header, append new messages, and patch delivery statuses.
 */
export async function applyRealtimeEvent(event: TRealtimeEvent, deps: TRealtimeDeps): Promise<void> {
  const { queryClient } = deps;
  const message = announce(event, deps.userId);
  if (message) deps.toast(message);
  if (event.type === 'number.changed') {
    void queryClient.invalidateQueries({ queryKey: deps.keys.numbers });
    // The open conversation's header shows its number's quality badge to admins and supervisors.
    void queryClient.invalidateQueries({ queryKey: [deps.keys.conversation('')[0]] });
    return;
  }
  if (event.type === 'templates.changed') {
    void queryClient.invalidateQueries({ queryKey: deps.keys.templates });
    return;
  }
  if (event.type === 'conversations.bulk') {
    // Many rows at once: refetch what is on screen rather than fetching each row.
    void queryClient.invalidateQueries({ queryKey: deps.keys.counts });
    void queryClient.invalidateQueries({ queryKey: deps.keys.list });
    void queryClient.invalidateQueries({ queryKey: [deps.keys.conversation('')[0]] });
    void queryClient.invalidateQueries({ queryKey: deps.keys.messages });
    return;
  }
  if (event.type === 'message.status') {
    patchMessages(queryClient, deps.keys.messages, event.conversationId, (m) =>
      m.id === event.messageId ? { ...m, status: event.status } : m,
    );
    return;
  }

  void queryClient.invalidateQueries({ queryKey: deps.keys.counts });
  void queryClient.invalidateQueries({ queryKey: deps.keys.conversation(event.conversationId) });

  const row = await deps.fetchRow(event.conversationId);
  const now = new Date();
  for (const [key, data] of queryClient.getQueriesData<InfiniteData<TListPage>>({ queryKey: deps.keys.list })) {
    if (!data) continue;
    const input = ZInboxQuery.safeParse((key[1] as { input?: unknown } | undefined)?.input ?? {});
    if (!input.success) continue;
    const next = patchList(data, input.data, event.conversationId, row, deps.userId, now);
    if (next === 'refetch') void queryClient.invalidateQueries({ queryKey: key, exact: true });
    else queryClient.setQueryData(key, next);
  }

  // New messages, and the timeline lines that lifecycle changes write (closed, assigned...), join the open pane.
  await appendNewMessages(deps, event.conversationId, event.type === 'message.created' ? event.messageId : null);
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

function patchMessages(queryClient: QueryClient, key: readonly unknown[], conversationId: string, update: (m: TMessage) => TMessage) {
  for (const [queryKey, data] of queryClient.getQueriesData<InfiniteData<TMessagePage>>({ queryKey: key })) {
    const input = (queryKey[1] as { input?: { conversationId?: string } } | undefined)?.input;
    if (!data || input?.conversationId !== conversationId) continue;
    queryClient.setQueryData(queryKey, { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map(update) })) });
  }
}
