import { describe, expect, it } from 'vitest';
import { proportionalScans, scanReads } from './plan-reads';

const PLAN = `Limit  (cost=1.0..2.0 rows=51 width=4) (actual time=0.7..68.0 rows=51 loops=1)
  ->  Subquery Scan on cv  (cost=1.0..2.0 rows=51 width=4) (actual time=0.7..68.0 rows=51 loops=1)
        Filter: ((SubPlan 1) OR (SubPlan 2))
        Rows Removed by Filter: 216
        ->  Index Scan using conversations_all_idx on conversations  (cost=0.5..9.0 rows=510 width=4) (actual time=0.03..0.7 rows=276 loops=1)
        SubPlan 2
          ->  Index Scan using messages_conversation_idx on messages m  (cost=0.5..9.0 rows=1 width=0) (actual time=0.2..0.2 rows=0 loops=276)
                Filter: (search_body ~~ '%order%'::text)
                Rows Removed by Filter: 9
  ->  Parallel Seq Scan on conversations cv  (cost=0.0..9.0 rows=1 width=4) (actual time=0.02..40.2 rows=17600 loops=3)
        Rows Removed by Filter: 15733`;

describe('scanReads', () => {
  it('counts returned and removed rows of each scan, times its loops', () => {
    expect(scanReads(PLAN)).toEqual([
      { node: 'Subquery Scan on cv', rows: 267 },
      { node: 'Index Scan using conversations_all_idx on conversations', rows: 276 },
      { node: 'Index Scan using messages_conversation_idx on messages m', rows: 9 * 276 },
      { node: 'Parallel Seq Scan on conversations cv', rows: (17600 + 15733) * 3 },
    ]);
  });

  it('flags only scans over a share of the workspace and over the floor', () => {
    expect(proportionalScans(PLAN, 3_000_000)).toEqual([]);
    expect(proportionalScans(PLAN, 100_000).map((r) => r.node)).toEqual(['Parallel Seq Scan on conversations cv']);
    expect(proportionalScans(PLAN, 10_000, 0.05, 1000).map((r) => r.node)).toEqual([
      'Index Scan using messages_conversation_idx on messages m',
      'Parallel Seq Scan on conversations cv',
    ]);
  });
});
