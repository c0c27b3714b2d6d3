/**
 * Benchmark runner: a running app over HTTP (BENCH_URL, default http://localhost:3300) on a generated bench database
 * (DATABASE_URL, checked: never anything else), with real signed-in sessions. Warms up, then measures each figure
 * in several runs (--runs, default 3) and reports the median run with the spread of the runs; writes
 * bench/results.json. For list and search, the same SQL (captured from the app's own services) is also timed
 * directly on the database: the floor, and the app/floor ratio.
 *
 *   npm run bench:app &                                   # the app on nafidha_bench at :3300
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/nafidha_bench npm run bench [-- --only list,search --runs 5]
 *   ... -- --start-app                                   # or let the runner start (and stop) the app itself
 *
 * Groups: list, search, open, send, ingest (./bench/ingest-load), realtime (./bench/realtime-fanout), realtime-load
 * (./bench/realtime-load: BENCH_CLIENTS browsers applying events while BENCH_REALTIME_RATE webhooks a second
 * arrive for BENCH_REALTIME_SECONDS, BENCH_REALTIME_FULL_CLIENTS of them running the browser's whole apply logic;
 * part of realtime, or alone with --only realtime-load).
 * BENCH_INGEST_SECONDS (20), BENCH_INGEST_CONCURRENCY (64), BENCH_INGEST_WARMUP_SECONDS (5), BENCH_CLIENTS (200), BENCH_ITERATIONS (40 per run), BENCH_SEARCH_ITERATIONS (20 per run and search shape).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { TDb } from '../db/client';
import * as schema from '../db/schema';
import type { TInboxListInput } from '@/server/services/conversations/schemas';
import { listConversations } from '@/server/services/conversations/list';
import { BENCH_PASSWORD, benchDatabaseUrl, databaseName, parseArgs, requireBenchDatabase } from './bench/config';
import { capture, capturingDb, run, type TCapturedQuery } from './bench/capture';
import { measureIngest } from './bench/ingest-load';
import { maintain } from './bench/maintain';
import { measureRealtime } from './bench/realtime-fanout';
import { measureRealtimeLoad } from './bench/realtime-load';
import { spawnApp } from './bench/start-app';
import { benchActor, deepCursor, searchShapes, searchTerms } from './bench/shapes';
import { figure, machine, median, printTable, sequentialRuns, type TFigure, type TRunStats } from './bench/stats';
import { signIn, trpcBatchQuery, trpcMutation } from './lib/http-client';

const args = parseArgs(process.argv.slice(2));
const RUNS = args.runs ?? 3;
const BASE = (process.env.BENCH_URL || 'http://localhost:3300').replace(/\/$/, '');
const INGEST_SECONDS = Number(process.env.BENCH_INGEST_SECONDS || 20);
const INGEST_CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY || 64);
const INGEST_WARMUP_SECONDS = Number(process.env.BENCH_INGEST_WARMUP_SECONDS || 5);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 200);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 40);
const SEARCH_ITERATIONS = Number(process.env.BENCH_SEARCH_ITERATIONS || 20);
const REALTIME_RATE = Number(process.env.BENCH_REALTIME_RATE || 100);
const REALTIME_SECONDS = Number(process.env.BENCH_REALTIME_SECONDS || 30);
const wanted = (group: string) => !args.only || args.only.includes(group);

const url = benchDatabaseUrl();
const meta = await requireBenchDatabase(url);
const sql = postgres(url.toString(), { max: 4, onnotice: () => {} });
const cap = capturingDb(sql);
/** For the runner's own upkeep, whose queries are not measured. */
const plainDb = drizzle(sql, { schema }) as unknown as TDb;
const figures: TFigure[] = [];
let app: ChildProcess | null = null;

/** Sequential latency: `iterations` calls per run after a warm-up, RUNS runs. */
const measure = (fn: (i: number) => Promise<unknown>, iterations = ITERATIONS, warmup = 5) => sequentialRuns(fn, RUNS, iterations, warmup);

/** The same statements the service ran, replayed directly on the database. */
async function floorOf(queries: TCapturedQuery[], iterations = ITERATIONS) {
  const runs = await measure(async () => {
    for (const q of queries) await run(sql, q);
  }, iterations);
  return { p50: median(runs.map((r) => r.p50)), p95: median(runs.map((r) => r.p95)) };
}

function withFloor(f: TFigure, floor: { p50: number; p95: number }): TFigure {
  return { ...f, floor: { ...floor, ratioP50: f.p50 / floor.p50 } };
}

