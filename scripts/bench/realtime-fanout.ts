import type postgres from 'postgres';
import { io, type Socket } from 'socket.io-client';
import { signIn } from '../lib/http-client';
import { BENCH_EMAIL_DOMAIN, BENCH_PASSWORD } from './config';
import { runStats, type TRunStats } from './stats';
import { inboundPoster, newCustomer, whatsappNumbers } from './webhooks';

const EVENTS = 30;

/**
 * Realtime fan-out: `clients` sockets signed in to one workspace (as its bench users), then EVENTS customer messages
 * posted one at a time; for each, when the event reached every client. Per run: each client's delay after the
 * webhook's 200, the last client's, and each client's from sending the webhook.
 */
export async function measureRealtime(options: {
  sql: postgres.Sql;
  base: string;
  workspaceId: string;
  clients: number;
  runs: number;
}): Promise<{ perClient: TRunStats[]; lastClient: TRunStats[]; fromSend: TRunStats[] }> {
  const { sql, base, clients } = options;
  const members = await sql<{ email: string }[]>`
    select u.email from users u join memberships m on m.user_id = u.id
    where m.workspace_id = ${options.workspaceId} and u.email like ${`%@${BENCH_EMAIL_DOMAIN}`}`;
  const cookies = await Promise.all(members.map((m) => signIn(base, m.email, BENCH_PASSWORD)));
  const arrivals: number[][] = Array.from({ length: clients }, () => []);
  const sockets: Socket[] = [];
  try {
    await Promise.all(
      Array.from({ length: clients }, (_, c) => {
        const socket = io(base, {
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
    const [number] = await whatsappNumbers(sql, options.workspaceId);
    const post = inboundPoster(base);
    const perClient: TRunStats[] = [];
    const fromSend: TRunStats[] = [];
    const lastClient: TRunStats[] = [];
    let seen = 0;
    for (let r = 0; r < options.runs; r++) {
      const samples: number[] = [];
      const sentSamples: number[] = [];
      const lastSamples: number[] = [];
      const started = performance.now();
      for (let e = 0; e < EVENTS; e++) {
        const sent = performance.now();
        const status = await post(number!, newCustomer('9715', e), 'Realtime Probe');
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
      perClient.push(runStats(samples, elapsed, EVENTS));
      fromSend.push(runStats(sentSamples, elapsed, EVENTS));
      lastClient.push(runStats(lastSamples, elapsed, EVENTS));
    }
    return { perClient, lastClient, fromSend };
  } finally {
    for (const s of sockets) s.close();
  }
}
