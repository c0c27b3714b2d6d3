import type { TDbOrTx } from '@/db/client';
import { conversationEvents, messages } from '@/db/schema';

export type TEventType = 'opened' | 'closed' | 'assigned' | 'unassigned' | 'team_assigned' | 'team_unassigned';

/**
 * Records a lifecycle change twice, on purpose: in the audit trail (conversation_events: who, what, when) and as
 * the timeline line agents read ("Assigned to Omar by Lina"). `actorId` is null when the customer caused it.
 * `text` is the English line (search, exports); browsers render `params` through their own catalog.
 */
export async function recordEvent(
  tx: TDbOrTx,
  workspaceId: string,
  conversation: { id: string; channelId: string },
  actorId: string | null,
  type: TEventType,
  text: string,
  extra: {
    assigneeId?: string | null;
    teamId?: string | null;
    details?: Record<string, unknown>;
    /** The values the browser needs to show this line in its reader's language (catalog `timeline.<type>`). */
    params?: Record<string, string>;
  } = {},
): Promise<void> {
  await tx.insert(conversationEvents).values({
    workspaceId,
    conversationId: conversation.id,
    type,
    actorId,
    assigneeId: extra.assigneeId ?? null,
    teamId: extra.teamId ?? null,
    details: extra.details ?? null,
  });
  await tx.insert(messages).values({
    workspaceId,
    conversationId: conversation.id,
    channelId: conversation.channelId,
    direction: 'system',
    kind: 'event',
    body: text,
    authorId: actorId,
    payload: { event: type, assigneeId: extra.assigneeId ?? null, teamId: extra.teamId ?? null, params: extra.params ?? {} },
  });
}
