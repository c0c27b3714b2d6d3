import { InfiniteQueryObserver, QueryClient, type InfiniteData } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { TListPage, TListRow } from '@/components/trpc/types';
import type { TAnnouncedRow, TRealtimeEvent } from '@/server/realtime/events';
import { reviveRow } from './announced-row';
import { applyRealtimeEvent } from './apply-event';
import { followFetches } from './follow-fetches';
import type { TViewCounts } from './open-counts';
import { TEST_USER as me, testDeps } from './test-deps';

const now = Date.now();
const listKey = ['list', { input: { view: 'all', status: 'open' } }] as const;
const countsKey = ['counts'] as const;

function wireRow(id: string, version: number, patch: Partial<TAnnouncedRow> = {}): TAnnouncedRow {
  const at = new Date(now - 60_000 + version).toISOString();
  return {
    id,
    status: 'open',
    channelId: 'ch',
    channelType: 'telegram',
    channelName: 'Telegram',
    contactId: 'k',
    firstName: id,
    lastName: null,
    phone: null,
    email: null,
    previewText: `v${version}`,
    previewDirection: 'in',
    previewMedia: null,
    lastMessageAt: at,
    cursorAt: at,
    lastInboundAt: at,
    waitingSince: null,
    windowClosesAt: null,
    tagClosesAt: null,
    freeEntryUntil: null,
    unreadCount: version,
    assigneeId: null,
    assigneeName: null,
    teamId: null,
    version,
    displayName: id,
    match: null,
    ...patch,
  };
}

const event = (id: string, version: number | undefined, row?: TAnnouncedRow | null): TRealtimeEvent => ({
  type: 'message.created',
  workspaceId: 'w',
  conversationId: id,
  messageId: 1,
  assigneeId: null,
  actorId: null,
  ...(version === undefined ? {} : { version }),
  ...(row === undefined ? {} : { row }),
});

const counts: TViewCounts = { mine: 1, unassigned: 2, all: 3, teams: [], snapshot: '100:100:' };

function setup() {
  const queryClient = new QueryClient();
  const old = { ...wireRow('c1', 1), lastMessageAt: new Date(now - 3_600_000) } as unknown as TListRow;
  queryClient.setQueryData<InfiniteData<TListPage>>(listKey, {
    pages: [{ items: [old], nextCursor: null, asOf: new Date() }],
    pageParams: [null],
  });
  queryClient.setQueryData(countsKey, counts);
  const fetchRow = vi.fn(async () => null);
  const deps = testDeps({ queryClient, fetchRow });
  const listed = () => queryClient.getQueryData<InfiniteData<TListPage>>(listKey)!.pages.flatMap((p) => p.items);
  const countsRefetched = () => queryClient.getQueryState(countsKey)!.isInvalidated;
  return { queryClient, deps, fetchRow, listed, countsRefetched };
}

