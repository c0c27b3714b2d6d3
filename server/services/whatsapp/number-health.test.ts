import { describe, expect, it } from 'vitest';
import { limitOf } from './number-health';

describe('limitOf (Meta sends the portfolio limit as a tier, an integer or UNLIMITED)', () => {
  it.each([
    ['TIER_250', { tier: 'TIER_250', limit: 250 }],
    // The 1K step is gone since portfolios: a legacy TIER_1K reads as 2K (domain/messaging-tiers).
    ['TIER_1K', { tier: 'TIER_2K', limit: 2000 }],
    ['TIER_UNLIMITED', { tier: 'TIER_UNLIMITED', limit: null }],
    ['UNLIMITED', { tier: 'TIER_UNLIMITED', limit: null }],
    [2000, { tier: 'TIER_2K', limit: 2000 }],
    [250, { tier: 'TIER_250', limit: 250 }],
    [-1, { tier: 'TIER_UNLIMITED', limit: null }],
    ['TIER_NOT_SET', null],
    [undefined, null],
    // Not limits Meta sends (a signed webhook carrying them answered 500: the column is an integer).
    [1e30, null],
    [2 ** 31, null],
    [1.5, null],
    ['constructor', null],
    ['__proto__', null],
  ] as const)('%j → %j', (value, expected) => {
    expect(limitOf(value)).toEqual(expected);
  });
});
