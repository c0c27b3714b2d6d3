import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { displayName } from '@/server/services/conversations/list-row';
import { listRowJson } from '@/server/services/conversations/list-row';
import type { TAnnouncedRow, TOpenCountChange, TRealtimeEvent } from './events';

/**
 * The one statement a transaction runs to announce its changes, just before it commits: it bumps the version of
 * every conversation its events are about (once per transaction, whatever it changed), returns the list rows of
 * those its conversation events name (built from the list's own column definition, list-row.ts), the new versions
 * of those a bulk action changed, the transaction id, and the open-count changes its statements noted (the
 * trigger of migration 0008). $1: a JSON array of the conversation ids that need rows; $2: of those that need only
 * versions. Whatever the number of listeners, a transaction costs this one statement; nobody asks for a row again.
 */
const announceStatement = (bumped: string) => `
  with wanted as (
    select json_array_elements_text($1::json)::uuid as id, true as with_row
    union all
    select json_array_elements_text($2::json)::uuid, false),
  bumped as (${bumped})
  select
    (select coalesce(json_agg(${listRowJson()}), '[]')::text
      from bumped "conversations"
      join contacts on contacts.id = "conversations".contact_id
      join channels on channels.id = "conversations".channel_id
      left join users "assignee" on "assignee".id = "conversations".assignee_id
      where "conversations".id = any(array(select id from wanted where with_row))) as rows,
    (select coalesce(json_agg(json_build_array(b.id, b.version)), '[]')::text
      from bumped b where b.id = any(array(select id from wanted where not with_row))) as versions,
    pg_current_xact_id()::text as txid,
    coalesce(nullif(current_setting('nafidha.open_count_changes', true), ''), '[]') as counts`;

export const ANNOUNCE_STATEMENT = announceStatement(
  'update conversations c set version = c.version + 1 where c.id = any(array(select id from wanted)) returning c.*',
);

/**
 * Ingest's variant: its list-fields UPDATE (ingest-statements.ts) already bumps the version of every conversation it
 * announces, so each row is written once per batch instead of twice (a second UPDATE, and a second run of the
 * statement trigger, cost webhook ingest about a quarter of its throughput).
 */
export const ANNOUNCE_BUMPED_STATEMENT = announceStatement(
  'select c.* from conversations c where c.id = any(array(select id from wanted))',
);

export type TAnnounceResult = { rows: string; versions: string; txid: string; counts: string };

type TRawRow = Omit<TAnnouncedRow, 'displayName' | 'match'>;

/** About 50 bytes each: 120 fit a notification (under 8000 bytes) with room to spare. */
const VERSIONS_PER_EVENT = 120;

const TIMESTAMPS = ['lastMessageAt', 'lastInboundAt', 'waitingSince', 'windowClosesAt', 'tagClosesAt'] as const;

/** The conversations an announcement needs: rows for its conversation and message events, versions for bulk ones. */
export type TAnnounced = { withRows: string[]; versionsOnly: string[] };

/** The statement through Drizzle (transactions of the services); ingest sends the same text on its own connection. */
export async function runAnnounce(db: TDbOrTx, wanted: TAnnounced): Promise<TAnnounceResult> {
  const [before, middle, after] = ANNOUNCE_STATEMENT.split(/\$[12]/);
  const [result] = await db.execute<TAnnounceResult>(
    sql.join([
      sql.raw(before!),
      sql`${JSON.stringify(wanted.withRows)}`,
      sql.raw(middle!),
      sql`${JSON.stringify(wanted.versionsOnly)}`,
      sql.raw(after!),
    ]),
  );
  return result!;
}

export function announcedConversations(events: TRealtimeEvent[]): TAnnounced {
  const withRows = new Set(
    events.flatMap((e) => (e.type === 'conversation.changed' || e.type === 'message.created' ? [e.conversationId] : [])),
  );
  const versionsOnly = new Set(events.flatMap((e) => (e.type === 'conversations.bulk' ? (e.conversationIds ?? []) : [])));
  for (const id of withRows) versionsOnly.delete(id);
  return { withRows: [...withRows], versionsOnly: [...versionsOnly] };
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
  const versions = JSON.parse(result.versions) as [string, number][];
  for (const row of rows.values()) versions.push([row.id, row.version]);
  const sent = events.flatMap((event): TRealtimeEvent[] => {
    if (event.type === 'conversations.bulk') {
      const { conversationIds = [], ...bulk } = event;
      const changed = new Set(conversationIds);
      const own = versions.filter(([id]) => changed.has(id));
      // The versions go first: by the time the bulk event makes a tab refetch, it knows them.
      const chunks = Array.from({ length: Math.ceil(own.length / VERSIONS_PER_EVENT) }, (_, i) =>
        own.slice(i * VERSIONS_PER_EVENT, (i + 1) * VERSIONS_PER_EVENT),
      );
      return [...chunks.map((chunk) => ({ type: 'conversations.versions' as const, workspaceId: event.workspaceId, versions: chunk })), bulk];
    }
    if (event.type !== 'conversation.changed' && event.type !== 'message.created') return [event];
    const row = rows.get(event.conversationId);
    return [row ? { ...event, version: row.version, row } : event];
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
