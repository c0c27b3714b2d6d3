import type { TPreviewMedia } from '@/server/domain/media-rules';
import type { TChannelType } from '@/server/domain/channel-types';
import type { TConversationStatus, TMessageDirection } from '@/server/domain/conversation';
import type { TDeliveryStatus } from '@/server/domain/delivery-status';
import { can, type TPermissionActor } from '@/server/domain/permissions';
import type { TFailureData, TFailureKind } from '@/server/domain/delivery-status';

/**
 * Realtime events carry what a browser needs to patch what it shows without asking the server again: a changed
 * conversation comes with its list row and version, and the view counts with the transaction's open-count changes
 * (server/realtime/announce.ts builds both in one statement per transaction). They travel through PostgreSQL
 * NOTIFY, sent right after the writing transaction commits.
 */

/**
 * A conversation's list row as `conversation.list` and `conversation.row` return it, with its timestamps as ISO
 * strings (JSON has no dates; components/realtime/announced-row.ts revives them).
 */
export type TAnnouncedRow = {
  id: string;
  status: TConversationStatus;
  channelId: string;
  channelType: TChannelType;
  channelName: string;
  contactId: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  email: string | null;
  previewText: string | null;
  previewDirection: TMessageDirection | null;
  previewMedia: TPreviewMedia | null;
  lastMessageAt: string;
  cursorAt: string;
  lastInboundAt: string | null;
  waitingSince: string | null;
  windowClosesAt: string | null;
  tagClosesAt: string | null;
  freeEntryUntil: string | null;
  unreadCount: number;
  assigneeId: string | null;
  assigneeName: string | null;
  teamId: string | null;
  version: number;
  displayName: string;
  match: null;
};

/** What a change of conversation carries once announced; absent on events not (yet) announced. */
type TAnnounced = {
  /** The conversation's version after this transaction: one more than the previous event about it. */
  version?: number;
  /**
   * The list row after the change; null for a listener who may no longer see the conversation (it left their
   * lists); absent when it did not fit in a notification (the browser then asks for it).
   */
  row?: TAnnouncedRow | null;
};

/** One open-count change: conversations with this assignee and team, open, went up or down by `delta`. */
export type TOpenCountChange = { assigneeId: string | null; teamId: string | null; delta: number };

type TConversationRef = {
  workspaceId: string;
  conversationId: string;
  /** Who the conversation is assigned to now, and before this change: decides who may hear about it. */
  assigneeId: string | null;
  previousAssigneeId?: string | null;
  /** Who caused it (null: the customer or the system), so nobody is notified of their own actions. */
  actorId?: string | null;
};

export type TRealtimeEvent =
  | ({ type: 'conversation.changed' } & TConversationRef & TAnnounced)
  /** `line`: a timeline line of the customer's side (opened the chat, a system notice), not a message they wrote. */
  | ({ type: 'message.created'; messageId: number; line?: true } & TConversationRef & TAnnounced)
  /**
   * A message changed in place (the customer reacted to it, edited or deleted it): open panes fetch it again, through
   * message.list, so each reader gets only what their role may read of it.
   */
  | ({ type: 'message.changed'; messageId: number } & TConversationRef)
  /** `failure` comes with a failed status: open panes show the reason and, when it is transient, the Retry button. */
  | ({
      type: 'message.status';
      messageId: number;
      status: TDeliveryStatus;
      failure?: { code: string; kind: TFailureKind; data: TFailureData | null };
    } & TConversationRef)
  /** Many conversations changed at once (bulk actions): clients refetch what they show instead of patching rows. */
  | {
      type: 'conversations.bulk';
      workspaceId: string;
      /** null: the system (the idle sweeper). */
      actorId: string | null;
      assigneeIds: (string | null)[];
      newAssigneeId: string | null;
      count: number;
      /** The conversations it changed, as queued: announce() sends their new versions instead (conversations.versions). */
      conversationIds?: string[];
    }
  /**
   * New versions of conversations a bulk action changed, sent just before its `conversations.bulk` (in chunks that
   * fit a notification): a tab remembers them, so an event of an older version arriving late is ignored rather
   * than putting back a row the bulk action removed from a list.
   */
  | { type: 'conversations.versions'; workspaceId: string; versions: [string, number][] }
  /**
   * A transaction changed open counts (opened, closed, assigned, moved conversations): browsers adjust their view
   * counts. `txid` tells a browser whether the counts it fetched already include it (see counts-snapshot.ts);
   * `changes` null means too many to carry: refetch.
   */
  | { type: 'counts.changed'; workspaceId: string; txid: string; changes: TOpenCountChange[] | null }
  /** A WhatsApp number's quality, status or limit changed. */
  | { type: 'number.changed'; workspaceId: string; channelId: string }
  /**
   * Meta's account_update put a WABA's numbers into a state an admin must act on (a restriction, a ban, an
   * offboarding...): admins online get an alert toast (only they may hear it). `reason` is the catalog key of
   * numbers.accountUpdates.events (null: an event we have no words for; `event` is then shown as Meta sent it).
   */
  | TAccountUpdatedEvent
  /** A number's templates changed (sync or a template webhook): open template pickers refetch. */
  | { type: 'templates.changed'; workspaceId: string; channelId: string }
  /**
   * An admin saved the workspace settings: each instance applies `agentsSeeAll` to its sockets of the workspace before
   * filtering anything else, and open tabs refetch what they show (permissions, lists, counts, formats).
   */
  | { type: 'workspace.settingsChanged'; workspaceId: string; agentsSeeAll: boolean }
  /**
   * A waiting customer's window closes soon (the closing-soon sweeper claimed this alert once for all instances):
   * only `userIds` hear it (the assignee; unassigned: the team's members, supervisors and admins).
   */
  | TClosingSoonEvent
  /**
   * A note mentioned people (services/mentions/record.ts): only `userIds` hear it, those mentioned who may see the
   * conversation; their toast names the author and the contact and opens the conversation.
   */
  | TMentionEvent;

