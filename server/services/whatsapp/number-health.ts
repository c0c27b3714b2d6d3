import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TDbOrTx } from '@/db/client';
import { channels, numberHealth, numberHealthHistory } from '@/db/schema';
import { tierOf } from '@/server/domain/messaging-tiers';
import { phoneDigits } from '@/server/domain/phone';
import { notify } from '@/server/realtime/notify';

/** `phone_number_quality_update`, legacy (FLAGGED, DOWNGRADE...) and current (ONBOARDING, THROUGHPUT_UPGRADE) forms. */
export const ZQualityUpdate = z.looseObject({
  display_phone_number: z.string(),
  event: z.string(),
  current_limit: z.string().optional(),
  old_limit: z.string().optional(),
  max_daily_conversations_per_business: z.union([z.string(), z.number()]).optional(),
});

/** `business_capability_update`: the portfolio's limit, as a tier string, an integer, or UNLIMITED. */
export const ZCapabilityUpdate = z.looseObject({ max_daily_conversations_per_business: z.union([z.string(), z.number()]).optional() });

/** Meta's limit as a tier of the current ladder (legacy tiers mapped onto it, see domain/messaging-tiers). */
export function limitOf(value: string | number | undefined): { tier: string; limit: number | null } | null {
  return tierOf(value);
}

export type THealthPatch = Partial<{
  displayPhoneNumber: string;
  verifiedName: string;
  qualityRating: string;
  status: string;
  nameStatus: string;
  messagingLimitTier: string;
  messagingLimit: number | null;
  throughputLevel: string;
  codeVerificationStatus: string;
  accountMode: string;
  portfolioId: string | null;
}>;

/**
 * Applies a change to one number's health, records what changed in its history, and tells open pages. A sync also
 * stamps `lastSyncedAt` (and tells pages) even when Meta reported nothing new.
 */
export async function applyHealth(
  db: TDbOrTx,
  channelId: string,
  patch: THealthPatch,
  source: 'webhook' | 'sync',
  event: string | null,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(numberHealth).where(eq(numberHealth.channelId, channelId)).for('update');
    if (!current) return false;
    const changes: Record<string, [unknown, unknown]> = {};
    for (const [field, value] of Object.entries(patch) as [keyof THealthPatch, unknown][]) {
      if (value !== undefined && current[field] !== value) changes[field] = [current[field], value];
    }
    const changed = Object.keys(changes).length > 0;
    if (!changed && source !== 'sync') return false;
    await tx
      .update(numberHealth)
      .set({ ...patch, ...(changed ? { updatedAt: sql`now()` } : {}), ...(source === 'sync' ? { lastSyncedAt: sql`now()` } : {}) })
      .where(eq(numberHealth.channelId, channelId));
    if (changed) await tx.insert(numberHealthHistory).values({ workspaceId: current.workspaceId, channelId, source, event, changes });
    await notify(tx, { type: 'number.changed', workspaceId: current.workspaceId, channelId });
    return changed;
  });
}

/** Meta's rating as our badge: NA (not yet determined) and anything unknown read as UNKNOWN. */
export function qualityOf(rating: string | undefined): string | undefined {
  if (rating === undefined) return undefined;
  return ['GREEN', 'YELLOW', 'RED'].includes(rating) ? rating : 'UNKNOWN';
}

/** A quality update names the number by its display number only (no phone_number_id): match the digits. */
export async function applyQualityUpdate(db: TDbOrTx, workspaceId: string, update: z.infer<typeof ZQualityUpdate>): Promise<boolean> {
  const digits = phoneDigits(update.display_phone_number);
  const [number] = await db
    .select({ channelId: numberHealth.channelId })
    .from(numberHealth)
    .where(and(eq(numberHealth.workspaceId, workspaceId), eq(numberHealth.displayPhoneNumber, digits)));
  if (!number) return false;
  const patch: THealthPatch = {};
  // Legacy quality events: FLAGGED means the quality dropped to low; UNFLAGGED means it recovered.
  if (update.event === 'FLAGGED') Object.assign(patch, { status: 'FLAGGED', qualityRating: 'RED' });
  if (update.event === 'UNFLAGGED') Object.assign(patch, { status: 'CONNECTED', qualityRating: 'YELLOW' });
  const limit = limitOf(update.max_daily_conversations_per_business ?? update.current_limit);
  const changed = await applyHealth(db, number.channelId, patch, 'webhook', update.event);
  if (!limit) return changed;
  return (await applyPortfolioLimit(db, number.channelId, limit, 'webhook', update.event)) > 0 || changed;
}

