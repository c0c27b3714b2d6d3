import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { accountAlerts, channels, numberHealth, numberHealthHistory, templates } from '@/db/schema';
import { accountUpdateReason } from '@/server/domain/account-update';
import { ACCOUNT_UPDATE_CODE } from './account-updates';
import { formatPhone } from '@/server/domain/phone';
import { AppError } from '@/server/errors';
import { notAnsweringSince } from '@/server/services/messages/breaker';
import { portfolioQualityLow, tierOf, upgradePath, type TUpgradePath } from '@/server/domain/messaging-tiers';
import { messagingUsage, type TUsage } from '@/server/services/messages/messaging-limits';
import { syncWhatsAppChannel } from './sync';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';

/**
 * Every WhatsApp number of the workspace with its health as Meta last reported it, its messaging-limit usage and
 * recent history. A workspace has a handful of numbers, so usage is computed per number.
 */
export async function listNumbers(db: TDbOrTx, workspace: TWorkspaceContext) {
  const rows = await db
    .select({
      channelId: channels.id,
      name: channels.name,
      phoneNumberId: channels.externalId,
      channelStatus: channels.status,
      channelStatusReason: channels.statusReason,
      channelStatusCode: channels.statusCode,
      channelStatusData: channels.statusData,
      wabaId: sql<string | null>`${channels.config}->>'wabaId'`,
      displayPhoneNumber: numberHealth.displayPhoneNumber,
      verifiedName: numberHealth.verifiedName,
      qualityRating: numberHealth.qualityRating,
      status: numberHealth.status,
      nameStatus: numberHealth.nameStatus,
      messagingLimitTier: numberHealth.messagingLimitTier,
      portfolioId: numberHealth.portfolioId,
      throughputLevel: numberHealth.throughputLevel,
      codeVerificationStatus: numberHealth.codeVerificationStatus,
      accountMode: numberHealth.accountMode,
      lastSyncedAt: numberHealth.lastSyncedAt,
    })
    .from(channels)
    .leftJoin(numberHealth, eq(numberHealth.channelId, channels.id))
    // A disconnected number is not one the team sends on: it stays on Settings → Channels only.
    .where(and(eq(channels.workspaceId, workspace.id), eq(channels.type, 'whatsapp'), ne(channels.status, 'disconnected')))
    .orderBy(channels.name);
  const ids = rows.map((r) => r.channelId);
  const history = ids.length
    ? await db
        .select({
          channelId: numberHealthHistory.channelId,
          source: numberHealthHistory.source,
          event: numberHealthHistory.event,
          changes: numberHealthHistory.changes,
          createdAt: numberHealthHistory.createdAt,
        })
        .from(numberHealthHistory)
        .where(inArray(numberHealthHistory.channelId, ids))
        .orderBy(desc(numberHealthHistory.createdAt))
        .limit(ids.length * 10)
    : [];
  const templateCounts = ids.length
    ? await db
        .select({
          channelId: templates.channelId,
          approved: sql<number>`count(*) filter (where ${templates.status} = 'APPROVED')::int`,
          total: sql<number>`count(*) filter (where ${templates.status} <> 'DELETED')::int`,
        })
        .from(templates)
        .where(inArray(templates.channelId, ids))
        .groupBy(templates.channelId)
    : [];
  const notAnswering = await notAnsweringSince(db, ids);
  const accountState = await accountStates(db, workspace.id, rows);
  const limits = await portfolioLimits(db, rows, new Date());
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      qualityRating: row.qualityRating ?? 'UNKNOWN',
      /** Meta's display number as people read it (+966 11 510 2030); the digits stay in displayPhoneNumber. */
      displayPhone: row.displayPhoneNumber ? formatPhone(`+${row.displayPhoneNumber}`) : null,
      /** Set while the number's circuit breaker holds its sends because WhatsApp is not answering for it. */
      notAnsweringSince: notAnswering.get(row.channelId) ?? null,
      /** The account_update that put the number in "needs attention" (its WABA's latest), for the reason in words. */
      accountUpdate: accountState(row),
      ...limits.get(row.channelId)!,
      templates: templateCounts.find((c) => c.channelId === row.channelId) ?? { approved: 0, total: 0 },
      history: history
        .filter((h) => h.channelId === row.channelId)
        .slice(0, 5)
        .map((h) => ({ ...h, changes: h.changes as Record<string, [unknown, unknown]> })),
    })),
  );
}