try {
  mkdirSync('bench', { recursive: true });
  if (args.force) console.warn('--force has no effect on the runner: it only ever uses a generated bench database.');
  if (process.argv.includes('--start-app')) {
    const started = spawnApp(BASE, url);
    app = started.app;
    await started.healthy;
  }
  const actor = await benchActor(cap.db, sql, meta);
  const cookie = await signIn(BASE, actor.email, BENCH_PASSWORD);
  // The app must be serving this very database: the signed-in workspace is the one the generator made.
  const [me] = (await trpcBatchQuery(BASE, cookie, [{ path: 'me.get' }])) as { workspace: { id: string } }[];
  if (me?.workspace.id !== actor.workspace.id) throw new Error(`the app at ${BASE} is not serving ${databaseName(url)}`);
  const counts = meta.counts as Record<string, number>;
  console.log(
    `Benchmarking ${BASE} on ${databaseName(url)} (scale ${String(meta.scale)}: ${counts.conversations?.toLocaleString('en')} conversations, ` +
      `${counts.messages?.toLocaleString('en')} messages) as ${actor.email}; ${RUNS} runs each`,
  );

  await maintain(sql, plainDb);

  if (wanted('list')) {
    const views: [string, string][] = [
      ['mine', 'Mine'],
      ['unassigned', 'Unassigned'],
      ['all', 'All'],
    ];
    for (const [view, label] of views) {
      for (const status of ['open', 'closed'] as const) {
        const input: TInboxListInput = { view: view as 'mine', status, sort: 'latest', limit: 50 };
        const runs = await measure(() =>
          trpcBatchQuery(BASE, cookie, [{ path: 'conversation.list', input }, { path: 'conversation.counts' }]),
        );
        const { queries } = await capture(cap, (db) => listConversations(db, actor.workspace, actor.userId, input));
        const f = figure('list', `list ${label}/${status}, first page + counts`, runs, [{ metric: 'p95', op: '<', value: 25 }]);
        figures.push(withFloor(f, await floorOf(queries)));
      }
    }
    for (const [view, label] of [...views, [`team:${actor.teamId}`, 'Team']]) {
      const input: TInboxListInput = { view: view as 'all', status: 'closed', sort: 'latest', limit: 50 };
      const deep = await deepCursor(cap.db, actor, input);
      if (!deep.cursor) continue;
      const deepInput = { ...input, cursor: deep.cursor };
      const runs = await measure(() => trpcBatchQuery(BASE, cookie, [{ path: 'conversation.list', input: deepInput }]));
      const { queries } = await capture(cap, (db) => listConversations(db, actor.workspace, actor.userId, deepInput));
      const f = figure('list', `list ${label}/closed, page ${Math.round(deep.depth / 50)} by cursor`, runs, [
        { metric: 'p95', op: '<', value: 25 },
      ]);
      figures.push(withFloor(f, await floorOf(queries)));
    }
    printTable(figures.filter((f) => f.group === 'list'));
  }

  if (wanted('search')) {
    const terms = await searchTerms(sql, actor.workspace.id);
    // Selective terms and broad ones (the commonest names and name fragments, the commonest message words), in
    // every view for two of them: issue 18's targets hold for each, whatever its number of matches.
    for (const shape of searchShapes(terms, actor.teamId)) {
      const input = shape.input;
      const runs = await measure(() => trpcBatchQuery(BASE, cookie, [{ path: 'conversation.list', input }]), SEARCH_ITERATIONS, 3);
      const { queries } = await capture(cap, (db) => listConversations(db, actor.workspace, actor.userId, input));
      const f = figure('search', shape.name, runs, [{ metric: 'p95', op: '<', value: 40 }]);
      figures.push(withFloor(f, await floorOf(queries, SEARCH_ITERATIONS)));
    }
    printTable(figures.filter((f) => f.group === 'search'));
  }

  if (wanted('open')) {
    const ids = (
      await sql<{ id: string }[]>`select id from conversations tablesample system (1) where workspace_id = ${actor.workspace.id} limit 500`
    ).map((r) => r.id);
    const runs = await measure((i) =>
      trpcBatchQuery(BASE, cookie, [
        { path: 'conversation.get', input: { id: ids[i % ids.length] } },
        { path: 'message.list', input: { conversationId: ids[i % ids.length] } },
      ]),
    );
    figures.push(figure('open', 'open a conversation: header + first page of messages', runs, [{ metric: 'p95', op: '<', value: 25 }]));
    printTable(figures.filter((f) => f.group === 'open'));
  }

  if (wanted('send')) {
    const targets = (
      await sql<{ id: string }[]>`select id from conversations where workspace_id = ${actor.workspace.id} and status = 'open'
        and window_closes_at > now() + interval '10 minutes' and channel_type = 'whatsapp' limit 200`
    ).map((r) => r.id);
    if (targets.length === 0) throw new Error('no open-window conversation to send to: regenerate the dataset (windows lapse after 24 h)');
    const runs = await measure((i) =>
      trpcMutation(BASE, cookie, 'message.send', {
        conversationId: targets[i % targets.length],
        clientKey: randomUUID(),
        content: { kind: 'text', text: `Benchmark reply ${i}` },
      }),
    );
    figures.push(figure('send', 'message.send (text, open window)', runs, [{ metric: 'p95', op: '<', value: 30 }]));
    printTable(figures.filter((f) => f.group === 'send'));
  }

  if (wanted('ingest')) {
    // Texts only, then one in five carrying media (issue 16: within 10% of text-only; the downloads run later, in jobs).
    for (const mediaEvery of [0, 5]) {
      const { runs, failures } = await measureIngest({
        sql,
        base: BASE,
        runs: RUNS,
        seconds: INGEST_SECONDS,
        warmupSeconds: INGEST_WARMUP_SECONDS,
        concurrency: INGEST_CONCURRENCY,
        beforeRun: () => maintain(sql, plainDb),
        mediaEvery,
      });
      figures.push(
        figure(
          'ingest',
          `webhook ingest, ${INGEST_CONCURRENCY} concurrent, ${INGEST_SECONDS} s${mediaEvery ? ', one in five with media' : ''}`,
          runs,
          [
            { metric: 'throughput', op: '>=', value: 1500 },
            { metric: 'p99', op: '<', value: 100 },
          ],
          failures ? `${failures} non-200 answers` : undefined,
        ),
      );
    }
    printTable(figures.filter((x) => x.group === 'ingest'));
  }

  if (wanted('realtime')) {
    const { perClient, lastClient, fromSend } = await measureRealtime({
      sql,
      base: BASE,
      workspaceId: actor.workspace.id,
      clients: CLIENTS,
      runs: RUNS,
    });
    figures.push(
      figure('realtime', `realtime fan-out to ${CLIENTS} clients (per client, from the webhook's 200)`, perClient, [
        { metric: 'p95', op: '<', value: 50 },
      ]),
      figure('realtime', `realtime: last of ${CLIENTS} clients, from the webhook's 200`, lastClient, [
        { metric: 'p95', op: '<', value: 50 },
      ]),
      figure('realtime', `realtime: per client, from sending the webhook (no target)`, fromSend, []),
    );
    printTable(figures.filter((f) => f.group === 'realtime'));
  }

  if (wanted('realtime') || wanted('realtime-load')) {
    const load = await measureRealtimeLoad({
      sql,
      base: BASE,
      workspaceId: actor.workspace.id,
      clients: CLIENTS,
      fullClients: Number(process.env.BENCH_REALTIME_FULL_CLIENTS || 4),
      rate: REALTIME_RATE,
      seconds: REALTIME_SECONDS,
    });
    console.log(`\nRealtime under load: ${CLIENTS} browsers, ${load.messages} inbound messages in ${load.seconds.toFixed(1)} s`);
    console.log(JSON.stringify(load, null, 2));
    const fanout: TRunStats = {
      n: load.messages,
      p50: load.fanoutP50,
      p95: load.fanoutP95,
      p99: load.fanoutP99,
      throughput: load.messages / load.seconds,
    };
    figures.push(figure('realtime-load', `realtime under load: webhook 200 → last of ${CLIENTS} browsers`, [fanout], []));
    writeFileSync('bench/realtime-load.json', JSON.stringify({ at: new Date().toISOString(), url: BASE, ...load }, null, 2));
  }

  console.log('\nAll figures (median of runs; noise = min–max of the runs):');
  printTable(figures);
  const failed = figures.filter((f) => f.pass === false);
  console.log(
    `\n${figures.length} figures, ${figures.filter((f) => f.pass).length} pass, ${failed.length} fail${failed.length ? `: ${failed.map((f) => f.name).join('; ')}` : ''}`,
  );
  writeFileSync(
    'bench/results.json',
    JSON.stringify(
      {
        at: new Date().toISOString(),
        url: BASE,
        database: databaseName(url),
        machine: machine(),
        dataset: { scale: meta.scale, generatedAt: meta.generated_at, generationSeconds: meta.generation_seconds, counts: meta.counts },
        runs: RUNS,
        figures,
      },
      null,
      2,
    ),
  );
  console.log('Wrote bench/results.json');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await sql.end();
  if (app) {
    const child = app as ChildProcess;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
}
