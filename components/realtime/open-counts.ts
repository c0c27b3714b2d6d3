import type { TRouterOutputs } from '@/components/trpc/types';
import type { TOpenCountChange } from '@/server/realtime/events';

export type TViewCounts = TRouterOutputs['conversation']['counts'];

/**
 * Whether a transaction is included in counts read in `snapshot` (PostgreSQL's pg_snapshot text, "xmin:xmax:xip,...";
 * the same rule as pg_visible_in_snapshot): committed before the snapshot was taken, so its count changes are in.
 */
export function snapshotIncludes(snapshot: string, txid: string): boolean {
  const [xmin, xmax, xip = ''] = snapshot.split(':');
  const id = BigInt(txid);
  if (id < BigInt(xmin!)) return true;
  if (id >= BigInt(xmax!)) return false;
  return !xip.split(',').some((x) => x !== '' && BigInt(x) === id);
}

/**
 * The view counts after some open-count changes, as this user counts them: Mine is their own, Unassigned nobody's,
 * All everything (for those who see it), a team view its team's. A restricted agent's events carry only changes of
 * their own and unassigned conversations, and their counts have neither All nor teams.
 */
export function applyCountChanges(counts: TViewCounts, changes: TOpenCountChange[], userId: string): TViewCounts {
  let { mine, unassigned, all } = counts;
  const teams = counts.teams.map((team) => ({ ...team }));
  for (const change of changes) {
    if (change.assigneeId === userId) mine += change.delta;
    if (change.assigneeId === null) unassigned += change.delta;
    if (all !== null) all += change.delta;
    for (const team of teams) if (team.id === change.teamId) team.count += change.delta;
  }
  return { ...counts, mine, unassigned, all, teams };
}

const MAX_REMEMBERED = 2000;

/**
 * The count changes a tab heard, kept until counts it fetched include them. Counts fetched while an event was on
 * its way (or answered after it arrived) may or may not include it; the snapshot they carry says which, so every
 * change is counted exactly once: added to the cached counts when they lack it, and again to every fetched
 * result that lacks it.
 */
export function createCountsLedger(userId: string) {
  let heard: { txid: string; changes: TOpenCountChange[] }[] = [];
  return {
    /** A change heard live; returns the counts to show now (or null: leave them, a fetch in flight will settle it). */
    heard(txid: string, changes: TOpenCountChange[], cached: TViewCounts | undefined, fetching: boolean): TViewCounts | null {
      heard.push({ txid, changes });
      if (heard.length > MAX_REMEMBERED) heard = heard.slice(-MAX_REMEMBERED);
      if (!cached || fetching || snapshotIncludes(cached.snapshot, txid)) return null;
      return applyCountChanges(cached, changes, userId);
    },
    /** Counts just fetched, plus the changes heard that they do not include yet; forgets the ones they do. */
    fetched(counts: TViewCounts): TViewCounts {
      heard = heard.filter((entry) => !snapshotIncludes(counts.snapshot, entry.txid));
      return heard.reduce((result, entry) => applyCountChanges(result, entry.changes, userId), counts);
    },
  };
}
