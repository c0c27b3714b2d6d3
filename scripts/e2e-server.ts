/**
 * The server Playwright tests run against: the real app on a freshly created database (demo data loaded by the
 * normal first-start path) on the test PostgreSQL server. Uses the production build when there is one.
 */
import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { e2eDatabaseName, e2eDatabaseUrl, e2eServerUrl } from '../e2e/database-url';

const adminUrl = e2eServerUrl();
// One database per port, so two runs on one machine (a developer's and CI's) never share one. The fixtures
// (e2e/fixtures.ts) seed each test's workspace into the same database.
const name = e2eDatabaseName();

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${name}" with (force)`);
await admin.unsafe(`create database "${name}"`);
await admin.end();

Object.assign(process.env, {
  DATABASE_URL: e2eDatabaseUrl(),
  PORT: process.env.E2E_PORT || '3200',
  SEED_DEMO: 'true',
  CUSTOMER_SIMULATOR: 'on',
  NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production-use',
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  // Closing-soon alerts within a couple of seconds of a seeded window reaching its lead time (15 s in production).
  CLOSING_ALERT_SWEEP_SECONDS: '2',
  NODE_ENV: existsSync('.next/BUILD_ID') ? 'production' : 'development',
});
console.log(`e2e server: ${process.env.NODE_ENV} build, database ${name}`);

await import('../server/index');
