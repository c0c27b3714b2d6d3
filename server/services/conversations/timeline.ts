import type postgres from 'postgres';
import { pgOf, send, type TDbOrTx } from '@/db/client';
import type { TConversationEventType } from '@/server/domain/conversation';
import { englishTimelineLine } from '@/server/i18n/english';

export type TEventType = TConversationEventType;

export type TTimelineEvent = {
  workspaceId: string;
  conversation: { id: string; channelId: string };
  actorId: string | null;
  type: TEventType;
  assigneeId?: string | null;
  teamId?: string | null;
  details?: Record<string, unknown>;
  /** The values the line is said with (catalog `timeline.<type>`): browsers in their reader's language, the body in English. */
  params?: Record<string, string>;
};

// Both records in one statement: the audit rows, then the timeline lines, from the same JSON rows.
const INSERT_EVENTS_AND_LINES = `
  with audit as (
    insert into conversation_events (workspace_id, conversation_id, type, actor_id, assignee_id, team_id, details)
    select x.workspace_id, x.conversation_id, x.type::conversation_event_type, x.actor_id, x.assignee_id, x.team_id, x.details
    from json_to_recordset($1::json) as x(workspace_id uuid, conversation_id uuid, type text, actor_id uuid, assignee_id uuid,
      team_id uuid, details jsonb, n int)
    order by x.n)
  insert into messages (workspace_id, conversation_id, channel_id, direction, kind, body, author_id, payload)
  select x.workspace_id, x.conversation_id, x.channel_id, 'system', 'event', x.body, x.actor_id, x.payload
  from json_to_recordset($1::json) as x(workspace_id uuid, conversation_id uuid, channel_id uuid, body text, actor_id uuid,
    payload jsonb, n int)
  order by x.n`;

/**
 * Records lifecycle changes twice, on purpose: in the audit trail (conversation_events: who, what, when) and as the
 * timeline lines agents read ("Assigned to Omar by Lina"). `actorId` is null when the customer caused it. The body
 * is the English line (search, exports), rendered from the en catalog; browsers render `params` through their own. Many events (a batch of
 * reopened conversations) cost one statement, like one. It is sent at once, so a caller that issues its next
 * statements before awaiting this pipelines them all, and the lines still get lower ids than what follows.
 */
export function recordEvents(tx: TDbOrTx, events: TTimelineEvent[]): Promise<void> {
  return writeTimeline(pgOf(tx), events);
}

/** recordEvents on a postgres.js handle in a transaction (webhook ingest runs its own, without Drizzle). */
export function writeTimeline(q: postgres.Sql, events: TTimelineEvent[]): Promise<void> {
  if (events.length === 0) return Promise.resolve();
  const rows = events.map((e, n) => ({
    n,
    workspace_id: e.workspaceId,
    conversation_id: e.conversation.id,
    channel_id: e.conversation.channelId,
    type: e.type,
    actor_id: e.actorId,
    assignee_id: e.assigneeId ?? null,
    team_id: e.teamId ?? null,
    details: e.details ?? null,
    body: englishTimelineLine(e.type, e.params ?? {}),
    payload: { event: e.type, assigneeId: e.assigneeId ?? null, teamId: e.teamId ?? null, params: e.params ?? {} },
  }));
  return send(q, INSERT_EVENTS_AND_LINES, [JSON.stringify(rows)]).then(() => undefined);
}

export async function recordEvent(
  tx: TDbOrTx,
  workspaceId: string,
  conversation: { id: string; channelId: string },
  actorId: string | null,
  type: TEventType,
  extra: Pick<TTimelineEvent, 'assigneeId' | 'teamId' | 'details' | 'params'> = {},
): Promise<void> {
  await recordEvents(tx, [{ workspaceId, conversation, actorId, type, ...extra }]);
}
