import { InfiniteQueryObserver, QueryClient, QueryObserver } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import superjson from 'superjson';
import { applyRealtimeEvent } from '../../components/realtime/apply-event';
import { createCountsLedger } from '../../components/realtime/open-counts';
import type { TListPage } from '../../components/trpc/types';
import type { TRealtimeEvent } from '../../server/realtime/events';

/**
 * The clients of the realtime load (./realtime-load.ts): full ones, which run the browser's own apply logic, and light
 * ones, which only ask what it would ask (run in ./realtime-listeners.ts's processes). Each counts its tRPC calls.
 */

export type TClient = { socket: Socket; queryClient: QueryClient | null; stop: () => void };

async function trpcGet(base: string, cookie: string, path: string, input: unknown, calls: Map<string, number>): Promise<unknown> {
  calls.set(path, (calls.get(path) ?? 0) + 1);
  try {
    return await trpcGetOnce(base, cookie, path, input);
  } catch (error) {
    calls.set('failed', (calls.get('failed') ?? 0) + 1);
    throw error;
  }
}

async function trpcGetOnce(base: string, cookie: string, path: string, input: unknown): Promise<unknown> {
  const encoded = encodeURIComponent(JSON.stringify({ 0: superjson.serialize(input ?? {}) }));
  const response = await fetch(`${base}/api/trpc/${path}?batch=1&input=${encoded}`, { headers: { cookie } });
  const [body] = (await response.json()) as { result?: { data: Parameters<typeof superjson.deserialize>[0] }; error?: unknown }[];
  if (!response.ok || !body?.result) throw new Error(`${path} → ${response.status}`);
  return superjson.deserialize(body.result.data);
}

/** A browser tab on the inbox: All (or Mine for those who may not see All), open, latest first, and the counts. */
export async function openClient(
  base: string,
  cookie: string,
  userId: string,
  seesAll: boolean,
  calls: Map<string, number>,
  onEvent: (e: TRealtimeEvent) => void,
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } });
  const input = { view: seesAll ? 'all' : 'mine', status: 'open', sort: 'latest', limit: 50 };
  const listKey = [['conversation', 'list'], { input, type: 'infinite' }];
  const countsKey = [['conversation', 'counts'], { type: 'query' }];
  const list = new InfiniteQueryObserver(queryClient, {
    queryKey: listKey,
    queryFn: ({ pageParam }) => trpcGet(base, cookie, 'conversation.list', { ...input, cursor: pageParam }, calls) as Promise<TListPage>,
    initialPageParam: null as string | null,
    getNextPageParam: (page: TListPage) => page.nextCursor,
  });
  const counts = new QueryObserver(queryClient, {
    queryKey: countsKey,
    queryFn: () => trpcGet(base, cookie, 'conversation.counts', undefined, calls),
  });
  const stops = [list.subscribe(() => {}), counts.subscribe(() => {})];
  const ledger = createCountsLedger(userId);
  const unsubscribe = queryClient.getQueryCache().subscribe((e) => {
    if (e.type !== 'updated' || e.action.type !== 'success' || e.action.manual || e.query.queryHash !== JSON.stringify(countsKey)) return;
    const fetched = e.action.data as Parameters<typeof ledger.fetched>[0];
    const adjusted = ledger.fetched(fetched);
    if (adjusted !== fetched) queryClient.setQueryData(countsKey, adjusted);
  });
  const versions = new Map<string, number>();
  const socket: Socket = io(base, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  socket.on('event', (event: TRealtimeEvent) => {
    onEvent(event);
    void applyRealtimeEvent(event, {
      queryClient,
      userId,
      keys: {
        list: [['conversation', 'list']],
        counts: countsKey,
        conversation: (id) => [['conversation', 'get'], { input: { id }, type: 'query' }],
        messages: [['message', 'list']],
        numbers: [['number', 'list'], { type: 'query' }],
        templates: [['template', 'forConversation']],
      },
      versions,
      ledger,
      fetchRow: (id) => trpcGet(base, cookie, 'conversation.row', { id }, calls) as Promise<TListPage['items'][number] | null>,
      fetchMessagesAfter: async () => [],
      toast: () => {},
      mentioned: () => {},
      alert: () => {},
      accountAlert: () => {},
      closingSoonChanged: () => {},
    }).catch(() => {});
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
  await Promise.all([list.refetch(), counts.refetch()]);
  return {
    socket,
    queryClient,
    stop: () => {
      for (const stop of stops) stop();
      unsubscribe();
      socket.close();
    },
  } satisfies TClient;
}

/**
 * A socket that asks the server what the browser's apply logic would ask it, without running that logic: for an
 * event without a version (a server that does not announce) the row and the counts, as the browser then does; for
 * an announced event nothing (the full clients show it needs nothing). Two cores cannot run 200 browsers' worth of
 * cache updates at 100 events a second next to the app they measure; these keep the load on the app the same.
 */
export async function openLightClient(base: string, cookie: string, calls: Map<string, number>, onEvent: (e: TRealtimeEvent) => void) {
  const socket: Socket = io(base, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  socket.on('event', (event: TRealtimeEvent) => {
    onEvent(event);
    if ((event.type === 'message.created' || event.type === 'conversation.changed') && event.version === undefined) {
      void trpcGet(base, cookie, 'conversation.row', { id: event.conversationId }, calls).catch(() => {});
      void trpcGet(base, cookie, 'conversation.counts', undefined, calls).catch(() => {});
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('ready', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, queryClient: null, stop: () => socket.close() };
}
