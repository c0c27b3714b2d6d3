import { readFileSync } from 'node:fs';
import os from 'node:os';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type postgres from 'postgres';
import { textMessageEnvelope } from '../../server/channels/whatsapp/envelopes';
import { signatureOf } from '../../server/channels/whatsapp/signature';
import type { TRealtimeEvent } from '../../server/realtime/events';
import { postQuick, signIn } from '../lib/http-client';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD } from './config';
import { openClient, type TClient } from './realtime-clients';
import { percentile } from './stats';
import { whatsappNumbers } from './webhooks';

/**
 * Realtime under load: `clients` browsers (a socket each, and the browser's own apply logic from
 * components/realtime/apply-event.ts on a TanStack QueryClient with the inbox list and the view counts mounted, as
 * the inbox page has them) while customers' webhooks arrive at `rate` per second for `seconds`. Reports, per inbound
 * message: database statements sent by the app (pg_stat_statements' top-level statements, BEGIN/COMMIT included,
 * when the server has it loaded; the statements triggers run are not counted), transactions (pg_stat_database), the tRPC calls the
 * clients made, fan-out latency from the webhook's 200 to the last client's event, and the app's CPU (from
 * /proc/<pid>/stat: user + system time, what process.cpuUsage reports, of the process listening on the app's port).
 */
export type TRealtimeLoad = {
  clients: number;
  fullClients: number;
  messages: number;
  seconds: number;
  statementsPerMessage: number | null;
  statementsPerMessageWithoutTxControl: number | null;
  topStatements: { calls: number; perMessage: number; query: string }[];
  transactionsPerMessage: number;
  clientCallsPerMessage: Record<string, number>;
  fanoutP50: number;
  fanoutP95: number;
  fanoutP99: number;
  missing: number;
  /** Webhooks not answered 200 (refused or reset connections), and client tRPC calls that failed. */
  failedPosts: number;
  failedClientCalls: number;
  appCpuPercent: number | null;
  appCpuMsPerMessage: number | null;
  /** The load generator main process's CPU (not its listener processes): near 100 %, it, not the app, was the limit. */
  generatorCpuPercent: number;
  loadAverage: number[];
};

/** Absolute milliseconds, comparable across worker threads. */
const now = () => performance.timeOrigin + performance.now();
const LISTENER_THREADS = 2;

type TSummary = { arrivals: [number, { count: number; last: number }][]; calls: [string, number][] };

/** A child process of light clients (./realtime-listeners.ts), driven over JSON lines. */
async function startListeners(base: string, cookies: string[]) {
  const child = spawn('node_modules/.bin/tsx', [new URL('./realtime-listeners.ts', import.meta.url).pathname], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  child.stdin.write(`${JSON.stringify({ base, cookies })}\n`);
  const ready = await answers.next();
  if (ready.done || (JSON.parse(ready.value as string) as { type: string }).type !== 'ready') throw new Error('listeners did not start');
  return {
    reset: () => child.stdin.write('reset\n'),
    stop: async (): Promise<TSummary> => {
      child.stdin.write('stop\n');
      const summary = await answers.next();
      return JSON.parse(summary.value as string) as TSummary;
    },
  };
}

/** CPU seconds (user + system) of the process listening on `port`, from /proc; null when it cannot be found. */
async function cpuSecondsOfPort(port: number): Promise<(() => number) | null> {
  const { execSync } = await import('node:child_process');
  const out = execSync(`ss -ltnpH 'sport = :${port}'`).toString();
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) return null;
  const ticks = Number(execSync('getconf CLK_TCK').toString().trim()) || 100;
  return () => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticks;
  };
}

