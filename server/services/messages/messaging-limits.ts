import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { businessInitiatedSends, numberHealth } from '@/db/schema';
import type { TReach } from '@/server/domain/messaging-tiers';

const DAY_MS = 24 * 60 * 60 * 1000;

export type TUsage = {
  /** Unique customers reached with business-initiated messages in the rolling 24 h. */
  used: number;
  /** Null means unlimited. */
  limit: number | null;
  /** When the oldest counted customer drops out of the window (capacity frees up); null when nobody is counted. */
  freesUpAt: Date | null;
  /** Unique customers in the last 7 days, against half the limit (Meta's condition for the next tier). */
  upgradeProgress: { reached: number; needed: number | null };
  /** Unique customers in the last 7 and 30 days: what the upgrade path is measured on (domain/messaging-tiers). */
  reach: TReach;
  /** The numbers counted together (the portfolio's, or this one alone). */
  channelIds: string[];
};

/**
 * The numbers that share a limit with this one: the whole portfolio when Meta set the limit there (the number then
 * carries the portfolio's id), else the number alone.
 */
async function limitScope(db: TDbOrTx, channelId: string, lock: boolean) {
  const [own] = await db
    .select({ workspaceId: numberHealth.workspaceId, portfolioId: numberHealth.portfolioId, limit: numberHealth.messagingLimit })
    .from(numberHealth)
    .where(eq(numberHealth.channelId, channelId));
  const scoped = own?.portfolioId
    ? and(eq(numberHealth.workspaceId, own.workspaceId), eq(numberHealth.portfolioId, own.portfolioId))
    : eq(numberHealth.channelId, channelId);
  // Locked in one order everywhere, so two sends on numbers of one portfolio cannot deadlock.
  const query = db.select({ channelId: numberHealth.channelId }).from(numberHealth).where(scoped).orderBy(asc(numberHealth.channelId));
  const rows = lock ? await query.for('update') : await query;
  return { channelIds: rows.length ? rows.map((r) => r.channelId) : [channelId], limit: own?.limit ?? null };
}

/**
 * Messaging-limit usage of one WhatsApp number (or of its portfolio) over the rolling 24 h, as Meta counts it: unique
 * customers reached with business-initiated messages (templates outside the customer's window). Replies inside a
 * window never count.
 */
export async function messagingUsage(
  db: TDbOrTx,
  channelId: string,
  now: Date,
  scope?: { channelIds: string[]; limit: number | null },
): Promise<TUsage> {
  const { channelIds, limit } = scope ?? (await limitScope(db, channelId, false));
  const since = new Date(now.getTime() - DAY_MS);
  const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
  const monthAgo = new Date(now.getTime() - 30 * DAY_MS);
  const [[usage], [week]] = await Promise.all([
    db
      .select({
        used: sql<number>`count(distinct ${businessInitiatedSends.contactId})::int`,
        oldest: sql<string | null>`min(${businessInitiatedSends.sentAt})::text`,
      })
      .from(businessInitiatedSends)
      .where(and(inArray(businessInitiatedSends.channelId, channelIds), gt(businessInitiatedSends.sentAt, since))),
    db
      .select({
        reached: sql<number>`count(distinct ${businessInitiatedSends.contactId}) filter (where ${businessInitiatedSends.sentAt} > ${weekAgo.toISOString()}::timestamptz)::int`,
        month: sql<number>`count(distinct ${businessInitiatedSends.contactId})::int`,
      })
      .from(businessInitiatedSends)
      .where(and(inArray(businessInitiatedSends.channelId, channelIds), gt(businessInitiatedSends.sentAt, monthAgo))),
  ]);
  return {
    used: usage?.used ?? 0,
    limit,
    freesUpAt: usage?.oldest ? new Date(new Date(usage.oldest).getTime() + DAY_MS) : null,
    upgradeProgress: { reached: week?.reached ?? 0, needed: limit === null ? null : Math.ceil(limit / 2) },
    reach: { last7Days: week?.reached ?? 0, last30Days: week?.month ?? 0 },
    channelIds,
  };
}

/**
 * Whether a business-initiated send to this customer fits the number's limit: a customer already counted in the
 * rolling 24 h costs nothing more; a new one needs a free slot. Numbers without a known limit are not held back.
 */
export async function fitsMessagingLimit(
  db: TDbOrTx,
  channelId: string,
  contactId: string,
  now: Date,
): Promise<{ ok: true } | { ok: false; usage: TUsage }> {
  // Called inside the send transaction: the row locks make concurrent business-initiated sends on one number (or
  // portfolio) take turns, so two sends cannot both take the last free slot.
  const scope = await limitScope(db, channelId, true);
  const usage = await messagingUsage(db, channelId, now, scope);
  if (usage.limit === null || usage.used < usage.limit) return { ok: true };
  const [already] = await db
    .select({ id: businessInitiatedSends.id })
    .from(businessInitiatedSends)
    .where(
      and(
        inArray(businessInitiatedSends.channelId, scope.channelIds),
        eq(businessInitiatedSends.contactId, contactId),
        gt(businessInitiatedSends.sentAt, new Date(now.getTime() - DAY_MS)),
      ),
    )
    .limit(1);
  return already ? { ok: true } : { ok: false, usage };
}
