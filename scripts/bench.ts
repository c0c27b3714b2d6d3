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
 * Groups: list, search, open, send, ingest, realtime. BENCH_INGEST_SECONDS (20), BENCH_INGEST_CONCURRENCY (64), BENCH_INGEST_WARMUP_SECONDS (5),
 * BENCH_CLIENTS (200), BENCH_ITERATIONS (40 per run), BENCH_COMMON_WORD=1 (adds a very common search word; slow).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import { io, type Socket } from 'socket.io-client';
import { textMessageEnvelope } from '../server/channels/whatsapp/envelopes';
import type { TInboxListInput } from '../server/services/inbox';
import { listConversations } from '../server/services/inbox';
import { foldBusyOpenCounts } from '../server/services/open-counts';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD, benchDatabaseUrl, databaseName, parseArgs, requireBenchDatabase } from './bench/config';
import { capture, capturingDb, run, type TCapturedQuery } from './bench/capture';
import { postQuick, signIn, trpcBatchQuery, trpcMutation } from './lib/http-client';
import { RawHttpConnection } from './bench/raw-http';
import { benchActor, deepCursor, searchTerms } from './bench/shapes';
import { figure, machine, median, printTable, runStats, type TFigure, type TRunStats } from './bench/stats';

const args = parseArgs(process.argv.slice(2));
const RUNS = args.runs ?? 3;
const BASE = (process.env.BENCH_URL || 'http://localhost:3300').replace(/\/$/, '');
const INGEST_SECONDS = Number(process.env.BENCH_INGEST_SECONDS || 20);
const INGEST_CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY || 64);
const INGEST_WARMUP_SECONDS = Number(process.env.BENCH_INGEST_WARMUP_SECONDS || 5);
const CLIENTS = Number(process.env.BENCH_CLIENTS || 200);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS || 40);
const wanted = (group: string) => !args.only || args.only.includes(group);

const url = benchDatabaseUrl();
const meta = await requireBenchDatabase(url);
const sql = postgres(url.toString(), { max: 4, onnotice: () => {} });
const cap = capturingDb(sql);
const figures: TFigure[] = [];
let app: ChildProcess | null = null;