/**
 * Why Meta's account_update put numbers in "needs attention": the latest active update of each number's WABA (of the
 * workspace, for a number whose WABA we do not know: the update then named the channel it arrived on).
 */
async function accountStates(
  db: TDbOrTx,
  workspaceId: string,
  rows: { channelStatus: string; channelStatusCode: string | null; wabaId: string | null }[],
) {
  const flagged = rows.filter((r) => r.channelStatus === 'needs_attention' && r.channelStatusCode === ACCOUNT_UPDATE_CODE);
  const active = flagged.length
    ? await db
        .select({
          entityId: accountAlerts.entityId,
          event: accountAlerts.alertType,
          details: accountAlerts.details,
          expiresAt: accountAlerts.expiresAt,
          occurredAt: accountAlerts.occurredAt,
        })
        .from(accountAlerts)
        .where(
          and(eq(accountAlerts.workspaceId, workspaceId), eq(accountAlerts.source, 'account_update'), eq(accountAlerts.status, 'ACTIVE')),
        )
        .orderBy(desc(accountAlerts.occurredAt), desc(accountAlerts.id))
        .limit(20)
    : [];
  return (row: (typeof rows)[number]) => {
    if (!flagged.includes(row)) return null;
    const update = active.find((a) => a.entityId === row.wabaId) ?? active[0];
    return update ? { ...update, reason: accountUpdateReason(update.event, update.details) } : null;
  };
}

/**
 * The limit figures of each number: one count per portfolio (or per number outside one), so every number of a
 * portfolio shows the same usage and the same upgrade path. Quality is the portfolio's: low when any of its numbers is.
 */
async function portfolioLimits(
  db: TDbOrTx,
  rows: { channelId: string; portfolioId: string | null; qualityRating: string | null; messagingLimitTier: string | null }[],
  now: Date,
) {
  const scopeOf = (row: (typeof rows)[number]) => (row.portfolioId ? `portfolio:${row.portfolioId}` : `number:${row.channelId}`);
  const scopes = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) scopes.set(scopeOf(row), [...(scopes.get(scopeOf(row)) ?? []), row]);
  const figures = new Map<string, { usage: TUsage; upgrade: TUpgradePath; portfolioNumbers: number }>();
  for (const members of scopes.values()) {
    const first = members[0]!;
    const usage = await messagingUsage(db, first.channelId, now);
    const tier = tierOf(first.messagingLimitTier)?.tier ?? null;
    const upgrade = upgradePath(tier, usage.reach, portfolioQualityLow(members.map((m) => m.qualityRating)));
    for (const m of members) figures.set(m.channelId, { usage, upgrade, portfolioNumbers: usage.channelIds.length });
  }
  return figures;
}

/**
 * "Sync now": pulls one number's health and templates from Meta while the admin waits. What failed comes back as
 * Meta's error code (the page words it), never as an error of the call itself: a half-successful sync is still news.
 */
export async function syncNumberNow(db: TDbOrTx, workspace: TWorkspaceContext, channelId: string) {
  const [channel] = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspace.id), eq(channels.type, 'whatsapp')));
  if (!channel) throw new AppError('NOT_FOUND', 'numberNotInWorkspace');
  const result = await syncWhatsAppChannel(db, channel.id);
  if (!result) throw new AppError('CHANNEL_NOT_CONNECTED', 'numberHasNoCredentials');
  const failure = (r: { ok: boolean; code?: number | null }) => (r.ok ? null : { code: r.code ?? null });
  return {
    health: result.health.ok ? { ok: true as const, changed: result.health.changed } : { ok: false as const, ...failure(result.health) },
    templates: result.templates.ok
      ? { ok: true as const, added: result.templates.added, updated: result.templates.updated, removed: result.templates.removed }
      : { ok: false as const, ...failure(result.templates) },
  };
}
