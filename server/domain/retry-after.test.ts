import { describe, expect, it } from 'vitest';
import { retryAfterOf, waitMinutes } from './retry-after';

describe('waitMinutes', () => {
  it('rounds up to whole minutes, never says 0, and assumes a minute when no wait is known', () => {
    expect(waitMinutes(1)).toBe(1);
    expect(waitMinutes(60)).toBe(1);
    expect(waitMinutes(61)).toBe(2);
    expect(waitMinutes(840)).toBe(14);
    expect(waitMinutes(0)).toBe(1);
    expect(waitMinutes(undefined)).toBe(1);
    expect(waitMinutes(Number.NaN)).toBe(1);
  });
});

describe('retryAfterOf', () => {
  it('reads a positive number of seconds, and nothing else', () => {
    expect(retryAfterOf({ appCode: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 840 })).toBe(840);
    expect(retryAfterOf({ retryAfterSeconds: '840' })).toBeUndefined();
    expect(retryAfterOf({ retryAfterSeconds: 0 })).toBeUndefined();
    expect(retryAfterOf(null)).toBeUndefined();
    expect(retryAfterOf(undefined)).toBeUndefined();
  });
});
