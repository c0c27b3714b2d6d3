/** Percentiles, the median of several runs (and how far the runs spread), and the printed table. */
import { execSync } from 'node:child_process';
import os from 'node:os';

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: number[]) => percentile(values, 50);

export type TRunStats = { n: number; p50: number; p95: number; p99: number; throughput: number };

export function runStats(samples: number[], elapsedMs: number, count = samples.length): TRunStats {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    throughput: (count / elapsedMs) * 1000,
  };
}

/** Sequential latency: `iterations` calls in each of `runs` runs, after `warmup` calls; `fn` gets a running index. */
export async function sequentialRuns(
  fn: (i: number) => Promise<unknown>,
  runs: number,
  iterations: number,
  warmup: number,
): Promise<TRunStats[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const result: TRunStats[] = [];
  let k = warmup;
  for (let r = 0; r < runs; r++) {
    const samples: number[] = [];
    const started = performance.now();
    for (let i = 0; i < iterations; i++) {
      const t0 = performance.now();
      await fn(k++);
      samples.push(performance.now() - t0);
    }
    result.push(runStats(samples, performance.now() - started));
  }
  return result;
}

export type TTarget = { metric: 'p95' | 'p99' | 'throughput'; op: '<' | '>='; value: number };

export type TFigure = {
  name: string;
  group: string;
  runs: TRunStats[];
  p50: number;
  p95: number;
  p99: number;
  throughput: number;
  /** min–max of the run medians of the targeted metric: how noisy the figure is. */
  noise: [number, number];
  targets: TTarget[];
  pass: boolean | null;
  floor?: { p50: number; p95: number; ratioP50: number };
  note?: string;
};

export function figure(group: string, name: string, runs: TRunStats[], targets: TTarget[], note?: string): TFigure {
  const pick = (k: keyof TRunStats) => median(runs.map((r) => r[k]));
  const f: TFigure = {
    name,
    group,
    runs,
    p50: pick('p50'),
    p95: pick('p95'),
    p99: pick('p99'),
    throughput: pick('throughput'),
    noise: [0, 0],
    targets,
    pass: null,
    note,
  };
  const key = targets[0]?.metric ?? 'p95';
  const values = runs.map((r) => r[key]);
  f.noise = [Math.min(...values), Math.max(...values)];
  if (targets.length) f.pass = targets.every((t) => (t.op === '<' ? f[t.metric] < t.value : f[t.metric] >= t.value));
  return f;
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '-');

export function printTable(figures: TFigure[]) {
  const header = ['measurement', 'p50 ms', 'p95 ms', 'p99 ms', 'ops/s', 'noise (runs)', 'floor p50', 'app/floor', 'target', 'ok'];
  const rows = figures.map((f) => {
    const key = f.targets[0]?.metric ?? 'p95';
    const digits = key === 'throughput' ? 0 : 1;
    return [
      f.name,
      fmt(f.p50),
      fmt(f.p95),
      fmt(f.p99),
      fmt(f.throughput, 0),
      `${key} ${fmt(f.noise[0], digits)}–${fmt(f.noise[1], digits)}`,
      f.floor ? fmt(f.floor.p50, 2) : '',
      f.floor ? `${fmt(f.floor.ratioP50, 1)}×` : '',
      f.targets.map((t) => `${t.metric} ${t.op} ${t.value}`).join(', '),
      f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

export function machine() {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse HEAD', { encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    commit,
  };
}