describe('applyRealtimeEvent with announced rows', () => {
  it('patches the row it carries into the list: no row fetch, no counts refetch', async () => {
    const { deps, fetchRow, listed, countsRefetched } = setup();
    await applyRealtimeEvent(event('c1', 2, wireRow('c1', 2)), deps);
    await applyRealtimeEvent(event('c2', 1, wireRow('c2', 1, { lastMessageAt: new Date(now).toISOString() })), deps);
    expect(fetchRow).not.toHaveBeenCalled();
    expect(countsRefetched()).toBe(false);
    expect(listed().map((r) => [r.id, r.version, r.previewText])).toEqual([
      ['c2', 1, 'v1'],
      ['c1', 2, 'v2'],
    ]);
    expect(listed()[1]!.lastMessageAt).toBeInstanceOf(Date);
  });

  it('ignores a row older than the one applied (events out of order)', async () => {
    const { deps, listed, countsRefetched } = setup();
    await applyRealtimeEvent(event('c1', 1, wireRow('c1', 1)), deps);
    await applyRealtimeEvent(event('c1', 3, wireRow('c1', 3)), deps);
    await applyRealtimeEvent(event('c1', 2, wireRow('c1', 2)), deps);
    expect(listed().map((r) => r.version)).toEqual([3]);
    // 1 → 3 skipped version 2 (it came late): the skip asked for the counts.
    expect(countsRefetched()).toBe(true);
  });

  it('keeps a listed row newer than the event', async () => {
    const { deps, listed } = setup();
    deps.queryClient.setQueryData<InfiniteData<TListPage>>(listKey, (data) => ({
      ...data!,
      pages: [{ ...data!.pages[0]!, items: [{ ...data!.pages[0]!.items[0]!, version: 5 }] }],
    }));
    await applyRealtimeEvent(event('c1', 4, wireRow('c1', 4)), deps);
    expect(listed().map((r) => r.version)).toEqual([5]);
  });

  it('refetches the counts after a skipped version, not after consecutive ones or repeats', async () => {
    const { deps, countsRefetched } = setup();
    await applyRealtimeEvent(event('c1', 1, wireRow('c1', 1)), deps);
    await applyRealtimeEvent(event('c1', 2, wireRow('c1', 2)), deps);
    await applyRealtimeEvent(event('c1', 2, wireRow('c1', 2)), deps);
    expect(countsRefetched()).toBe(false);
    await applyRealtimeEvent(event('c1', 4, wireRow('c1', 4)), deps);
    expect(countsRefetched()).toBe(true);
  });

  it('drops the row of a conversation that left this user’s sight (row: null), without asking', async () => {
    const { deps, fetchRow, listed } = setup();
    await applyRealtimeEvent(event('c1', 2, null), deps);
    expect(listed()).toEqual([]);
    expect(fetchRow).not.toHaveBeenCalled();
  });

  it('asks for the row only when the event could not carry it', async () => {
    const { deps, fetchRow, countsRefetched } = setup();
    await applyRealtimeEvent(event('c1', 2), deps);
    expect(fetchRow).toHaveBeenCalledWith('c1');
    expect(countsRefetched()).toBe(false);
  });

  it('falls back to fetching row and counts for events without a version', async () => {
    const { deps, fetchRow, countsRefetched } = setup();
    await applyRealtimeEvent(event('c1', undefined), deps);
    expect(fetchRow).toHaveBeenCalledWith('c1');
    expect(countsRefetched()).toBe(true);
  });
});

describe('a list whose fetch is in flight when an event arrives', () => {
  it('is fetched again, since its answer may have been read before the change committed', async () => {
    const { queryClient, deps } = setup();
    const key = ['list', { input: { view: 'unassigned', status: 'open' } }] as const;
    let calls = 0;
    let answerFirst!: () => void;
    const firstAnswer = new Promise<void>((resolve) => (answerFirst = resolve));
    const observer = new InfiniteQueryObserver(queryClient, {
      queryKey: key,
      queryFn: async (): Promise<TListPage> => {
        calls += 1;
        // The first fetch read the database before the new conversation committed: it does not have it.
        if (calls === 1) {
          await firstAnswer;
          return { items: [], nextCursor: null, asOf: new Date() };
        }
        return { items: [reviveRow(wireRow('c9', 1))], nextCursor: null, asOf: new Date() };
      },
      initialPageParam: null,
      getNextPageParam: () => undefined,
    });
    const unsubscribe = observer.subscribe(() => {});
    try {
      await vi.waitFor(() => expect(calls).toBe(1));
      await applyRealtimeEvent(event('c9', 1, wireRow('c9', 1)), deps);
      answerFirst();
      await vi.waitFor(() =>
        expect(queryClient.getQueryData<InfiniteData<TListPage>>(key)?.pages.flatMap((p) => p.items.map((r) => r.id))).toEqual(['c9']),
      );
      expect(calls).toBe(2);
    } finally {
      unsubscribe();
    }
  });
});

describe('applyRealtimeEvent with count changes', () => {
  const changed = (txid: string, changes: Extract<TRealtimeEvent, { type: 'counts.changed' }>['changes']): TRealtimeEvent => ({
    type: 'counts.changed',
    workspaceId: 'w',
    txid,
    changes,
  });

  it('adjusts the cached counts without refetching them', async () => {
    const { deps, queryClient, countsRefetched } = setup();
    await applyRealtimeEvent(changed('120', [{ assigneeId: null, teamId: null, delta: 1 }, { assigneeId: me, teamId: null, delta: -1 }]), deps);
    expect(queryClient.getQueryData(countsKey)).toEqual({ ...counts, mine: 0, unassigned: 3 });
    expect(countsRefetched()).toBe(false);
  });

  it('skips changes the cached counts already include', async () => {
    const { deps, queryClient } = setup();
    await applyRealtimeEvent(changed('99', [{ assigneeId: null, teamId: null, delta: 1 }]), deps);
    expect(queryClient.getQueryData(countsKey)).toEqual(counts);
  });

  it('refetches when the changes were too many to carry', async () => {
    const { deps, countsRefetched } = setup();
    await applyRealtimeEvent(changed('120', null), deps);
    expect(countsRefetched()).toBe(true);
  });
});