export async function measureRealtimeLoad(options: {
  sql: postgres.Sql;
  base: string;
  workspaceId: string;
  clients: number;
  /** How many of the clients run the browser's whole apply logic; the others are light (openLightClient). */
  fullClients: number;
  rate: number;
  seconds: number;
}): Promise<TRealtimeLoad> {
  const { sql, base } = options;
  const members = await sql<{ id: string; email: string; role: string; agents_see_all: boolean }[]>`
    select u.id, u.email, m.role, s.agents_see_all from users u join memberships m on m.user_id = u.id
    join workspace_settings s on s.workspace_id = m.workspace_id
    where m.workspace_id = ${options.workspaceId} and u.email like ${`%@${BENCH_EMAIL_DOMAIN}`} order by u.email`;
  const cookies = await Promise.all(members.map((m) => signIn(base, m.email, BENCH_PASSWORD)));
  const calls = new Map<string, number>();
  const arrivals = new Map<number, number[]>();
  const clients: TClient[] = [];
  const [number] = await whatsappNumbers(sql, options.workspaceId);
  const runId = Date.now().toString(36);
  const acked = new Map<string, number>();
  let stopWorkers: () => Promise<TSummary[]> = async () => [];
  try {
    const onEvent = (event: TRealtimeEvent) => {
      if (event.type !== 'message.created') return;
      const at = arrivals.get(event.messageId) ?? [];
      at.push(now());
      arrivals.set(event.messageId, at);
    };
    const light: string[][] = Array.from({ length: LISTENER_THREADS }, () => []);
    for (let c = 0; c < options.clients; c++) {
      const m = members[c % members.length]!;
      const seesAll = m.role !== 'agent' || m.agents_see_all;
      const cookie = cookies[c % cookies.length]!;
      if (c < options.fullClients) clients.push(await openClient(base, cookie, m.id, seesAll, calls, onEvent));
      else light[c % LISTENER_THREADS]!.push(cookie);
    }
    const workers = await Promise.all(light.filter((group) => group.length > 0).map((group) => startListeners(base, group)));
    stopWorkers = async () => {
      const summaries = await Promise.all(workers.map((w) => w.stop()));
      return summaries;
    };
    for (const worker of workers) worker.reset();
    calls.clear();
    const [dbRow] = await sql<{ oid: number }[]>`select oid from pg_database where datname = current_database()`;
    const statements = await sql`select pg_stat_statements_reset()`.then(() => true).catch(() => false);
    const xactBefore = await sql<
      { n: string }[]
    >`select xact_commit + xact_rollback as n from pg_stat_database where datid = ${dbRow!.oid}`;
    const cpu = await cpuSecondsOfPort(Number(new URL(base).port));
    const cpuBefore = cpu?.() ?? 0;
    const generatorBefore = process.cpuUsage();

    // Customers: a fifth new (their first message opens a conversation and moves the counts), the rest writing again.
    const total = options.rate * options.seconds;
    const customers = Array.from({ length: Math.max(1, Math.floor(total / 5)) }, (_, i) =>
      `9665${String(10_000_000 + i).slice(0, 8)}${runId.slice(-1)}`.slice(0, 12),
    );
    const started = performance.now();
    const posts: Promise<void>[] = [];
    let failedPosts = 0;
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / options.rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const id = `wamid.rtload.${runId}.${i}`;
      const body = JSON.stringify(
        textMessageEnvelope({
          phoneNumberId: number!.phoneNumberId,
          from: customers[i % customers.length]!,
          name: `Load ${i % customers.length}`,
          id,
          body: `Load message ${i}`,
        }),
      );
      const headers = { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, number!.appSecret) };
      posts.push(
        postQuick(`${base}/api/webhooks/whatsapp/${number!.phoneNumberId}`, body, headers).then(
          (status) => {
            if (status === 200) acked.set(id, now());
            else failedPosts += 1;
          },
          () => {
            failedPosts += 1;
          },
        ),
      );
    }
    await Promise.all(posts);
    const sentFor = (performance.now() - started) / 1000;
    // Let the last events and the refetches they cause settle.
    await new Promise((r) => setTimeout(r, 3000));
    const cpuSeconds = cpu ? cpu() - cpuBefore : null;
    const lightArrivals = new Map<number, { count: number; last: number }>();
    for (const summary of await stopWorkers()) {
      for (const [id, seen] of summary.arrivals) {
        const known = lightArrivals.get(id) ?? { count: 0, last: 0 };
        lightArrivals.set(id, { count: known.count + seen.count, last: Math.max(known.last, seen.last) });
      }
      for (const [path, n] of summary.calls) calls.set(path, (calls.get(path) ?? 0) + n);
    }
    stopWorkers = async () => [];
    const generator = process.cpuUsage(generatorBefore);
    const elapsed = (performance.now() - started) / 1000;

    const stored = await sql<{ id: string; provider_message_id: string }[]>`
      select id, provider_message_id from messages where provider_message_id like ${`wamid.rtload.${runId}.%`}`;
    const messages = stored.length;
    const latencies: number[] = [];
    let missing = 0;
    for (const m of stored) {
      const at = arrivals.get(Number(m.id)) ?? [];
      const other = lightArrivals.get(Number(m.id)) ?? { count: 0, last: 0 };
      const ack = acked.get(m.provider_message_id);
      if (ack === undefined) continue;
      const heard = at.length + other.count;
      if (heard < options.clients) missing += options.clients - heard;
      if (heard > 0) latencies.push(Math.max(0, Math.max(other.last, ...at) - ack));
    }
    latencies.sort((a, b) => a - b);
    const failedClientCalls = calls.get('failed') ?? 0;
    calls.delete('failed');
    const xactAfter = await sql<{ n: string }[]>`select xact_commit + xact_rollback as n from pg_stat_database where datid = ${dbRow!.oid}`;
    let top: { calls: number; perMessage: number; query: string }[] = [];
    let all: number | null = null;
    let withoutTx: number | null = null;
    if (statements) {
      const rows = await sql<{ calls: string; query: string }[]>`
        select calls::text, query from pg_stat_statements where dbid = ${dbRow!.oid} and toplevel order by calls desc`;
      const ours = rows.filter((r) => !/pg_stat_statements|pg_stat_database|provider_message_id like/.test(r.query));
      const sum = (list: typeof ours) => list.reduce((n, r) => n + Number(r.calls), 0);
      all = sum(ours) / messages;
      withoutTx = sum(ours.filter((r) => !/^\s*(begin|commit|rollback|set local)/i.test(r.query))) / messages;
      top = ours.slice(0, 12).map((r) => ({
        calls: Number(r.calls),
        perMessage: Number(r.calls) / messages,
        query: r.query.replace(/\s+/g, ' ').slice(0, 110),
      }));
    }
    return {
      clients: options.clients,
      fullClients: Math.min(options.fullClients, options.clients),
      messages,
      seconds: sentFor,
      statementsPerMessage: all,
      statementsPerMessageWithoutTxControl: withoutTx,
      topStatements: top,
      transactionsPerMessage: (Number(xactAfter[0]!.n) - Number(xactBefore[0]!.n)) / messages,
      clientCallsPerMessage: Object.fromEntries([...calls].map(([path, n]) => [path, n / messages])),
      fanoutP50: percentile(latencies, 50),
      fanoutP95: percentile(latencies, 95),
      fanoutP99: percentile(latencies, 99),
      missing,
      failedPosts,
      failedClientCalls,
      appCpuPercent: cpuSeconds === null ? null : (100 * cpuSeconds) / elapsed,
      appCpuMsPerMessage: cpuSeconds === null ? null : (1000 * cpuSeconds) / messages,
      generatorCpuPercent: (100 * (generator.user + generator.system)) / 1e6 / elapsed,
      loadAverage: os.loadavg(),
    };
  } finally {
    for (const c of clients) c.stop();
    await stopWorkers();
  }
}
