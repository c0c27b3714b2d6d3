import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import { CLOSING_ALERT_MINUTES_DEFAULT, closingSoonHorizonMinutes } from '@/server/domain/closing-alerts';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { visibleConversations } from './visibility';

/** The count stops here: the link says "1,000+" rather than count a crowd nobody can work through in an hour. */
export const CLOSING_SOON_COUNT_CAP = 1000;

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** How far ahead the view reaches: the workspace's first (largest) lead time, in milliseconds. */
export function closingSoonHorizonMs(workspace: TWorkspaceContext): number {
  return closingSoonHorizonMinutes(workspace.settings.closingAlertMinutes ?? CLOSING_ALERT_MINUTES_DEFAULT) * 60_000;
}

/**
 * The "Closing soon" view: waiting customers (their message is the last) whose window closes after `asOf` and within
 * the horizon. A bounded range of conversations_window_idx (workspace, status, window_closes_at), however big the
 * workspace.
 */
export function closingSoonConditions(workspace: TWorkspaceContext, asOf: Date): SQL[] {
  const until = new Date(asOf.getTime() + closingSoonHorizonMs(workspace));
  return [
    isNotNull(conversations.waitingSince),
    sql`${conversations.windowClosesAt} > ${at(asOf)}`,
    sql`${conversations.windowClosesAt} <= ${at(until)}`,
  ];
}

/** The link's count, within what the caller may see; capped, so it stays a short range read. */
export async function countClosingSoon(db: TDbOrTx, workspace: TWorkspaceContext, userId: string) {
  const asOf = new Date();
  const where = and(visibleConversations(workspace, userId), eq(conversations.status, 'open'), ...closingSoonConditions(workspace, asOf));
  const [row] = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select 1 from ${conversations} where ${where} limit ${CLOSING_SOON_COUNT_CAP + 1}) as capped`);
  const n = row?.n ?? 0;
  return { count: Math.min(n, CLOSING_SOON_COUNT_CAP), capped: n > CLOSING_SOON_COUNT_CAP, asOf };
}
