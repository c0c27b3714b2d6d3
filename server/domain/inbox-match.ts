import type { TChannelType } from './channel-types';
import type { TConversationStatus } from './conversation';
import { matchesWindowFilter } from './window';
import { teamIdOfView, type TInboxQuery } from './inbox-query';

export type TMatchableRow = {
  status: TConversationStatus;
  assigneeId: string | null;
  teamId: string | null;
  channelId: string;
  channelType: TChannelType;
  windowClosesAt: Date | null;
  /** Rows carry it; the "Closing soon" view needs it (absent: undecided). */
  waitingSince?: Date | null;
  unreadCount: number;
};

/**
 * Whether a row belongs in a list, decided in the browser when a realtime event changes it, so the row can be
 * moved between lists without refetching them. Tag and search lists cannot be decided here (they depend on data the
 * row does not carry) and return null: the caller refetches those.
 */
export function rowMatchesQuery(row: TMatchableRow, query: TInboxQuery, userId: string, now: Date): boolean | null {
  if (query.q || query.tag) return null;
  if (row.status !== query.status) return false;
  if (query.unread && row.unreadCount === 0) return false;
  // Who was mentioned where is not on the row: decided by the server.
  if (query.view === 'mentions') return null;
  if (query.view === 'closing') {
    // Answered, or its window over: it left the view. Otherwise its place depends on the workspace's lead time.
    if (row.waitingSince === null || row.windowClosesAt === null || row.windowClosesAt <= now) return false;
    return null;
  }
  if (query.view === 'mine' && row.assigneeId !== userId) return false;
  if (query.view === 'unassigned' && row.assigneeId !== null) return false;
  const teamView = teamIdOfView(query.view);
  if (teamView && row.teamId !== teamView) return false;
  if (query.assignee === 'none' && row.assigneeId !== null) return false;
  if (query.assignee && query.assignee !== 'none' && row.assigneeId !== query.assignee) return false;
  if (query.team && row.teamId !== query.team) return false;
  if (query.channel && row.channelId !== query.channel) return false;
  if (query.window && !matchesWindowFilter(row, query.window, now)) return false;
  return true;
}
