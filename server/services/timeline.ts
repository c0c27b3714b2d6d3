import type { TDbOrTx } from '@/db/client';
import { conversationEvents, messages } from '@/db/schema';

export type TEventType = 'opened' | 'closed' | 'assigned' | 'unassigned' | 'team_assigned' | 'team_unassigned';

export type TTimelineEvent = {
  workspaceId: string;
  conversation: { id: string; channelId: string };
  actorId: string | null;
  type: TEventType;
  text: string;
  assigneeId?: string | null;
  teamId?: string | null;
  details?: Record<string, unknown>;
  /** The values the browser needs to show this line in its reader's language (catalog `timeline.<type>`). */
  params?: Record<string, string>;
};

/**
 * Records lifecycle changes twice, on purpose: in the audit trail (conversation_events: who, what, when) and as the
 * timeline lines agents read ("Assigned to Omar by Lina"). `actorId` is null when the customer caused it. `text` is
 * the English line (search, exports); browsers render `params` through their own catalog. Many events (a batch of
 * reopened conversations) cost two statements, like one.
 */
export async function recordEvents(tx: TDbOrTx, events: TTimelineEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(conversationEvents).values(
    events.map((e) => ({
      workspaceId: e.workspaceId,
      conversationId: e.conversation.id,
      type: e.type,
      actorId: e.actorId,
      assigneeId: e.assigneeId ?? null,
      teamId: e.teamId ?? null,
      details: e.details ?? null,
    })),
  );
  await tx.insert(messages).values(
    events.map((e) => ({
      workspaceId: e.workspaceId,
      conversationId: e.conversation.id,
      channelId: e.conversation.channelId,
      direction: 'system' as const,
      kind: 'event' as const,
      body: e.text,
      authorId: e.actorId,
      payload: { event: e.type, assigneeId: e.assigneeId ?? null, teamId: e.teamId ?? null, params: e.params ?? {} },
    })),
  );
}

export async function recordEvent(
  tx: TDbOrTx,
  workspaceId: string,
  conversation: { id: string; channelId: string },
  actorId: string | null,
  type: TEventType,
  text: string,
  extra: Pick<TTimelineEvent, 'assigneeId' | 'teamId' | 'details' | 'params'> = {},
): Promise<void> {
  await recordEvents(tx, [{ workspaceId, conversation, actorId, type, text, ...extra }]);
}
