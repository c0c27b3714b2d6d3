/**
 * Totals every suite of a test run from the runners' own JSON reports (vitest, Playwright) and the exit codes of
 * the checks, and ends with one line in the form CI counts: `N passed, N failed, N skipped`.
 * Exits non-zero when anything failed or a suite left no report (a crash counts as a failure, never as a pass).
 */
import { existsSync, readFileSync } from 'node:fs';

type TTotals = { passed: number; failed: number; skipped: number };
const dir = 'test-results';
const rows: [string, TTotals][] = [];

if (existsSync(`${dir}/checks.txt`)) {
  for (const line of readFileSync(`${dir}/checks.txt`, 'utf8').trim().split('\n').filter(Boolean)) {
    const [name, code] = line.split(' ');
    rows.push([`check: ${name}`, { passed: code === '0' ? 1 : 0, failed: code === '0' ? 0 : 1, skipped: 0 }]);
  }
}

for (const suite of ['unit', 'integration']) {
  const file = `${dir}/${suite}.json`;
  if (!existsSync(file)) {
    rows.push([suite, { passed: 0, failed: 1, skipped: 0 }]);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    success: boolean;
  };
  const crashed = !report.success && report.numFailedTests === 0 ? 1 : 0;
  rows.push([
    suite,
    { passed: report.numPassedTests, failed: report.numFailedTests + crashed, skipped: report.numPendingTests + report.numTodoTests },
  ]);
}

const e2eFile = `${dir}/e2e.json`;
if (existsSync(e2eFile)) {
  const report = JSON.parse(readFileSync(e2eFile, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    errors?: unknown[];
  };
  const crashed = (report.errors?.length ?? 0) > 0 && report.stats.unexpected === 0 ? 1 : 0;
  rows.push([
    'e2e',
    { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky + crashed, skipped: report.stats.skipped },
  ]);
} else {
  rows.push(['e2e', { passed: 0, failed: 1, skipped: 0 }]);
}

const total = rows.reduce<TTotals>(
  (sum, [, t]) => ({ passed: sum.passed + t.passed, failed: sum.failed + t.failed, skipped: sum.skipped + t.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('Summary');
for (const [name, t] of rows)
  console.log(`  ${name.padEnd(22)} ${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
