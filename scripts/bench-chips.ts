/**
 * Browser benchmark: do 500 live countdown chips tick without dropping frames? Opens /dev/chips?count=N on a running
 * app (BENCH_BASE_URL, default http://localhost:3000; the customer simulator / dev tools must be on, as in
 * `npm run demo`) in Chromium, records every animation frame and long task for DURATION seconds, prints a table
 * and writes bench/chips.json. Reports numbers; asserts nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';

const base = process.env.BENCH_BASE_URL || 'http://localhost:3000';
const counts = (process.env.BENCH_CHIPS || '100,500,1000').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS || 10);

type TStats = {
  frames: number;
  fps: number;
  p50: number;
  p99: number;
  max: number;
  dropped: number;
  longTasks: number;
  longestTask: number;
  ticked: boolean;
};

// Runs in the page. Kept as source text: the TypeScript loader would add helpers the page does not have.
const MEASURE = `async (ms) => {
  const frames = [];
  const longTasks = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
  observer.observe({ entryTypes: ['longtask'] });
  const before = document.querySelector('[role="timer"]')?.textContent;
  await new Promise((resolve) => {
    let last = performance.now();
    const end = last + ms;
    const step = (now) => {
      frames.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(step);
      else resolve();
    };
    requestAnimationFrame(step);
  });
  observer.disconnect();
  const sorted = [...frames].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  return {
    frames: frames.length,
    fps: frames.length / (ms / 1000),
    p50: pct(50),
    p99: pct(99),
    max: sorted[sorted.length - 1],
    dropped: frames.filter((f) => f > (1000 / 60) * 1.5).length,
    longTasks: longTasks.length,
    longestTask: Math.max(0, ...longTasks),
    ticked: before !== document.querySelector('[role="timer"]')?.textContent,
  };
}`;

const browser = await chromium.launch({
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
});
const results = [];
try {
  for (const count of counts) {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    const response = await page.goto(`${base}/dev/chips?count=${count}`);
    if (!response?.ok()) throw new Error(`${base}/dev/chips answered ${response?.status()}: are dev tools (CUSTOMER_SIMULATOR) on?`);
    await page
      .getByRole('timer')
      .nth(count - 1)
      .waitFor();
    await page.waitForTimeout(1500); // settle after load: this is a benchmark, not a test
    const stats = (await page.evaluate(`(${MEASURE})(${seconds * 1000})`)) as TStats;
    results.push({ chips: count, ...stats });
    await page.close();
  }
} finally {
  await browser.close();
}

const fmt = (n: number) => n.toFixed(1);
console.log(`\nCountdown chips, ${seconds}s each, Chromium headless on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'})`);
console.log('chips | fps  | frame p50 ms | p99 ms | max ms | dropped frames | long tasks | longest ms | ticking');
for (const r of results) {
  console.log(
    `${String(r.chips).padStart(5)} | ${fmt(r.fps).padStart(4)} | ${fmt(r.p50).padStart(12)} | ${fmt(r.p99).padStart(6)} | ${fmt(r.max).padStart(6)} | ${String(r.dropped).padStart(14)} | ${String(r.longTasks).padStart(10)} | ${fmt(r.longestTask).padStart(10)} | ${r.ticked}`,
  );
}
mkdirSync('bench', { recursive: true });
writeFileSync(
  'bench/chips.json',
  JSON.stringify(
    { at: new Date().toISOString(), machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model }, seconds, results },
    null,
    2,
  ),
);
