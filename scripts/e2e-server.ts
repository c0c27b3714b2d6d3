/**
 * The server Playwright tests run against: the real app on a freshly created database (demo data loaded by the
 * normal first-start path) on the test PostgreSQL server. Uses the production build when there is one.
 */
import { existsSync } from 'node:fs';
import postgres from 'postgres';

const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
// One database per port, so two runs on one machine (a developer's and CI's) never share one.
const name = `nafidha_e2e_${process.env.E2E_PORT || '3200'}`;

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`drop database if exists "${name}" with (force)`);
await admin.unsafe(`create database "${name}"`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${name}`;
Object.assign(process.env, {
  DATABASE_URL: url.toString(),
  PORT: process.env.E2E_PORT || '3200',
  SEED_DEMO: 'true',
  CUSTOMER_SIMULATOR: 'on',
  NEXTAUTH_SECRET: 'e2e-only-secret-not-for-production-use',
  LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  NODE_ENV: existsSync('.next/BUILD_ID') ? 'production' : 'development',
});
console.log(`e2e server: ${process.env.NODE_ENV} build, database ${name}`);

await import('../server/index');