describe('a late event never puts back a row a fresh list fetch removed', () => {
  const closedKey = ['list', { input: { view: 'all', status: 'closed' } }] as const;
  const bulk: TRealtimeEvent = {
    type: 'conversations.bulk',
    workspaceId: 'w',
    actorId: 'someone',
    assigneeIds: [null],
    newAssigneeId: null,
    count: 1,
  };
  const page = (items: TListRow[]): InfiniteData<TListPage> => ({ pages: [{ items, nextCursor: null, asOf: new Date() }], pageParams: [null] });
  /** A list fetched from the server (not a cache patch), the way a refetch lands in the cache. */
  const fetchList = (queryClient: QueryClient, key: readonly unknown[], items: TListRow[]) =>
    queryClient.fetchInfiniteQuery({ queryKey: key, queryFn: async () => page(items).pages[0]!, initialPageParam: null, staleTime: 0 });

  it('after a bulk close: its versions are remembered, the late markRead (version 6) stays out of the open list', async () => {
    const { deps, queryClient, listed } = setup();
    const unsubscribe = followFetches(queryClient, { listKey: ['list'], countsKey, versions: deps.versions, ledger: deps.ledger });
    await fetchList(queryClient, listKey, [reviveRow(wireRow('c1', 5))]);
    // markRead commits version 6 (its event is delayed); a bulk close commits version 7 and announces it.
    await applyRealtimeEvent({ type: 'conversations.versions', workspaceId: 'w', versions: [['c1', 7]] }, deps);
    await applyRealtimeEvent(bulk, deps);
    await fetchList(queryClient, listKey, []);
    await applyRealtimeEvent(event('c1', 6, wireRow('c1', 6)), deps);
    expect(listed()).toEqual([]);
    unsubscribe();
  });

  it('a fetched list teaches versions: a row seen at version 7 (closed) is not put back open by version 6', async () => {
    const { deps, queryClient, listed } = setup();
    const unsubscribe = followFetches(queryClient, { listKey: ['list'], countsKey, versions: deps.versions, ledger: deps.ledger });
    await fetchList(queryClient, listKey, []);
    await fetchList(queryClient, closedKey, [reviveRow(wireRow('c1', 7, { status: 'closed' }))]);
    await applyRealtimeEvent(event('c1', 6, wireRow('c1', 6)), deps);
    expect(listed()).toEqual([]);
    expect(queryClient.getQueryData<InfiniteData<TListPage>>(closedKey)!.pages[0]!.items.map((r) => [r.version, r.status])).toEqual([
      [7, 'closed'],
    ]);
    unsubscribe();
  });

  it('a newer event still applies after a fetch', async () => {
    const { deps, queryClient, listed } = setup();
    const unsubscribe = followFetches(queryClient, { listKey: ['list'], countsKey, versions: deps.versions, ledger: deps.ledger });
    await fetchList(queryClient, listKey, [reviveRow(wireRow('c1', 5))]);
    await applyRealtimeEvent(event('c1', 6, wireRow('c1', 6)), deps);
    expect(listed().map((r) => r.version)).toEqual([6]);
    unsubscribe();
  });
});

describe('a workspace settings change', () => {
  it('refetches everything the tab shows (permissions, lists, counts), without a toast', async () => {
    const { queryClient, deps, countsRefetched } = setup();
    queryClient.setQueryData(['me'], { workspace: { agentsSeeAll: true } });
    const toast = vi.fn();
    await applyRealtimeEvent({ type: 'workspace.settingsChanged', workspaceId: 'w', agentsSeeAll: false }, { ...deps, toast });
    expect(queryClient.getQueryState(['me'])!.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(listKey)!.isInvalidated).toBe(true);
    expect(countsRefetched()).toBe(true);
    expect(toast).not.toHaveBeenCalled();
  });
});
