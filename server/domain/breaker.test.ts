import { describe, expect, it } from 'vitest';
import {
  admission,
  BREAKER_FAILURES_TO_OPEN,
  breakerPauseMs,
  CLOSED,
  isPristine,
  nextBreaker,
  pairLimitDelayMs,
  throttlePauseMs,
  type TBreaker,
} from './breaker';

const now = new Date('2026-01-01T00:00:00.000Z');
const later = (ms: number) => new Date(now.getTime() + ms);

function failTimes(n: number, from: TBreaker = CLOSED): TBreaker {
  let b = from;
  for (let i = 0; i < n; i++) b = nextBreaker(b, 'failure', now, false);
  return b;
}

describe('pauses', () => {
  it('doubles the breaker pause from 5 s up to a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(breakerPauseMs)).toEqual([5000, 10000, 20000, 40000, 60000, 60000, 60000]);
  });
  it('doubles the throughput pause from 1 s up to a minute', () => {
    expect([1, 2, 3, 6, 7, 30].map(throttlePauseMs)).toEqual([1000, 2000, 4000, 32000, 60000, 60000]);
  });
  it('holds a message at least 6 s after a pair rate limit, then by powers of 4, at most 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 9].map(pairLimitDelayMs)).toEqual([6000, 16000, 64000, 256000, 300000, 300000]);
  });
});

describe('nextBreaker', () => {
  it('stays closed below the run of failures that opens it', () => {
    const b = failTimes(BREAKER_FAILURES_TO_OPEN - 1);
    expect(b).toMatchObject({ state: 'closed', consecutiveFailures: BREAKER_FAILURES_TO_OPEN - 1 });
    expect(admission(b, now)).toEqual({ kind: 'go' });
  });

  it('opens on the run of failures, for the first pause', () => {
    const b = failTimes(BREAKER_FAILURES_TO_OPEN);
    expect(b).toMatchObject({ state: 'open', openings: 1, openUntil: later(5000), probeUntil: null });
    expect(admission(b, later(4999))).toEqual({ kind: 'wait', until: later(5000), why: 'open' });
    expect(admission(b, later(5000))).toEqual({ kind: 'probe' });
  });

  it('an answer between failures resets the run', () => {
    const b = nextBreaker(failTimes(2), 'answered', now, false);
    expect(failTimes(2, b).state).toBe('closed');
  });

  it('late failures of calls started before it opened do not lengthen the pause', () => {
    const open = failTimes(BREAKER_FAILURES_TO_OPEN);
    const b = failTimes(5, open);
    expect(b).toMatchObject({ state: 'open', openings: 1, openUntil: later(5000) });
  });

  it('a failed probe opens it again for twice as long; a successful one closes it', () => {
    const open = failTimes(BREAKER_FAILURES_TO_OPEN);
    const again = nextBreaker({ ...open, probeUntil: later(20000) }, 'failure', now, true);
    expect(again).toMatchObject({ state: 'open', openings: 2, openUntil: later(10000), probeUntil: null });
    const closed = nextBreaker(again, 'answered', now, true);
    expect(closed).toEqual(CLOSED);
    expect(isPristine(closed)).toBe(true);
  });

  it('a probe holding the breaker makes the others wait for it', () => {
    const b = { ...failTimes(BREAKER_FAILURES_TO_OPEN), openUntil: now, probeUntil: later(15000) };
    expect(admission(b, now)).toEqual({ kind: 'wait', until: later(15000), why: 'probing' });
    expect(admission(b, later(15000))).toEqual({ kind: 'probe' });
  });

  it('a throughput limit pauses the number with growing backoff without counting as a failure', () => {
    const once = nextBreaker(CLOSED, 'throttled', now, false);
    expect(once).toMatchObject({ state: 'closed', consecutiveFailures: 0, throttles: 1, throttledUntil: later(1000) });
    expect(admission(once, later(999))).toEqual({ kind: 'wait', until: later(1000), why: 'throttled' });
    expect(admission(once, later(1000))).toEqual({ kind: 'go' });
    const twice = nextBreaker(once, 'throttled', now, false);
    expect(twice.throttledUntil).toEqual(later(2000));
    expect(isPristine(twice)).toBe(false);
    expect(nextBreaker(twice, 'answered', now, false)).toEqual(CLOSED);
  });

  it('a throttled probe means the number answers: the breaker closes, the throttle holds', () => {
    const open = failTimes(BREAKER_FAILURES_TO_OPEN);
    expect(nextBreaker(open, 'throttled', now, true)).toMatchObject({ state: 'closed', openings: 0, throttledUntil: later(1000) });
  });

  it('no row means go', () => {
    expect(admission(null, now)).toEqual({ kind: 'go' });
  });
});
