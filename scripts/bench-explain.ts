/**
 * EXPLAIN (ANALYZE, BUFFERS) of every inbox list shape (Mine / Unassigned / All / team × Open / Closed × each sort,
 * first page and a ~200-page-deep keyset page), the view counts, opening a conversation, and each search shape, on
 * the benchmark dataset. The SQL is the app's own: the service functions run against a Drizzle instance that
 * records each statement, which is then explained verbatim. Exits 1 if any plan scans conversations or messages
 * sequentially, or if any scan reads more than 5% of the workspace's conversations' worth of rows (over 10,000):
 * a scan proportional to the workspace, whatever its kind (./bench/plan-reads.ts).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/nafidha_bench npm run bench:explain [-- --only search]
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import postgres from 'postgres';
import { getConversation } from '@/server/services/conversations/get';
import { countViews } from '@/server/services/conversations/counts';
import { listConversations } from '@/server/services/conversations/list';
import { listMessages } from '@/server/services/messages/list';
import { ZMessageListInput } from '@/server/services/messages/schemas';
import { benchDatabaseUrl, parseArgs, requireBenchDatabase } from './bench/config';
import { capture, capturingDb, explain, type TCapturedQuery } from './bench/capture';
import { proportionalScans } from './bench/plan-reads';
import { benchActor, deepCursor, listShapes, searchShapes, searchTerms } from './bench/shapes';

const args = parseArgs(process.argv.slice(2));
const url = benchDatabaseUrl();
const meta = await requireBenchDatabase(url);
const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
const cap = capturingDb(sql);
const SEQ_SCAN = /Seq Scan on (conversations|messages)\b/;

type TPlan = { shape: string; statement: number; ms: number; seqScan: boolean; proportional: string[]; plan: string; sql: string };
const plans: TPlan[] = [];
const wanted = (name: string) => !args.only || args.only.some((o) => name.includes(o));
/** Conversations of the explained workspace: a scan reading 5% of them (and over 10,000 rows) fails (plan-reads.ts). */
let workspaceConversations = 0;

async function explainAll(shape: string, queries: TCapturedQuery[]) {
  for (const [i, q] of queries.entries()) {
    // The search's plan choice asks the planner for estimates (EXPLAIN without ANALYZE): nothing runs to explain.
    if (/^\s*explain\b/i.test(q.query)) {
      console.log(`\n=== ${shape} — statement ${i + 1}/${queries.length}: planner estimate (${q.query.replace(/\s+/g, ' ').slice(0, 160)})`);
      continue;
    }
    // The team-membership check and similar lookups by primary key are explained too: nothing is skipped.
    const plan = await explain(sql, q);
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1] ?? 0);
    const seqScan = SEQ_SCAN.test(plan);
    const proportional = proportionalScans(plan, workspaceConversations).map((r) => `${r.node}: ${r.rows.toLocaleString('en')} rows`);
    plans.push({ shape, statement: i + 1, ms, seqScan, proportional, plan, sql: q.query });
    const flags = `${seqScan ? '  ⚠ SEQ SCAN' : ''}${proportional.length ? `  ⚠ READS A SHARE OF THE WORKSPACE (${proportional.join('; ')})` : ''}`;
    console.log(`\n=== ${shape} — statement ${i + 1}/${queries.length}${flags}`);
    console.log(q.query.replace(/\s+/g, ' ').slice(0, 400));
    console.log(`params: ${JSON.stringify(q.params).slice(0, 300)}`);
    console.log(plan);
  }
}

try {
  const actor = await benchActor(cap.db, sql, meta);
  workspaceConversations = (meta.workspaces as { id: string; conversations: number }[]).find((w) => w.id === actor.workspace.id)!.conversations;
  console.log(
    `Explaining as ${actor.email} in ${actor.workspace.name} (${(meta.counts as { conversations: number }).conversations.toLocaleString('en')} conversations)`,
  );

  if (wanted('counts')) {
    const { queries } = await capture(cap, (db) => countViews(db, actor.workspace, actor.userId));
    await explainAll('view counts', queries);
  }
  for (const shape of listShapes(actor)) {
    if (!wanted(shape.name)) continue;
    let input = shape.input;
    let label = shape.name;
    if (shape.deep) {
      const deep = await deepCursor(cap.db, actor, shape.input);
      if (!deep.cursor) continue; // the view has a single page
      input = { ...input, cursor: deep.cursor };
      label = `${shape.name} (${deep.depth.toLocaleString('en')} rows in)`;
    }
    const { queries } = await capture(cap, (db) => listConversations(db, actor.workspace, actor.userId, input));
    await explainAll(label, queries);
  }
  if (wanted('open conversation')) {
    const [target] = await sql<{ id: string }[]>`
      select id from conversations where workspace_id = ${actor.workspace.id} and status = 'open' order by last_message_at desc limit 1`;
    const { queries } = await capture(cap, async (db) => {
      await getConversation(db, actor.workspace, actor.userId, target!.id);
      await listMessages(db, actor.workspace, actor.userId, ZMessageListInput.parse({ conversationId: target!.id }));
    });
    await explainAll('open conversation (header + first page of messages)', queries);
  }
  const terms = await searchTerms(sql, actor.workspace.id);
  for (const shape of searchShapes(terms, actor.teamId)) {
    if (!wanted(shape.name)) continue;
    const { queries } = await capture(cap, (db) => listConversations(db, actor.workspace, actor.userId, shape.input));
    await explainAll(shape.name, queries);
  }

  const seq = plans.filter((p) => p.seqScan);
  const wide = plans.filter((p) => p.proportional.length > 0);
  const slow = [...plans].sort((a, b) => b.ms - a.ms).slice(0, 8);
  console.log('\nSlowest statements (execution time, ms):');
  for (const p of slow) console.log(`  ${p.ms.toFixed(1).padStart(8)}  ${p.shape} #${p.statement}`);
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/explain.json', JSON.stringify({ at: new Date().toISOString(), database: url.pathname.slice(1), plans }, null, 2));
  const shapes = new Set(plans.map((p) => p.shape)).size;
  console.log(
    `\nSUMMARY: ${plans.length} statements over ${shapes} shapes explained; ${seq.length} with a Seq Scan on conversations/messages` +
      `${seq.length ? `: ${[...new Set(seq.map((p) => p.shape))].join('; ')}` : ''}; slowest ${slow[0]?.ms.toFixed(1) ?? 0} ms (${slow[0]?.shape ?? '-'}). ` +
      `; ${wide.length} reading over 5% of the workspace's ${workspaceConversations.toLocaleString('en')} conversations` +
      `${wide.length ? `: ${[...new Set(wide.map((p) => p.shape))].join('; ')}` : ''}. Plans in bench/explain.json.`,
  );
  if (seq.length || wide.length) process.exitCode = 1;
} finally {
  await sql.end();
}