/**
 * A limit Meta reports for one number is its portfolio's (since October 2025): every number of that portfolio takes
 * it, so all of them show, and count against, the same figure. A number with no known portfolio takes it alone.
 */
export async function applyPortfolioLimit(
  db: TDbOrTx,
  channelId: string,
  limit: { tier: string; limit: number | null },
  source: 'webhook' | 'sync',
  event: string | null,
): Promise<number> {
  const [own] = await db
    .select({ workspaceId: numberHealth.workspaceId, portfolioId: numberHealth.portfolioId })
    .from(numberHealth)
    .where(eq(numberHealth.channelId, channelId));
  if (!own) return 0;
  const siblings = own.portfolioId
    ? await db
        .select({ channelId: numberHealth.channelId })
        .from(numberHealth)
        .where(and(eq(numberHealth.workspaceId, own.workspaceId), eq(numberHealth.portfolioId, own.portfolioId)))
        .orderBy(asc(numberHealth.channelId))
    : [{ channelId }];
  let changed = 0;
  for (const n of siblings) {
    // A sync stamps only the number it synced; its siblings just take the limit.
    const as = n.channelId === channelId ? source : 'webhook';
    if (await applyHealth(db, n.channelId, { messagingLimitTier: limit.tier, messagingLimit: limit.limit }, as, event)) changed += 1;
  }
  return changed;
}

/**
 * The portfolio's limit (since October 2025) is shared by all its numbers. The webhook names a WABA (the entry's id):
 * its numbers take the limit, and so do the other numbers of their business portfolio when the sync has learnt it;
 * a number with no known portfolio remembers the WABA as one, so that usage is counted across its numbers together.
 */
export async function applyCapabilityUpdate(
  db: TDbOrTx,
  workspaceId: string,
  portfolioId: string,
  update: z.infer<typeof ZCapabilityUpdate>,
): Promise<number> {
  const limit = limitOf(update.max_daily_conversations_per_business);
  if (!limit) return 0;
  // The webhook names the WhatsApp Business Account (entry id): its numbers, else (an entry we cannot place) all of
  // the workspace's, as before portfolios were modelled.
  const ofWaba = await db
    .select({ channelId: numberHealth.channelId, portfolioId: numberHealth.portfolioId })
    .from(numberHealth)
    .innerJoin(channels, eq(channels.id, numberHealth.channelId))
    .where(and(eq(numberHealth.workspaceId, workspaceId), sql`${channels.config}->>'wabaId' = ${portfolioId}`));
  const numbers = ofWaba.length
    ? ofWaba
    : await db
        .select({ channelId: numberHealth.channelId, portfolioId: numberHealth.portfolioId })
        .from(numberHealth)
        .where(eq(numberHealth.workspaceId, workspaceId));
  let changed = 0;
  for (const n of numbers) {
    // A number whose business portfolio the sync learnt (owner_business_info) keeps it; others are keyed by the WABA.
    const patch = { messagingLimitTier: limit.tier, messagingLimit: limit.limit, ...(n.portfolioId ? {} : { portfolioId }) };
    if (await applyHealth(db, n.channelId, patch, 'webhook', 'CAPABILITY_UPDATE')) changed += 1;
    // The portfolio's other numbers (under its other WABAs) share the same limit.
    if (n.portfolioId) changed += await applyPortfolioLimit(db, n.channelId, limit, 'webhook', 'CAPABILITY_UPDATE');
  }
  return changed;
}
