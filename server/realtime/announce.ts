import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { displayName } from '@/server/services/inbox';
import type { TAnnouncedRow, TOpenCountChange, TRealtimeEvent } from './events';

/**
 * The one statement a transaction runs to announce its changes, just before it commits: it bumps the version of
 * every conversation its events are about (once per transaction, whatever it changed), returns their list rows as
 * the list query shapes them, the transaction id, and the open-count changes its statements noted (the triggers of
 * migration 0006). $1: a JSON array of conversation ids. Whatever the number of listeners, a transaction costs this
 * one statement; nobody asks for the row again.
 */
export const ANNOUNCE_STATEMENT = `
  with bumped as (
    update conversations c set version = c.version + 1
    where c.id = any(array(select json_array_elements_text($1::json)::uuid))
    returning c.*)
  select
    (select coalesce(json_agg(json_build_object(
        'id', b.id, 'status', b.status, 'channelId', b.channel_id, 'channelType', b.channel_type, 'channelName', ch.name,
        'contactId', ct.id, 'firstName', ct.first_name, 'lastName', ct.last_name, 'phone', ct.phone, 'email', ct.email,
        'previewText', b.preview_text, 'previewDirection', b.preview_direction, 'lastMessageAt', b.last_message_at,
        'cursorAt', to_char(b.last_message_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'lastInboundAt', b.last_inbound_at, 'waitingSince', b.waiting_since, 'windowClosesAt', b.window_closes_at,
        'tagClosesAt', b.tag_closes_at, 'unreadCount', b.unread_count, 'assigneeId', b.assignee_id, 'assigneeName', u.name,
        'teamId', b.team_id, 'version', b.version)), '[]')::text
      from bumped b
      join contacts ct on ct.id = b.contact_id
      join channels ch on ch.id = b.channel_id
      left join users u on u.id = b.assignee_id) as rows,
    pg_current_xact_id()::text as txid,
    coalesce(nullif(current_setting('nafidha.open_count_changes', true), ''), '[]') as counts`;

export type TAnnounceResult = { rows: string; txid: string; counts: string };

type TRawRow = Omit<TAnnouncedRow, 'displayName' | 'match'>;

const TIMESTAMPS = ['lastMessageAt', 'lastInboundAt', 'waitingSince', 'windowClosesAt', 'tagClosesAt'] as const;

/** The statement through Drizzle (transactions of the services); ingest sends the same text on its own connection. */
export async function runAnnounce(db: TDbOrTx, conversationIds: string[]): Promise<TAnnounceResult> {
  const [before, after] = ANNOUNCE_STATEMENT.split('$1');
  const [result] = await db.execute<TAnnounceResult>(sql.join([sql.raw(before!), sql`${JSON.stringify(conversationIds)}`, sql.raw(after!)]));
  return result!;
}

/** The conversations an announcement needs rows for: those of its conversation and message events. */
export function announcedConversations(events: TRealtimeEvent[]): string[] {
  return [
    ...new Set(
      events.flatMap((e) => (e.type === 'conversation.changed' || e.type === 'message.created' ? [e.conversationId] : [])),
    ),
  ];
}

/** Whether a transaction's events need the announce statement at all (numbers and templates do not). */
export function needsAnnounce(events: TRealtimeEvent[]): boolean {
  return events.some((e) => e.type === 'conversation.changed' || e.type === 'message.created' || e.type === 'conversations.bulk');
}

/**
 * The events as sent: each conversation event with its row and version, followed by one `counts.changed` per
 * workspace whose open counts the transaction changed (summed per assignee and team, zeros dropped).
 */
export function announce(events: TRealtimeEvent[], result: TAnnounceResult): TRealtimeEvent[] {
  const rows = new Map(
    (JSON.parse(result.rows) as TRawRow[]).map((raw) => {
      const row = { ...raw, displayName: displayName(raw), match: null } as TAnnouncedRow;
      // JSON timestamps carry microseconds; rows read through Drizzle are JS Dates (milliseconds).
      for (const key of TIMESTAMPS) if (row[key] !== null) row[key] = new Date(row[key]).toISOString();
      return [row.id, row] as const;
    }),
  );
  const sent = events.map((event) => {
    if (event.type !== 'conversation.changed' && event.type !== 'message.created') return event;
    const row = rows.get(event.conversationId);
    return row ? { ...event, version: row.version, row } : event;
  });
  const byWorkspace = new Map<string, Map<string, TOpenCountChange>>();
  for (const [workspaceId, assigneeId, teamId, delta] of JSON.parse(result.counts) as [string, string | null, string | null, number][]) {
    const changes = byWorkspace.get(workspaceId) ?? new Map<string, TOpenCountChange>();
    const key = `${assigneeId}|${teamId}`;
    const change = changes.get(key) ?? { assigneeId, teamId, delta: 0 };
    change.delta += delta;
    changes.set(key, change);
    byWorkspace.set(workspaceId, changes);
  }
  for (const [workspaceId, changes] of byWorkspace) {
    const nonZero = [...changes.values()].filter((c) => c.delta !== 0);
    if (nonZero.length > 0) sent.push({ type: 'counts.changed', workspaceId, txid: result.txid, changes: nonZero });
  }
  return sent;
}
