import type postgres from 'postgres';
import { RawHttpConnection } from './raw-http';
import { runStats, type TRunStats } from './stats';
import { closedCustomers, inboundPoster, newCustomer, whatsappNumbers } from './webhooks';

export type TIngestLoad = {
  sql: postgres.Sql;
  base: string;
  runs: number;
  seconds: number;
  warmupSeconds: number;
  /** Senders, each on its own kept-alive connection, sending the next message when the last is answered. */
  concurrency: number;
  /** Called before every run (the database upkeep a deployment's workers and autovacuum would do). */
  beforeRun: () => Promise<void>;
  /** Every Nth message carries media (a photo or a voice note); 0: texts only. */
  mediaEvery?: number;
};

/**
 * Sustained webhook ingest. Four in five messages come from customers we know whose conversation is closed, so each
 * reopens it (the costliest path: a reopen line in the timeline and every list index moved), one in five from a new
 * customer. Each run, and the warm-up, draws customers of its own, so every run is that mix. Latency is from
 * sending a request to its answer.
 */
export async function measureIngest(load: TIngestLoad): Promise<{ runs: TRunStats[]; failures: number }> {
  const numbers = await whatsappNumbers(load.sql);
  const byId = new Map(numbers.map((n) => [n.phoneNumberId, n]));
  const post = inboundPoster(load.base, { mediaEvery: load.mediaEvery ?? 0 });
  let known = await closedCustomers(load.sql);
  // One kept-alive connection per concurrent sender, as Meta's delivery keeps its own open.
  const connections = await Promise.all(Array.from({ length: load.concurrency }, () => RawHttpConnection.open(load.base)));
  const send = (i: number, connection: RawHttpConnection) => {
    if (i % 5 !== 4 && known.length) {
      const k = known[Math.floor((i * 4) / 5) % known.length]!;
      return post(byId.get(k.phone_number_id)!, k.external_id, 'Bench Customer', connection);
    }
    return post(numbers[i % numbers.length]!, newCustomer('9665', i), 'عميل جديد', connection);
  };
  /** Every connection sends, one request at a time, until `seconds` have passed. */
  const drive = async (seconds: number, onAnswer: (status: number, ms: number) => void) => {
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
  try {
    // Warm-up under the same load: every pooled connection prepares its statements, caches fill.
    await drive(load.warmupSeconds, () => {});
    const runs: TRunStats[] = [];
    let failures = 0;
    for (let r = 0; r < load.runs; r++) {
      await load.beforeRun();
      known = await closedCustomers(load.sql);
      const samples: number[] = [];
      const started = performance.now();
      await drive(load.seconds, (status, ms) => {
        if (status === 200) samples.push(ms);
        else failures += 1;
      });
      runs.push(runStats(samples, performance.now() - started));
      console.log(
        `  ingest run ${r + 1}: ${samples.length} messages, ${runs.at(-1)!.throughput.toFixed(0)} msg/s, p99 ${runs.at(-1)!.p99.toFixed(1)} ms`,
      );
    }
    return { runs, failures };
  } finally {
    for (const connection of connections) connection.close();
  }
}