async function startApp() {
  const port = new URL(BASE).port || '3300';
  // Its own process group, so stopping it reaches tsx's child too (killing npx alone left the server running).
  app = spawn('node_modules/.bin/tsx', ['server/index.ts'], {
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      PORT: port,
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || 'bench-secret-bench-secret',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      RUN_WORKERS: 'false',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 120; i++) {
    if (app.exitCode !== null) throw new Error('the app exited during start');
    const ok = await fetch(`${BASE}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error('the app did not become healthy in 120 s');
}

/** Sequential latency: `iterations` calls per run after a warm-up, RUNS runs. */
async function measure(fn: (i: number) => Promise<unknown>, iterations = ITERATIONS, warmup = 5): Promise<TRunStats[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const runs: TRunStats[] = [];
  let k = warmup;
  for (let r = 0; r < RUNS; r++) {
    const samples: number[] = [];
    const started = performance.now();
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      await fn(k++);
      samples.push(performance.now() - t0);
    }
    runs.push(runStats(samples, performance.now() - started));
  }
  return runs;
}

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

function sign(body: string, secret: string) {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

type TNumber = { phoneNumberId: string; appSecret: string; workspaceId: string };

async function whatsappNumbers(workspaceId?: string): Promise<TNumber[]> {
  const rows = await sql<{ external_id: string; config: { appSecret: string }; workspace_id: string }[]>`
    select external_id, config, workspace_id from channels where type = 'whatsapp'`;
  return rows
    .filter((r) => !workspaceId || r.workspace_id === workspaceId)
    .map((r) => ({ phoneNumberId: r.external_id, appSecret: r.config.appSecret, workspaceId: r.workspace_id }));
}

/**
 * What the job workers and autovacuum would have done since the last run. The measured app runs without workers
 * (RUN_WORKERS=false, as app instances do at scale), so their minute-by-minute fold of the open-count deltas is done
 * here; and this machine's PostgreSQL runs with autovacuum off, so the written tables are vacuumed: without it every
 * run leaves dead rows behind that slow the next one, and the figures drift run after run.
 */
async function maintain() {
  const t0 = performance.now();
  const folded = await foldBusyOpenCounts(cap.db);
  cap.take(); // not a measured query
  const [setting] = await sql<{ autovacuum: string }[]>`show autovacuum`;
  if (setting?.autovacuum !== 'on') {
    await sql.unsafe(
      `vacuum (analyze) conversations, conversation_open_counts, conversation_events, contact_identities, contacts, messages`,
    );
  }
  console.log(
    `  (maintenance as the workers and autovacuum would do: ${folded} workspaces' counts folded` +
      `${setting?.autovacuum === 'on' ? '' : ', written tables vacuumed (autovacuum is off on this server)'}; ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
}

let sequence = 0;
const runId = Date.now().toString(36);

/** A signed inbound text webhook, on one of the load generator's own connections when given one. */
async function postInbound(number: TNumber, from: string, name: string, connection?: RawHttpConnection): Promise<number> {
  const body = JSON.stringify(
    textMessageEnvelope({
      phoneNumberId: number.phoneNumberId,
      from,
      name,
      id: `wamid.benchin.${runId}.${sequence++}`,
      body: 'Any update on my order? شكراً',
    }),
  );
  const path = `/api/webhooks/whatsapp/${number.phoneNumberId}`;
  const headers = { 'content-type': 'application/json', 'x-hub-signature-256': sign(body, number.appSecret) };
  return connection ? connection.post(path, body, headers) : postQuick(`${BASE}${path}`, body, headers);
}

try {
  if (args.force) console.warn('--force has no effect on the runner: it only ever uses a generated bench database.');
  if (process.argv.includes('--start-app')) await startApp();
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

  await maintain();

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
    const shapes: [string, string, boolean][] = [
      ['phone in another format', terms.phone, true],
      ['Arabic name, letter variants', terms.arabicName, true],
      ['word in message text', terms.orderNumber, true],
      // A very common word makes the message-text search recheck millions of rows (minutes at full scale): opt-in.
      ...(process.env.BENCH_COMMON_WORD ? [['common word (no target)', terms.commonWord, false] as [string, string, boolean]] : []),
    ];
    for (const [label, q, targeted] of shapes) {
      for (const status of ['open', 'closed'] as const) {
        const input: TInboxListInput = { view: 'all', status, q, limit: 50 };
        const runs = await measure(
          () => trpcBatchQuery(BASE, cookie, [{ path: 'conversation.list', input }]),
          targeted ? ITERATIONS : 10,
          2,
        );
        const { queries } = await capture(cap, (db) => listConversations(db, actor.workspace, actor.userId, input));
        const f = figure('search', `search ${label} "${q}", All/${status}`, runs, targeted ? [{ metric: 'p95', op: '<', value: 60 }] : []);
        figures.push(withFloor(f, await floorOf(queries, targeted ? ITERATIONS : 10)));
      }
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
    const numbers = await whatsappNumbers();
    const byId = new Map(numbers.map((n) => [n.phoneNumberId, n]));
    // Four in five messages come from customers we know whose conversation is closed, so each reopens it (the
    // costliest path: a reopen line in the timeline and every list index moved), one in five from a new customer.
    // Each run, and the warm-up, draws customers of its own, so every run is that mix.
    const closedCustomers = () => sql<{ external_id: string; phone_number_id: string }[]>`
      select i.external_id, ch.external_id as phone_number_id from conversations c tablesample system (10)
      join contact_identities i on i.contact_id = c.contact_id and i.channel_id = c.channel_id
      join channels ch on ch.id = c.channel_id
      where ch.type = 'whatsapp' and c.status = 'closed' and i.external_id is not null limit 40000`;
    let known = await closedCustomers();
    // One kept-alive connection per concurrent sender, as Meta's delivery keeps its own open.
    const connections = await Promise.all(Array.from({ length: INGEST_CONCURRENCY }, () => RawHttpConnection.open(BASE)));
    const send = async (i: number, connection: RawHttpConnection) => {
      if (i % 5 !== 4 && known.length) {
        const k = known[Math.floor((i * 4) / 5) % known.length]!;
        return postInbound(byId.get(k.phone_number_id)!, k.external_id, 'Bench Customer', connection);
      }
      return postInbound(
        numbers[i % numbers.length]!,
        `9665${String(10_000_000 + ((Date.now() + i) % 89_999_999)).slice(0, 8)}`,
        'عميل جديد',
        connection,
      );
    };
    /** Every connection sends, one request at a time, until `seconds` have passed. */
    const load = async (seconds: number, onAnswer: (status: number, ms: number) => void) => {
      let next = 0;
      const end = performance.now() + seconds * 1000;
      await Promise.all(
        connections.map(async (connection) => {
          while (performance.now() < end) {
            const t0 = performance.now();
            const status = await send(next++, connection);
            onAnswer(status, performance.now() - t0);
          }
        }),
      );
    };
    // Warm-up under the same load: every pooled connection prepares its statements, caches fill.
    await load(INGEST_WARMUP_SECONDS, () => {});
    const runs: TRunStats[] = [];
    let failures = 0;
    for (let r = 0; r < RUNS; r++) {
      await maintain();
      known = await closedCustomers();
      const samples: number[] = [];
      const started = performance.now();
      await load(INGEST_SECONDS, (status, ms) => {
        if (status === 200) samples.push(ms);
        else failures += 1;
      });
      runs.push(runStats(samples, performance.now() - started));
      console.log(
        `  ingest run ${r + 1}: ${samples.length} messages, ${runs.at(-1)!.throughput.toFixed(0)} msg/s, p99 ${runs.at(-1)!.p99.toFixed(1)} ms`,
      );
    }
    for (const connection of connections) connection.close();
    const f = figure(
      'ingest',
      `webhook ingest, ${INGEST_CONCURRENCY} concurrent, ${INGEST_SECONDS} s`,
      runs,
      [
        { metric: 'throughput', op: '>=', value: 1500 },
        { metric: 'p99', op: '<', value: 100 },
      ],
      failures ? `${failures} non-200 answers` : undefined,
    );
    figures.push(f);
    printTable(figures.filter((x) => x.group === 'ingest'));
  }

  if (wanted('realtime')) {
    const members = await sql<{ email: string }[]>`
      select u.email from users u join memberships m on m.user_id = u.id where m.workspace_id = ${actor.workspace.id} and u.email like ${`%@${BENCH_EMAIL_DOMAIN}`}`;
    const cookies = await Promise.all(members.map((m) => signIn(BASE, m.email, BENCH_PASSWORD)));
    const arrivals: number[][] = Array.from({ length: CLIENTS }, () => []);
    const sockets: Socket[] = [];
    await Promise.all(
      Array.from({ length: CLIENTS }, (_, c) => {
        const socket = io(BASE, {
          path: '/socket.io',
          transports: ['websocket'],
          extraHeaders: { cookie: cookies[c % cookies.length]! },
          reconnection: false,
        });
        sockets.push(socket);
        socket.on('event', (event: { type: string }) => {
          if (event.type === 'message.created') arrivals[c]!.push(performance.now());
        });
        return new Promise<void>((resolve, reject) => {
          socket.once('ready', () => resolve());
          socket.once('connect_error', reject);
        });
      }),
    );
    const [number] = await whatsappNumbers(actor.workspace.id);
    const EVENTS = 30;
    const runs: TRunStats[] = [];
    const fromSend: TRunStats[] = [];
    const everyClient: TRunStats[] = [];
    let seen = 0;
    for (let r = 0; r < RUNS; r++) {
      const samples: number[] = [];
      const sentSamples: number[] = [];
      const lastSamples: number[] = [];
      const started = performance.now();
      for (let e = 0; e < EVENTS; e++) {
        const sent = performance.now();
        const status = await postInbound(
          number!,
          `9715${String(10_000_000 + ((Date.now() + e) % 89_999_999)).slice(0, 8)}`,
          'Realtime Probe',
        );
        const acked = performance.now();
        if (status !== 200) throw new Error(`webhook answered ${status}`);
        seen += 1;
        const deadline = acked + 5000;
        while (arrivals.some((a) => a.length < seen) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
        // NOTIFY is delivered at commit, before the 200 is written: an event often beats the ack (counted as 0 ms).
        const at = arrivals.map((a) => (a.length >= seen ? a[seen - 1]! : acked + 5000));
        for (const t of at) {
          samples.push(Math.max(0, t - acked));
          sentSamples.push(t - sent);
        }
        lastSamples.push(Math.max(0, Math.max(...at) - acked));
        for (const a of arrivals) a.length = Math.min(a.length, seen);
      }
      const elapsed = performance.now() - started;
      runs.push(runStats(samples, elapsed, EVENTS));
      fromSend.push(runStats(sentSamples, elapsed, EVENTS));
      everyClient.push(runStats(lastSamples, elapsed, EVENTS));
    }
    for (const s of sockets) s.close();
    figures.push(
      figure('realtime', `realtime fan-out to ${CLIENTS} clients (per client, from the webhook's 200)`, runs, [
        { metric: 'p95', op: '<', value: 50 },
      ]),
    );
    figures.push(
      figure('realtime', `realtime: last of ${CLIENTS} clients, from the webhook's 200`, everyClient, [
        { metric: 'p95', op: '<', value: 50 },
      ]),
    );
    figures.push(figure('realtime', `realtime: per client, from sending the webhook (no target)`, fromSend, []));
    printTable(figures.filter((f) => f.group === 'realtime'));
  }

  console.log('\nAll figures (median of runs; noise = min–max of the runs):');
  printTable(figures);
  const failed = figures.filter((f) => f.pass === false);
  console.log(
    `\n${figures.length} figures, ${figures.filter((f) => f.pass).length} pass, ${failed.length} fail${failed.length ? `: ${failed.map((f) => f.name).join('; ')}` : ''}`,
  );
  mkdirSync('bench', { recursive: true });
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
