/**
 * Meta's messaging limits as they stand since 7 October 2025 (../shared/reference/meta-messaging.md §5.3, §8): set on
 * the business portfolio and shared by its numbers, on one ladder 250 → 2,000 → 10,000 → 100,000 → unlimited. The
 * count is of unique customers reached with business-initiated messages in a moving 24 hours.
 */

export const TIERS = ['TIER_250', 'TIER_2K', 'TIER_10K', 'TIER_100K', 'TIER_UNLIMITED'] as const;
export type TTier = (typeof TIERS)[number];

/** Unique customers per moving 24 h; null is unlimited. */
export const TIER_LIMITS: Readonly<Record<TTier, number | null>> = {
  TIER_250: 250,
  TIER_2K: 2000,
  TIER_10K: 10_000,
  TIER_100K: 100_000,
  TIER_UNLIMITED: null,
};

/**
 * The per-number tiers Meta still sends in the deprecated `messaging_limit_tier` (and old quality webhooks), on the
 * current ladder: the 50 tier is gone (portfolios start at 250), and portfolios that were at 1K were moved to 2K
 * when the 1K step was removed with the move to portfolios.
 */
const LEGACY_TIERS: Readonly<Record<string, TTier>> = { TIER_50: 'TIER_250', TIER_1K: 'TIER_2K' };

/** Meta writes the same limit as a tier name, an integer (2000), "UNLIMITED", or -1 (unlimited). */
export function tierOf(value: string | number | undefined | null): { tier: TTier; limit: number | null } | null {
  if (value === undefined || value === null) return null;
  let name: string;
  if (typeof value === 'number') {
    if (value === -1) name = 'TIER_UNLIMITED';
    else if (value === 50 || value === 1000) name = value === 50 ? 'TIER_50' : 'TIER_1K';
    else {
      const tier = TIERS.find((t) => TIER_LIMITS[t] === value);
      if (!tier) return null;
      name = tier;
    }
  } else {
    name = value === 'UNLIMITED' ? 'TIER_UNLIMITED' : value;
  }
  // Own keys only: "constructor" is not a tier.
  const tier = Object.hasOwn(LEGACY_TIERS, name)
    ? LEGACY_TIERS[name]!
    : (TIERS as readonly string[]).includes(name)
      ? (name as TTier)
      : null;
  return tier ? { tier, limit: TIER_LIMITS[tier] } : null;
}

/** The portfolio's reach, as the numbers page shows it: unique customers of business-initiated messages. */
export type TReach = {
  /** in the last 7 days (Meta's condition for the automatic steps). */
  last7Days: number;
  /** in the last 30 days (the volume route to 2K). */
  last30Days: number;
};

/** Customers to reach in 30 days at high quality for the volume route from 250 to 2K. */
export const VOLUME_ROUTE_TO_2K = 2000;

/**
 * The step up that applies to the current tier, per Meta's current text:
 * - 250 → 2K is not automatic: verify the business (or partner-led verification), or deliver outside the window to
 *   2,000 unique customers in 30 days with high-quality templates (`volume`).
 * - 2K → 10K → 100K → unlimited are automatic: quality not low across the portfolio, and at least half the current
 *   limit used in the last 7 days; Meta then raises it one level within 6 hours.
 * `eligible` is true once the threshold is met (exactly at it included); `qualityLow` says why a met threshold is not
 * enough yet.
 */
export type TUpgradePath =
  | { kind: 'unknown' }
  | { kind: 'top' }
  | { kind: 'verification'; next: TTier; reached: number; needed: number; eligible: boolean; qualityLow: boolean }
  | { kind: 'automatic'; next: TTier; reached: number; needed: number; eligible: boolean; qualityLow: boolean };

export function upgradePath(tier: TTier | null, reach: TReach, qualityLow: boolean): TUpgradePath {
  if (tier === null) return { kind: 'unknown' };
  const limit = TIER_LIMITS[tier];
  if (limit === null) return { kind: 'top' };
  const next = TIERS[TIERS.indexOf(tier) + 1]!;
  if (tier === 'TIER_250') {
    const reached = reach.last30Days;
    return {
      kind: 'verification',
      next,
      reached,
      needed: VOLUME_ROUTE_TO_2K,
      eligible: !qualityLow && reached >= VOLUME_ROUTE_TO_2K,
      qualityLow,
    };
  }
  const needed = Math.ceil(limit / 2);
  const reached = reach.last7Days;
  return { kind: 'automatic', next, reached, needed, eligible: !qualityLow && reached >= needed, qualityLow };
}

/** The portfolio's quality for the automatic steps: low when any of its numbers is rated low. */
export function portfolioQualityLow(ratings: readonly (string | null | undefined)[]): boolean {
  return ratings.some((r) => r === 'RED');
}

/**
 * TIER_2K → "2K", the way people say it; unlimited is for the caller to word. A legacy tier stored before the move
 * to portfolios reads as stored (it matches its stored limit) until the next sync maps it.
 */
export function tierLabel(tier: string | null | undefined): string | null {
  return tier ? tier.replace(/^TIER_/, '') : null;
}
