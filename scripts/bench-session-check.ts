/**
 * What checking the session version costs a workspace procedure: the membership query as it was (resolveWorkspace)
 * against the same query joined with the user's session version (resolveSessionWorkspace), alternated on one
 * connection to a scratch database with the demo data. `npx tsx scripts/bench-session-check.ts`
 */
import postgres from 'postgres';
import { connect } from '../db/client';
import { runMigrations } from '../db/migrate';
import { seedDemo } from '../db/seed/demo';
import { resolveSessionWorkspace } from '@/server/services/workspaces/sessions';
import { resolveWorkspace } from '@/server/services/workspaces/context';

const server = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = postgres(server, { max: 1, onnotice: () => {} });
await admin.unsafe('drop database if exists nafidha_bench_session_check with (force)');
await admin.unsafe('create database nafidha_bench_session_check');
const target = new URL(server);
target.pathname = '/nafidha_bench_session_check';
const url = target.toString();
const m = postgres(url, { max: 1, onnotice: () => {} });
await runMigrations(m);
await m.end();
const { db, sql } = connect(url, { max: 1 });
await seedDemo(db, new Date());
const [user] = await sql<{ id: string }[]>`select id from users where email = 'agent1@nafidha.test'`;
const [ws] = await sql<{ id: string }[]>`select workspace_id as id from memberships where user_id = ${user!.id}`;
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
const before: number[] = [];
const after: number[] = [];
for (let i = 0; i < 200; i++) {
  await resolveWorkspace(db, user!.id, ws!.id);
  await resolveSessionWorkspace(db, { userId: user!.id, sessionVersion: 1 }, ws!.id);
}
for (let i = 0; i < 3000; i++) {
  before.push(await time(() => resolveWorkspace(db, user!.id, ws!.id)));
  after.push(await time(() => resolveSessionWorkspace(db, { userId: user!.id, sessionVersion: 1 }, ws!.id)));
}
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]!.toFixed(3);
console.log(`resolveWorkspace (before): p50 ${q(before, 0.5)} ms, p95 ${q(before, 0.95)} ms`);
console.log(`resolveSessionWorkspace (after, with the session check): p50 ${q(after, 0.5)} ms, p95 ${q(after, 0.95)} ms`);
await sql.end();
await admin.unsafe('drop database if exists nafidha_bench_session_check with (force)');
await admin.end();
