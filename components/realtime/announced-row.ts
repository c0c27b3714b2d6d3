import type { TListRow } from '@/components/trpc/types';
import type { TAnnouncedRow } from '@/server/realtime/events';

const at = (value: string | null) => (value === null ? null : new Date(value));

/** An event's list row with its timestamps back as Dates: the same value `conversation.row` would have returned. */
export function reviveRow(row: TAnnouncedRow): TListRow {
  return {
    ...row,
    lastMessageAt: new Date(row.lastMessageAt),
    lastInboundAt: at(row.lastInboundAt),
    waitingSince: at(row.waitingSince),
    windowClosesAt: at(row.windowClosesAt),
    tagClosesAt: at(row.tagClosesAt),
    freeEntryUntil: at(row.freeEntryUntil),
  };
}
