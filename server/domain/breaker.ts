/**
 * The circuit breaker of one number, and the pauses Meta's rate limits ask for. Pure rules: the service applies
 * them under a row lock, so every worker process sees one state.
 */
export type TBreaker = {
  state: 'closed' | 'open';
  consecutiveFailures: number;
  openings: number;
  openUntil: Date | null;
  probeUntil: Date | null;
  throttles: number;
  throttledUntil: Date | null;
};

/** failure: no proper answer (timeout, no connection, 5xx); answered: any real answer; throttled: 130429. */
export type TBreakerEvent = 'failure' | 'answered' | 'throttled';

export const BREAKER_FAILURES_TO_OPEN = 3;
export const BREAKER_FIRST_PAUSE_MS = 5_000;
export const BREAKER_MAX_PAUSE_MS = 60_000;
/** How long one probe may hold the half-open breaker: more than a whole request, so a dead prober frees it. */
export const BREAKER_PROBE_LEASE_MS = 15_000;
export const THROTTLE_FIRST_PAUSE_MS = 1_000;
export const THROTTLE_MAX_PAUSE_MS = 60_000;
/** Meta allows one message per 6 s to the same customer (131056) and suggests backing off by powers of 4. */
export const PAIR_LIMIT_MIN_MS = 6_000;
export const PAIR_LIMIT_MAX_MS = 300_000;

export const CLOSED: TBreaker = {
  state: 'closed',
  consecutiveFailures: 0,
  openings: 0,
  openUntil: null,
  probeUntil: null,
  throttles: 0,
  throttledUntil: null,
};

/** The pause after the n-th opening in a row (n ≥ 1): 5, 10, 20, 40 s, then a minute each time. */
export function breakerPauseMs(openings: number): number {
  return Math.min(BREAKER_MAX_PAUSE_MS, BREAKER_FIRST_PAUSE_MS * 2 ** Math.max(0, openings - 1));
}

/** The pause after the n-th throughput limit in a row (n ≥ 1): 1, 2, 4 … s, at most a minute. */
export function throttlePauseMs(throttles: number): number {
  return Math.min(THROTTLE_MAX_PAUSE_MS, THROTTLE_FIRST_PAUSE_MS * 2 ** Math.max(0, throttles - 1));
}

/** How long to hold a message after its n-th pair-rate-limit answer (n ≥ 1): 6 s, 16 s, 64 s, 256 s, 5 min. */
export function pairLimitDelayMs(times: number): number {
  return Math.min(PAIR_LIMIT_MAX_MS, Math.max(PAIR_LIMIT_MIN_MS, 1000 * 4 ** Math.max(1, times)));
}

export type TAdmission = { kind: 'go' } | { kind: 'probe' } | { kind: 'wait'; until: Date; why: 'open' | 'probing' | 'throttled' };

/** May a send for this number start now? A paused number's sends wait; when its pause ends, one probe goes first. */
export function admission(breaker: TBreaker | null, now: Date): TAdmission {
  if (!breaker) return { kind: 'go' };
  if (breaker.state === 'open') {
    if (breaker.openUntil && breaker.openUntil > now) return { kind: 'wait', until: breaker.openUntil, why: 'open' };
    if (breaker.probeUntil && breaker.probeUntil > now) return { kind: 'wait', until: breaker.probeUntil, why: 'probing' };
    return { kind: 'probe' };
  }
  if (breaker.throttledUntil && breaker.throttledUntil > now) return { kind: 'wait', until: breaker.throttledUntil, why: 'throttled' };
  return { kind: 'go' };
}

/**
 * The breaker after one send's outcome. A run of failures opens it; a failed probe opens it again for twice as
 * long; any answer closes it. Failures of calls that started before it opened do not lengthen the pause.
 */
export function nextBreaker(current: TBreaker, event: TBreakerEvent, now: Date, probe: boolean): TBreaker {
  const at = (ms: number) => new Date(now.getTime() + ms);
  if (event === 'failure') {
    const failures = current.consecutiveFailures + 1;
    const opens = current.state === 'closed' ? failures >= BREAKER_FAILURES_TO_OPEN : probe;
    if (!opens) return { ...current, consecutiveFailures: failures };
    const openings = current.openings + 1;
    return { ...current, state: 'open', consecutiveFailures: failures, openings, openUntil: at(breakerPauseMs(openings)), probeUntil: null };
  }
  const answered = { ...current, state: 'closed' as const, consecutiveFailures: 0, openings: 0, openUntil: null, probeUntil: null };
  if (event === 'throttled') {
    const throttles = current.throttles + 1;
    return { ...answered, throttles, throttledUntil: at(throttlePauseMs(throttles)) };
  }
  return { ...answered, throttles: 0, throttledUntil: null };
}

/** Whether a state is worth storing at all: a number with nothing to remember needs no row updates per send. */
export function isPristine(breaker: TBreaker): boolean {
  return breaker.state === 'closed' && breaker.consecutiveFailures === 0 && breaker.throttles === 0;
}
