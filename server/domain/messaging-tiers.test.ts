import { describe, expect, it } from 'vitest';
import { portfolioQualityLow, tierLabel, tierOf, upgradePath, VOLUME_ROUTE_TO_2K } from './messaging-tiers';

describe('tierOf: Meta’s limit on the current ladder', () => {
  it.each([
    ['TIER_250', 'TIER_250', 250],
    ['TIER_2K', 'TIER_2K', 2000],
    ['TIER_10K', 'TIER_10K', 10_000],
    ['TIER_100K', 'TIER_100K', 100_000],
    ['TIER_UNLIMITED', 'TIER_UNLIMITED', null],
    ['UNLIMITED', 'TIER_UNLIMITED', null],
    // Legacy per-number tiers (messaging_limit_tier, old quality webhooks), mapped.
    ['TIER_50', 'TIER_250', 250],
    ['TIER_1K', 'TIER_2K', 2000],
    // Integers (business_capability_update), -1 for unlimited.
    [250, 'TIER_250', 250],
    [2000, 'TIER_2K', 2000],
    [10_000, 'TIER_10K', 10_000],
    [100_000, 'TIER_100K', 100_000],
    [1000, 'TIER_2K', 2000],
    [50, 'TIER_250', 250],
    [-1, 'TIER_UNLIMITED', null],
  ] as const)('%j → %s', (value, tier, limit) => {
    expect(tierOf(value)).toEqual({ tier, limit });
  });

  it.each([
    ['TIER_NOT_SET'],
    [undefined],
    [null],
    [''],
    ['constructor'],
    ['__proto__'],
    ['tier_2k'],
    [5000],
    [1.5],
    [1e30],
    [-2],
    [0],
  ] as const)('%j is no tier', (value) => {
    expect(tierOf(value)).toBeNull();
  });
});

describe('upgradePath: the step that applies to the current tier', () => {
  const reach = (last7Days: number, last30Days = last7Days) => ({ last7Days, last30Days });

  it('knows nothing without a tier, and nothing to raise at unlimited', () => {
    expect(upgradePath(null, reach(10), false)).toEqual({ kind: 'unknown' });
    expect(upgradePath('TIER_UNLIMITED', reach(10), false)).toEqual({ kind: 'top' });
  });

  it('250 → 2K is by verification, or by 2,000 unique customers in 30 days at quality not low', () => {
    expect(upgradePath('TIER_250', reach(208, 1999), false)).toEqual({
      kind: 'verification',
      next: 'TIER_2K',
      reached: 1999,
      needed: VOLUME_ROUTE_TO_2K,
      eligible: false,
      qualityLow: false,
    });
    expect(upgradePath('TIER_250', reach(208, 2000), false)).toMatchObject({ eligible: true });
    expect(upgradePath('TIER_250', reach(208, 2000), true)).toMatchObject({ eligible: false, qualityLow: true });
  });

  it('"208 of 125" is eligible: the threshold met is said so, not as progress toward it', () => {
    // The old page read "Toward the next tier: 208 of 125" for a 250 limit; on the automatic steps that is eligible.
    expect(upgradePath('TIER_2K', reach(1208), false)).toMatchObject({ kind: 'automatic', reached: 1208, needed: 1000, eligible: true });
  });

  it.each([
    ['TIER_2K', 'TIER_10K', 1000],
    ['TIER_10K', 'TIER_100K', 5000],
    ['TIER_100K', 'TIER_UNLIMITED', 50_000],
  ] as const)('%s → %s automatically at half the limit in 7 days (%i), exactly at it included', (tier, next, needed) => {
    expect(upgradePath(tier, reach(needed - 1), false)).toEqual({
      kind: 'automatic',
      next,
      reached: needed - 1,
      needed,
      eligible: false,
      qualityLow: false,
    });
    expect(upgradePath(tier, reach(needed), false)).toMatchObject({ eligible: true, qualityLow: false });
    expect(upgradePath(tier, reach(needed + 1), false)).toMatchObject({ eligible: true });
    // Quality low holds the step back, however many customers.
    expect(upgradePath(tier, reach(needed * 3), true)).toMatchObject({ eligible: false, qualityLow: true });
  });

  it('measures the automatic steps on 7 days and the 2K step on 30', () => {
    expect(upgradePath('TIER_2K', reach(999, 5000), false)).toMatchObject({ reached: 999, eligible: false });
    expect(upgradePath('TIER_250', reach(5000, 10), false)).toMatchObject({ reached: 10, eligible: false });
  });
});

describe('portfolioQualityLow and tierLabel', () => {
  it('is low when any number of the portfolio is rated low', () => {
    expect(portfolioQualityLow(['GREEN', 'YELLOW', null])).toBe(false);
    expect(portfolioQualityLow(['GREEN', 'RED'])).toBe(true);
    expect(portfolioQualityLow([])).toBe(false);
  });
  it('says tiers as people do', () => {
    expect(tierLabel('TIER_2K')).toBe('2K');
    expect(tierLabel('TIER_UNLIMITED')).toBe('UNLIMITED');
    expect(tierLabel(null)).toBeNull();
  });
});
