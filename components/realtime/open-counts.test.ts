import { describe, expect, it } from 'vitest';
import type { TOpenCountChange } from '@/server/realtime/events';
import { applyCountChanges, createCountsLedger, snapshotIncludes, type TViewCounts } from './open-counts';

const me = 'me';
const other = 'other';
const teamA = 'team-a';
const teamB = 'team-b';

const counts = (snapshot = '100:105:102,104'): TViewCounts => ({
  mine: 10,
  unassigned: 20,
  all: 50,
  teams: [
    { id: teamA, name: 'A', count: 5 },
    { id: teamB, name: 'B', count: 7 },
  ],
  snapshot,
});
const restricted = (): TViewCounts => ({ mine: 3, unassigned: 4, all: null, teams: [], snapshot: '100:100:' });

type TState = { status: 'open' | 'closed'; assigneeId: string | null; teamId: string | null } | null;
/** The changes the database notes for one conversation going from `before` to `after` (null: did not exist). */
const transition = (before: TState, after: TState): TOpenCountChange[] => [
  ...(before?.status === 'open' ? [{ assigneeId: before.assigneeId, teamId: before.teamId, delta: -1 }] : []),
  ...(after?.status === 'open' ? [{ assigneeId: after.assigneeId, teamId: after.teamId, delta: 1 }] : []),
];
/** The oracle: each view counts the conversation when open and in that view. */
const inView = (state: TState) => ({
  mine: state?.status === 'open' && state.assigneeId === me ? 1 : 0,
  unassigned: state?.status === 'open' && state.assigneeId === null ? 1 : 0,
  all: state?.status === 'open' ? 1 : 0,
  a: state?.status === 'open' && state.teamId === teamA ? 1 : 0,
  b: state?.status === 'open' && state.teamId === teamB ? 1 : 0,
});

describe('snapshotIncludes', () => {
  it('follows pg_visible_in_snapshot: below xmin in, at or above xmax out, in progress out', () => {
    const snapshot = '100:105:102,104';
    expect(snapshotIncludes(snapshot, '99')).toBe(true);
    expect(snapshotIncludes(snapshot, '100')).toBe(true);
    expect(snapshotIncludes(snapshot, '101')).toBe(true);
    expect(snapshotIncludes(snapshot, '102')).toBe(false);
    expect(snapshotIncludes(snapshot, '103')).toBe(true);
    expect(snapshotIncludes(snapshot, '104')).toBe(false);
    expect(snapshotIncludes(snapshot, '105')).toBe(false);
    expect(snapshotIncludes('100:100:', '100')).toBe(false);
    expect(snapshotIncludes('100:100:', '99')).toBe(true);
  });

  it('compares 64-bit ids exactly (past 2^53)', () => {
    expect(snapshotIncludes('9007199254740993:9007199254740995:', '9007199254740992')).toBe(true);
    expect(snapshotIncludes('9007199254740993:9007199254740995:', '9007199254740994')).toBe(true);
    expect(snapshotIncludes('9007199254740993:9007199254740995:', '9007199254740995')).toBe(false);
  });
});

describe('applyCountChanges', () => {
  const states: TState[] = [null];
  for (const status of ['open', 'closed'] as const)
    for (const assigneeId of [me, other, null])
      for (const teamId of [teamA, teamB, null]) states.push({ status, assigneeId, teamId });

  it('adjusts every view for every transition (open/close, assign/unassign, team change, creation)', () => {
    for (const before of states) {
      for (const after of states) {
        const result = applyCountChanges(counts(), transition(before, after), me);
        const b = inView(before);
        const a = inView(after);
        const label = JSON.stringify({ before, after });
        expect(result.mine, label).toBe(10 + a.mine - b.mine);
        expect(result.unassigned, label).toBe(20 + a.unassigned - b.unassigned);
        expect(result.all, label).toBe(50 + a.all - b.all);
        expect(result.teams.map((t) => t.count), label).toEqual([5 + a.a - b.a, 7 + a.b - b.b]);
      }
    }
  });

  it('leaves All and teams alone for an agent who sees neither', () => {
    const result = applyCountChanges(restricted(), [{ assigneeId: me, teamId: teamA, delta: 1 }, { assigneeId: null, teamId: null, delta: -1 }], me);
    expect(result).toEqual({ mine: 4, unassigned: 3, all: null, teams: [], snapshot: '100:100:' });
  });

  it('does not change the counts it was given', () => {
    const given = counts();
    applyCountChanges(given, [{ assigneeId: me, teamId: teamA, delta: 1 }], me);
    expect(given).toEqual(counts());
  });
});

describe('the counts ledger', () => {
  const plusMine = [{ assigneeId: me, teamId: null, delta: 1 }];

  it('adds a change the cached counts lack, and skips one they already include', () => {
    const ledger = createCountsLedger(me);
    expect(ledger.heard('110', plusMine, counts('100:105:'), false)?.mine).toBe(11);
    expect(ledger.heard('99', plusMine, counts('100:105:'), false)).toBeNull();
    expect(ledger.heard('102', plusMine, counts('100:105:102'), false)?.mine).toBe(11);
  });

  it('leaves the counts alone while a fetch is in flight, and adds what its result lacks', () => {
    const ledger = createCountsLedger(me);
    expect(ledger.heard('110', plusMine, counts('100:105:'), true)).toBeNull();
    expect(ledger.heard('111', plusMine, counts('100:105:'), true)).toBeNull();
    // The fetch saw 110 committed but not 111.
    expect(ledger.fetched(counts('111:112:111')).mine).toBe(11);
    // A later fetch sees both: nothing is added twice.
    expect(ledger.fetched(counts('120:120:')).mine).toBe(10);
  });

  it('counts a change once when the event arrives after counts that already include it', () => {
    const ledger = createCountsLedger(me);
    const fetched = ledger.fetched(counts('120:120:'));
    expect(ledger.heard('115', plusMine, fetched, false)).toBeNull();
    expect(ledger.fetched(counts('121:121:')).mine).toBe(10);
  });

  it('waits for counts when none are cached yet, then adds what they lack', () => {
    const ledger = createCountsLedger(me);
    expect(ledger.heard('130', plusMine, undefined, false)).toBeNull();
    expect(ledger.fetched(counts('125:131:130')).mine).toBe(11);
  });
});
