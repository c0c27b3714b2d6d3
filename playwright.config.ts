import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT || 3200);
export const E2E_BASE_URL = `http://localhost:${port}`;

/**
 * End-to-end tests run the real server (scripts/e2e-server.ts: a fresh database with the demo data) and drive
 * the system Chromium: browsers cannot be downloaded here, so Playwright is pointed at /usr/bin/chromium.
 * Each test seeds a workspace of its own (the `workspace` fixture in e2e/fixtures.ts), so tests run in parallel;
 * only demo-smoke.spec.ts reads the demo data, and it changes nothing.
 */
export default defineConfig({
  testDir: './e2e',
  // A subfolder: Playwright empties its output folder, and the other runners' reports live beside it.
  // Per port, so two runs on one machine (say, a developer's and CI's) never empty each other's artifacts.
  outputDir: port === 3200 ? 'test-results/e2e-artifacts' : `test-results/e2e-artifacts-${port}`,
  fullyParallel: true,
  // Two: one server on a two-core machine is what CI has; more workers only queue on the same CPU.
  workers: Number(process.env.E2E_WORKERS || 2),
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: 'npx tsx scripts/e2e-server.ts',
    url: `${E2E_BASE_URL}/api/health`,
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { E2E_PORT: String(port) },
  },
});
