import { describe, expect, it } from 'vitest';
import { closingSoonHorizonMinutes, dueClosingAlert, minutesLeft, type TClosingAlertInput } from './closing-alerts';

const MINUTE = 60_000;
const now = new Date('2026-12-02T12:00:00.000Z');
const closesIn = (ms: number) => new Date(now.getTime() + ms);
const deadline = closesIn(30 * MINUTE);
const none = { deadline: null, minutes: null };

function due(patch: Partial<TClosingAlertInput>): number | null {
  return dueClosingAlert({ leads: [60, 15], now, deadline, waiting: true, open: true, marker: none, ...patch });
}

describe('dueClosingAlert: which lead stage alerts now', () => {
  it('alerts nothing before the first lead time', () => {
    expect(due({ deadline: closesIn(60 * MINUTE + 1) })).toBeNull();
    expect(due({ deadline: closesIn(23 * 60 * MINUTE) })).toBeNull();
  });

  it('alerts exactly at the lead time, and just inside it', () => {
    expect(due({ deadline: closesIn(60 * MINUTE) })).toBe(60);
    expect(due({ deadline: closesIn(60 * MINUTE - 1) })).toBe(60);
    expect(due({ deadline: closesIn(15 * MINUTE + 1) })).toBe(60);
    expect(due({ deadline: closesIn(15 * MINUTE) })).toBe(15);
    expect(due({ deadline: closesIn(1) })).toBe(15);
  });

  it('alerts nothing once the window has closed (exactly at the deadline too)', () => {
    expect(due({ deadline: now })).toBeNull();
    expect(due({ deadline: closesIn(-MINUTE) })).toBeNull();
  });

  it('alerts each stage once per window', () => {
    const at60 = { deadline, minutes: 60 };
    expect(due({ deadline, marker: at60 })).toBeNull();
    expect(due({ deadline: closesIn(15 * MINUTE), marker: { deadline: closesIn(15 * MINUTE), minutes: 60 } })).toBe(15);
    expect(due({ deadline: closesIn(15 * MINUTE), marker: { deadline: closesIn(15 * MINUTE), minutes: 15 } })).toBeNull();
    expect(due({ deadline: closesIn(MINUTE), marker: { deadline: closesIn(MINUTE), minutes: 15 } })).toBeNull();
  });

  it('a conversation already inside both lead times alerts once, at the smallest stage', () => {
    expect(due({ deadline: closesIn(10 * MINUTE) })).toBe(15);
    expect(due({ deadline: closesIn(10 * MINUTE), marker: { deadline: closesIn(10 * MINUTE), minutes: 15 } })).toBeNull();
  });

  it('an agent reply (no longer waiting) cancels, whatever the marker', () => {
    expect(due({ waiting: false })).toBeNull();
    expect(due({ waiting: false, deadline: closesIn(5 * MINUTE) })).toBeNull();
  });

  it('a customer message re-arms: a new deadline makes the old marker stale', () => {
    const alerted = { deadline: closesIn(10 * MINUTE), minutes: 15 };
    expect(due({ deadline: closesIn(24 * 60 * MINUTE), marker: alerted })).toBeNull();
    // The new window reaches its lead times later and alerts again.
    expect(due({ deadline: closesIn(59 * MINUTE), marker: alerted })).toBe(60);
    expect(due({ deadline: closesIn(14 * MINUTE), marker: { deadline: closesIn(14 * MINUTE + 1), minutes: 15 } })).toBe(15);
  });

  it('closed conversations and channels without a window never alert', () => {
    expect(due({ open: false })).toBeNull();
    expect(due({ deadline: null })).toBeNull();
  });

  it('follows the workspace lead times, in any order, one or two', () => {
    expect(due({ leads: [15, 60], deadline: closesIn(10 * MINUTE) })).toBe(15);
    expect(due({ leads: [30], deadline: closesIn(45 * MINUTE) })).toBeNull();
    expect(due({ leads: [30], deadline: closesIn(30 * MINUTE) })).toBe(30);
    expect(due({ leads: [120, 5], deadline: closesIn(100 * MINUTE) })).toBe(120);
    expect(due({ leads: [], deadline: closesIn(MINUTE) })).toBeNull();
  });
});

describe('minutesLeft and the view horizon', () => {
  it('rounds up, never below one minute', () => {
    expect(minutesLeft(closesIn(10 * MINUTE), now)).toBe(10);
    expect(minutesLeft(closesIn(9 * MINUTE + 10_000), now)).toBe(10);
    expect(minutesLeft(closesIn(15 * MINUTE), now)).toBe(15);
    expect(minutesLeft(closesIn(1000), now)).toBe(1);
    expect(minutesLeft(closesIn(-1000), now)).toBe(1);
  });

  it('the view reaches as far as the largest lead time', () => {
    expect(closingSoonHorizonMinutes([60, 15])).toBe(60);
    expect(closingSoonHorizonMinutes([15, 90])).toBe(90);
    expect(closingSoonHorizonMinutes([])).toBe(60);
  });
});
