/**
 * Realtime events are small "this changed" hints; clients patch or refetch what they show.
 * They travel through PostgreSQL NOTIFY, which is delivered only when the writing transaction commits.
 */
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
  | ({ type: 'conversation.changed' } & TConversationRef)
  | ({ type: 'message.created'; messageId: number } & TConversationRef)
  | ({ type: 'message.status'; messageId: number; status: 'queued' | 'sent' | 'delivered' | 'read' | 'failed' } & TConversationRef)
  /** Many conversations changed at once (bulk actions): clients refetch what they show instead of patching rows. */
  | {
      type: 'conversations.bulk';
      workspaceId: string;
      actorId: string;
      assigneeIds: (string | null)[];
      newAssigneeId: string | null;
      count: number;
    }
  /** A WhatsApp number's quality, status or limit changed. */
  | { type: 'number.changed'; workspaceId: string; channelId: string }
  /** A number's templates changed (sync or a template webhook): open template pickers refetch. */
  | { type: 'templates.changed'; workspaceId: string; channelId: string };

/** Agents restricted to Mine + Unassigned hear only about conversations that are, or just were, theirs or nobody's. */
export function mayHear(listener: { userId: string; seesAll: boolean }, event: TRealtimeEvent): boolean {
  if (listener.seesAll) return true;
  if (event.type === 'conversations.bulk' || event.type === 'number.changed' || event.type === 'templates.changed') return true;
  const visible = (assigneeId: string | null | undefined) => assigneeId === null || assigneeId === listener.userId;
  return visible(event.assigneeId) || (event.previousAssigneeId !== undefined && visible(event.previousAssigneeId));
}

export const REALTIME_CHANNEL = 'nafidha_events';

export const workspaceRoom = (workspaceId: string) => `workspace:${workspaceId}`;

/** Events the server sends to browsers over socket.io. */
export type TServerToClientEvents = {
  event: (event: TRealtimeEvent) => void;
  ready: (info: { workspaceId: string }) => void;
};
export type TClientToServerEvents = Record<string, never>;
