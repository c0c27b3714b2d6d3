import { describe, expect, it } from 'vitest';
import type { TListPage, TListRow } from '@/components/trpc/types';
import { ZInboxQuery } from '@/server/domain/inbox-query';
import { patchList } from './patch-list';

const me = '11111111-1111-4111-8111-111111111111';
const now = new Date('2026-11-21T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

function row(id: string, lastMessageAt: Date, patch: Partial<TListRow> = {}): TListRow {
  return {
    id,
    lastMessageAt,
    cursorAt: lastMessageAt.toISOString(),
    status: 'open',
    assigneeId: me,
    teamId: null,
    channelId: 'ch',
    channelType: 'telegram',
    windowClosesAt: null,
    tagClosesAt: null,
    freeEntryUntil: null,
    displayName: id,
    match: null,
    channelName: 'x',
    contactId: 'k',
    firstName: id,
    lastName: null,
    phone: null,
    email: null,
    previewText: null,
    previewDirection: null,
    previewMedia: null,
    lastInboundAt: null,
    waitingSince: null,
    unreadCount: 0,
    assigneeName: null,
    version: 1,
    ...patch,
  };
}
const page = (items: TListRow[], nextCursor: string | null): TListPage => ({ items, nextCursor, asOf: now });
const data = (...pages: TListPage[]) => ({ pages, pageParams: pages.map(() => null) });
const mine = ZInboxQuery.parse({ view: 'mine' });
const ids = (d: ReturnType<typeof patchList>) => (d === 'refetch' ? d : d.pages.map((p) => p.items.map((i) => i.id)));

describe('patchList', () => {
  const list = data(page([row('a', minutesAgo(1)), row('b', minutesAgo(5))], 'more'), page([row('c', minutesAgo(9))], null));

  it('moves a row with new activity to the top', () => {
    expect(ids(patchList(list, mine, 'c', row('c', now), me, now))).toEqual([['c', 'a', 'b'], []]);
  });

  it('inserts a new matching row at its place', () => {
    expect(ids(patchList(list, mine, 'n', row('n', minutesAgo(3)), me, now))).toEqual([['a', 'n', 'b'], ['c']]);
  });

  it('removes a row that no longer belongs (reassigned, closed, or invisible)', () => {
    expect(ids(patchList(list, mine, 'b', row('b', now, { assigneeId: 'someone-else' }), me, now))).toEqual([['a'], ['c']]);
    expect(ids(patchList(list, mine, 'a', row('a', now, { status: 'closed' }), me, now))).toEqual([['b'], ['c']]);
    expect(ids(patchList(list, mine, 'a', null, me, now))).toEqual([['b'], ['c']]);
  });

  it('leaves out a row that sorts beyond the loaded pages while more remain', () => {
    const partial = data(page([row('a', minutesAgo(1))], 'more'));
    expect(ids(patchList(partial, mine, 'old', row('old', minutesAgo(60)), me, now))).toEqual([['a']]);
  });

  it('asks for a refetch where it cannot decide', () => {
    expect(patchList(list, ZInboxQuery.parse({ q: 'emma' }), 'a', row('a', now), me, now)).toBe('refetch');
    expect(patchList(list, ZInboxQuery.parse({ sort: 'window' }), 'a', row('a', now), me, now)).toBe('refetch');
  });
});
