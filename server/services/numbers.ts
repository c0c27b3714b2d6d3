import { and, desc, eq, inArray } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channels, numberHealth, numberHealthHistory } from '@/db/schema';
import { messagingUsage } from './messaging-limits';
import type { TWorkspaceContext } from './workspaces';

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
      displayPhoneNumber: numberHealth.displayPhoneNumber,
      verifiedName: numberHealth.verifiedName,
      qualityRating: numberHealth.qualityRating,
      status: numberHealth.status,
      messagingLimitTier: numberHealth.messagingLimitTier,
      lastSyncedAt: numberHealth.lastSyncedAt,
    })
    .from(channels)
    .leftJoin(numberHealth, eq(numberHealth.channelId, channels.id))
    .where(and(eq(channels.workspaceId, workspace.id), eq(channels.type, 'whatsapp')))
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
  const now = new Date();
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      qualityRating: row.qualityRating ?? 'UNKNOWN',
      usage: await messagingUsage(db, row.channelId, now),
      history: history
        .filter((h) => h.channelId === row.channelId)
        .slice(0, 5)
        .map((h) => ({ ...h, changes: h.changes as Record<string, [unknown, unknown]> })),
    })),
  );
}
