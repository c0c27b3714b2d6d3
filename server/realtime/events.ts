/**
 * Realtime events are small "this changed" hints; clients patch or refetch what they show.
 * They travel through PostgreSQL NOTIFY, which is delivered only when the writing transaction commits.
 */
export type TRealtimeEvent =
  | { type: 'conversation.changed'; workspaceId: string; conversationId: string; assigneeId: string | null }
  | { type: 'message.created'; workspaceId: string; conversationId: string; messageId: number }
  | { type: 'message.status'; workspaceId: string; conversationId: string; messageId: number; status: string };

export const REALTIME_CHANNEL = 'nafidha_events';

export const workspaceRoom = (workspaceId: string) => `workspace:${workspaceId}`;

/** Events the server sends to browsers over socket.io. */
export type TServerToClientEvents = {
  event: (event: TRealtimeEvent) => void;
  ready: (info: { workspaceId: string }) => void;
};
export type TClientToServerEvents = Record<string, never>;
