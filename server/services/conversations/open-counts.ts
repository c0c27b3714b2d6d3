import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { logger } from '@/server/logger';

/**
 * Past this many delta rows for a workspace, a reader folds them into one row per (assignee, team). Small enough that
 * a read sums a few hundred rows at most (well under a millisecond), large enough that folding is rare under load.
 */
export const COMPACT_AFTER_ROWS = 256;

export type TOpenCounts = {
  mine: number;
  unassigned: number;
  all: number;
  teams: Map<string, number>;
  rows: number;
  /** The snapshot the counts were read in (pg_snapshot text): which transactions they include. */
  snapshot: string;
};

/**
 * Open conversations of a workspace, from the deltas the triggers on `conversations` keep (migrations 0004, 0008): Mine,
 * Unassigned, All and the given teams in one read of a small table, whatever the number of open conversations.
 * Folds the deltas in the background when they have piled up.
 */
export async function readOpenCounts(db: TDbOrTx, workspaceId: string, userId: string, teamIds: string[]): Promise<TOpenCounts> {
  // The snapshot comes from the same statement as the sums, so it names exactly the transactions they include.
  const rows = await db.execute<{
    assignee_id: string | null;
    team_id: string | null;
    open: number | null;
    rows: number | null;
    snapshot: string;
  }>(sql`
    select d.assignee_id, d.team_id, d.open, d.rows, s.snapshot
    from (select pg_current_snapshot()::text as snapshot) s
    left join (
      select assignee_id, team_id, sum(delta)::int as open, count(*)::int as rows
      from conversation_open_counts where workspace_id = ${workspaceId}
      group by assignee_id, team_id) d on true`);
  const counts: TOpenCounts = {
    mine: 0,
    unassigned: 0,
    all: 0,
    teams: new Map(teamIds.map((id) => [id, 0])),
    rows: 0,
    snapshot: rows[0]!.snapshot,
  };
  for (const row of rows) {
    if (row.open === null || row.rows === null) continue;
    counts.rows += row.rows;
    counts.all += row.open;
    if (row.assignee_id === userId) counts.mine += row.open;
    if (row.assignee_id === null) counts.unassigned += row.open;
    if (row.team_id && counts.teams.has(row.team_id)) counts.teams.set(row.team_id, counts.teams.get(row.team_id)! + row.open);
  }
  if (counts.rows > COMPACT_AFTER_ROWS) {
    void compactOpenCounts(db, workspaceId).catch((error: unknown) =>
      logger.warn({ err: error, workspaceId }, 'folding open counts failed'),
    );
  }
  return counts;
}

/**
 * Replaces a workspace's deltas by their sums, one row per (assignee, team), dropping keys that net to zero. One
 * statement: readers see the rows before or after, never half. Deltas committed meanwhile are not in the DELETE's
 * snapshot and stay as they are; a second folder at the same moment skips the workspace (advisory lock).
 */
export async function compactOpenCounts(db: TDbOrTx, workspaceId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [lock] = await tx.execute<{ ok: boolean }>(
      sql`select pg_try_advisory_xact_lock(hashtextextended('conversation_open_counts:' || ${workspaceId}, 0)) as ok`,
    );
    if (!lock?.ok) return false;
    await tx.execute(sql`
      with folded as (
        delete from conversation_open_counts where workspace_id = ${workspaceId}
        returning assignee_id, team_id, delta)
      insert into conversation_open_counts (workspace_id, assignee_id, team_id, delta)
      select ${workspaceId}::uuid, assignee_id, team_id, sum(delta) from folded
      group by assignee_id, team_id having sum(delta) <> 0`);
    return true;
  });
}

/** Folds every workspace whose deltas have piled up (the periodic job: ingest writes deltas even when nobody reads). */
export async function foldBusyOpenCounts(db: TDbOrTx): Promise<number> {
  const busy = await db.execute<{ workspace_id: string }>(sql`
    select workspace_id from conversation_open_counts group by workspace_id having count(*) > ${COMPACT_AFTER_ROWS}`);
  for (const { workspace_id: workspaceId } of busy) await compactOpenCounts(db, workspaceId);
  return busy.length;
}
