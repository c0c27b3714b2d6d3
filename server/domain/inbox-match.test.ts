import { describe, expect, it } from 'vitest';
import { ZInboxQuery } from './inbox-query';
import { rowMatchesQuery, type TMatchableRow } from './inbox-match';

const me = '11111111-1111-4111-8111-111111111111';
const team = '22222222-2222-4222-8222-222222222222';
const channel = '33333333-3333-4333-8333-333333333333';
const now = new Date('2026-11-21T12:00:00Z');
const row = (patch: Partial<TMatchableRow> = {}): TMatchableRow => ({
  status: 'open',
  assigneeId: me,
  teamId: team,
  channelId: channel,
  channelType: 'whatsapp',
  windowClosesAt: new Date(now.getTime() + 30 * 60_000),
  unreadCount: 0,
  ...patch,
});
const q = (input: object) => ZInboxQuery.parse(input);

describe('rowMatchesQuery', () => {
  it('"Unread": only rows with unread customer messages, on top of the view', () => {
    expect(rowMatchesQuery(row({ unreadCount: 2 }), q({ view: 'mine', unread: '1' }), me, now)).toBe(true);
    expect(rowMatchesQuery(row({ unreadCount: 0 }), q({ view: 'mine', unread: '1' }), me, now)).toBe(false);
    expect(rowMatchesQuery(row({ unreadCount: 2, assigneeId: null }), q({ view: 'mine', unread: '1' }), me, now)).toBe(false);
    expect(rowMatchesQuery(row({ unreadCount: 0 }), q({ view: 'mine' }), me, now)).toBe(true);
  });

  it('"Mentions": left to the server (who was mentioned is not on the row), except what status or unread rule out', () => {
    expect(rowMatchesQuery(row(), q({ view: 'mentions' }), me, now)).toBeNull();
    expect(rowMatchesQuery(row({ status: 'closed' }), q({ view: 'mentions' }), me, now)).toBe(false);
    expect(rowMatchesQuery(row(), q({ view: 'mentions', unread: '1' }), me, now)).toBe(false);
  });

  it('follows view and status', () => {
    expect(rowMatchesQuery(row(), q({ view: 'mine' }), me, now)).toBe(true);
    expect(rowMatchesQuery(row({ assigneeId: null }), q({ view: 'mine' }), me, now)).toBe(false);
    expect(rowMatchesQuery(row({ assigneeId: null }), q({ view: 'unassigned' }), me, now)).toBe(true);
    expect(rowMatchesQuery(row(), q({ view: 'all', status: 'closed' }), me, now)).toBe(false);
    expect(rowMatchesQuery(row(), q({ view: `team:${team}` }), me, now)).toBe(true);
    expect(rowMatchesQuery(row({ teamId: null }), q({ view: `team:${team}` }), me, now)).toBe(false);
  });

  it('"Closing soon": an answered or lapsed row leaves it; a waiting one is for the server to place', () => {
    const waiting = new Date(now.getTime() - 60_000);
    expect(rowMatchesQuery(row({ waitingSince: null }), q({ view: 'closing' }), me, now)).toBe(false);
    expect(rowMatchesQuery(row({ waitingSince: waiting, windowClosesAt: now }), q({ view: 'closing' }), me, now)).toBe(false);
    expect(rowMatchesQuery(row({ waitingSince: waiting, status: 'closed' }), q({ view: 'closing' }), me, now)).toBe(false);
    expect(rowMatchesQuery(row({ waitingSince: waiting }), q({ view: 'closing' }), me, now)).toBeNull();
  });

  it('follows filters', () => {
    expect(rowMatchesQuery(row({ assigneeId: null }), q({ view: 'all', assignee: 'none' }), me, now)).toBe(true);
    expect(rowMatchesQuery(row(), q({ view: 'all', assignee: 'none' }), me, now)).toBe(false);
    expect(rowMatchesQuery(row(), q({ view: 'all', channel }), me, now)).toBe(true);
    expect(rowMatchesQuery(row(), q({ view: 'all', team }), me, now)).toBe(true);
  });

  it('follows window filters at the boundaries', () => {
    expect(rowMatchesQuery(row(), q({ view: 'all', window: 'closing' }), me, now)).toBe(true);
    expect(
      rowMatchesQuery(row({ windowClosesAt: new Date(now.getTime() + 3_600_001) }), q({ view: 'all', window: 'closing' }), me, now),
    ).toBe(false);
    expect(rowMatchesQuery(row({ windowClosesAt: now }), q({ view: 'all', window: 'lapsed' }), me, now)).toBe(true);
    expect(rowMatchesQuery(row({ windowClosesAt: now }), q({ view: 'all', window: 'open' }), me, now)).toBe(false);
    expect(rowMatchesQuery(row({ channelType: 'telegram', windowClosesAt: null }), q({ view: 'all', window: 'none' }), me, now)).toBe(true);
  });

  it('cannot decide search and tag lists', () => {
    expect(rowMatchesQuery(row(), q({ q: 'emma' }), me, now)).toBeNull();
    expect(rowMatchesQuery(row(), q({ tag: 'vip' }), me, now)).toBeNull();
  });
});
