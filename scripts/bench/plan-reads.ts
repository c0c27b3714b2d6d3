/**
 * How many rows each scan of an EXPLAIN ANALYZE plan (text format) read: the rows it returned plus those its filter
 * or recheck removed, times its loops. bench:explain fails a statement whose scan reads a share of the workspace
 * (issue 18: a search plan that sequentially hashes every closed conversation, or walks the whole view, must fail
 * even when it avoids "Seq Scan").
 */
export type TScanRead = { node: string; rows: number };

const ACTUAL = /\(actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)\)/;
const REMOVED = /Rows Removed by (?:Filter|Index Recheck|Join Filter): (\d+)/;

export function scanReads(plan: string): TScanRead[] {
  const reads: TScanRead[] = [];
  let current: { node: string; rows: number; loops: number } | null = null;
  const flush = () => {
    if (current && /Scan/.test(current.node)) reads.push({ node: current.node, rows: current.rows * current.loops });
  };
  for (const line of plan.split('\n')) {
    const actual = ACTUAL.exec(line);
    if (actual) {
      flush();
      const node = line.replace(/^\s*(->\s*)?/, '').replace(/\s*\(cost=.*$/, '').replace(/\s*\(actual.*$/, '');
      current = { node, rows: Number(actual[1]), loops: Number(actual[2]) };
      continue;
    }
    const removed = REMOVED.exec(line);
    // Removed rows are reported per loop, like rows.
    if (removed && current) current.rows += Number(removed[1]);
  }
  flush();
  return reads;
}

/** A scan reading more than this share of the workspace's conversations (and more than `floor` rows) fails. */
export function proportionalScans(plan: string, workspaceConversations: number, share = 0.05, floor = 10_000): TScanRead[] {
  const limit = Math.max(floor, workspaceConversations * share);
  return scanReads(plan).filter((r) => r.rows > limit);
}
