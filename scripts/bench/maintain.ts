import type postgres from 'postgres';
import type { TDb } from '../../db/client';
import { foldBusyOpenCounts } from '@/server/services/conversations/open-counts';

/**
 * What the job workers and autovacuum would have done since the last run. The measured app runs without workers
 * (RUN_WORKERS=false, as app instances do at scale), so their minute-by-minute fold of the open-count deltas is done
 * here; and this machine's PostgreSQL runs with autovacuum off, so the written tables are vacuumed: without it every
 * run leaves dead rows behind that slow the next one, and the figures drift run after run.
 */
export async function maintain(sql: postgres.Sql, db: TDb): Promise<void> {
  const t0 = performance.now();
  const folded = await foldBusyOpenCounts(db);
  const [setting] = await sql<{ autovacuum: string }[]>`show autovacuum`;
  const vacuum = setting?.autovacuum !== 'on';
  if (vacuum) {
    await sql.unsafe(
      `vacuum (analyze) conversations, conversation_open_counts, conversation_events, contact_identities, contacts, messages`,
    );
  }
  console.log(
    `  (maintenance as the workers and autovacuum would do: ${folded} workspaces' counts folded` +
      `${vacuum ? ', written tables vacuumed (autovacuum is off on this server)' : ''}; ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
}