export type TMentionEvent = {
  type: 'mention.created';
  workspaceId: string;
  conversationId: string;
  messageId: number;
  userIds: string[];
  authorName: string;
  contactName: string;
};

export type TAccountUpdatedEvent = {
  type: 'account.updated';
  workspaceId: string;
  alertId: number;
  event: string;
  reason: string | null;
  details: Record<string, string | string[]>;
  /** When a restriction lifts (ISO 8601), when Meta says. */
  expiresAt: string | null;
};

export type TClosingSoonEvent = {
  type: 'window.closingSoon';
  workspaceId: string;
  conversationId: string;
  userIds: string[];
  contactName: string;
  /** The window's end (ISO 8601), and the whole minutes left when the alert was claimed. */
  closesAt: string;
  minutesLeft: number;
  /** The lead stage alerted (minutes). */
  lead: number;
};

/** Agents restricted to Mine + Unassigned hear only about conversations that are, or just were, theirs or nobody's. */
export function mayHear(listener: TPermissionActor, event: TRealtimeEvent): boolean {
  // Addressed to people, whatever they may see otherwise.
  if (event.type === 'window.closingSoon' || event.type === 'mention.created') return event.userIds.includes(listener.userId);
  if (event.type === 'account.updated') return can(listener, 'number.manage');
  if (can(listener, 'conversation.seeAll')) return true;
  if (
    event.type === 'conversations.bulk' ||
    event.type === 'conversations.versions' ||
    event.type === 'number.changed' ||
    event.type === 'templates.changed' ||
    event.type === 'workspace.settingsChanged'
  ) {
    return true;
  }
  if (event.type === 'counts.changed') return event.changes === null || event.changes.some((c) => visibleTo(listener, c.assigneeId));
  return visibleTo(listener, event.assigneeId) || (event.previousAssigneeId !== undefined && visibleTo(listener, event.previousAssigneeId));
}

const visibleTo = (listener: TPermissionActor, assigneeId: string | null) => can(listener, 'conversation.view', { assigneeId });

/**
 * The part of an event a listener who may hear it (mayHear) may see: a restricted agent gets no row of a
 * conversation that just left their sight (only that it left), and only the count changes of their own and
 * unassigned conversations. Returns the event itself when nothing is hidden, so listeners alike share one encoding.
 */
export function visiblePart(listener: TPermissionActor, event: TRealtimeEvent): TRealtimeEvent {
  if (can(listener, 'conversation.seeAll')) return event;
  if (event.type === 'counts.changed') {
    if (event.changes === null || event.changes.every((c) => visibleTo(listener, c.assigneeId))) return event;
    return { ...event, changes: event.changes.filter((c) => visibleTo(listener, c.assigneeId)) };
  }
  if ((event.type === 'conversation.changed' || event.type === 'message.created') && event.row && !visibleTo(listener, event.assigneeId)) {
    return { ...event, row: null };
  }
  return event;
}

export const REALTIME_CHANNEL = 'nafidha_events';

export const workspaceRoom = (workspaceId: string) => `workspace:${workspaceId}`;

/** Events the server sends to browsers over socket.io. */
export type TServerToClientEvents = {
  event: (event: TRealtimeEvent) => void;
  ready: (info: { workspaceId: string }) => void;
};
export type TClientToServerEvents = Record<string, never>;
