/**
 * Benchmark dataset: 5 workspaces (one with 60% of the rows), 250k contacts with Arabic and English names and
 * phone numbers from several countries, 1M conversations, 10M messages, 60 agents, teams and WhatsApp numbers,
 * built with set-based SQL into the database DATABASE_URL names (created if missing, migrated with the app's
 * migrations). Refuses a database holding anything it did not create, unless --force.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/nafidha_bench npm run bench:data
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/nafidha_bench_small npm run bench:data -- --scale 0.01
 */
import postgres from 'postgres';
import { runMigrations } from '../db/migrate';
import { BENCH_PASSWORD, benchDatabaseUrl, databaseName, inspectDatabase, maintenanceUrl, parseArgs } from './bench/config';
import {
  buildPlan,
  countOpenConversations,
  dropSecondaryIndexes,
  finishOpenConversations,
  insertContacts,
  insertConversations,
  insertMessages,
  KEPT_DURING_LOAD,
  LOAD_TABLES,
  stageMessageIds,
} from './bench/generate';
import { insertSmallTables } from './bench/generate-workspaces';
import { createHelpers } from './bench/sql-helpers';

const args = parseArgs(process.argv.slice(2));
const url = benchDatabaseUrl();
const name = databaseName(url);
const started = performance.now();
let stepStarted = started;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
function log(message: string) {
  const now = performance.now();
  console.log(`[${seconds(now - started).padStart(8)}] ${message} (${seconds(now - stepStarted)})`);
  stepStarted = now;
}

const state = await inspectDatabase(url);
if (state.kind === 'foreign' && !args.force) {
  console.error(
    `Refusing to write to ${name}: ${state.reason}. This generator only replaces its own data; pass --force to replace it anyway.`,
  );
  process.exit(1);
}
console.log(
  `Generating the benchmark dataset at scale ${args.scale} into ${name} (${state.kind === 'missing' ? 'new' : `replacing: ${state.kind}`})`,
);

const admin = postgres(maintenanceUrl(url), { max: 1, onnotice: () => {} });
if (state.kind !== 'missing') await admin.unsafe(`drop database if exists "${name}" with (force)`);
await admin.unsafe(`create database "${name}"`);
await admin.end();

async function timed(what: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  if (process.env.BENCH_VERBOSE) console.log(`    ${what}: ${seconds(performance.now() - t0)}`);
}

const settings = {
  // Loading, not serving: the whole dataset is regenerated from scratch if the machine dies half-way.
  synchronous_commit: 'off',
  work_mem: '1GB',
  maintenance_work_mem: '2GB',
  max_parallel_maintenance_workers: '0',
  jit: 'off',
  // Foreign keys are satisfied by construction; skipping their triggers is what makes the bulk insert fast.
  session_replication_role: 'replica',
};
const open = () => postgres(url.toString(), { max: 1, onnotice: () => {}, connection: settings, idle_timeout: 0 });
const sql = open();
try {
  await runMigrations(sql);
  log('migrations applied');
  await createHelpers(sql);
  const now = new Date();
  const plans = await insertSmallTables(sql, args.scale, log);
  const indexes = await dropSecondaryIndexes(sql);
  log(`dropped ${indexes.length} secondary indexes for the load`);
  await insertContacts(sql, plans, now);
  log(`contacts: ${plans.reduce((a, p) => a + p.contacts, 0).toLocaleString('en')}`);
  await buildPlan(sql, plans);
  log(`conversation plan: ${plans.reduce((a, p) => a + p.conversations, 0).toLocaleString('en')}`);
  const total = await stageMessageIds(sql);
  log(`message ids staged in time order: ${total.toLocaleString('en')}`);
  // The message-text trigram index is kept and filled by the two inserting connections: normalising and splitting
  // into trigrams is the slowest part of the whole load, and this way it runs on both cores. A large pending list
  // means few merges into the tree; the setting is reset afterwards so the schema matches the migrations.
  await sql.unsafe(`alter index ${KEPT_DURING_LOAD} set (gin_pending_list_limit = 1048576)`);
  const second = open();
  try {
    const half = Math.floor(total / 2);
    await Promise.all([insertMessages(sql, now, 1, half), insertMessages(second, now, half + 1, total)]);
    await sql.unsafe(`select setval(pg_get_serial_sequence('messages', 'id'), ${total})`);
    log('messages (and their text index)');
    await insertConversations(sql);
    log('conversations, identities and closing events (list fields aggregated from the messages)');
    await Promise.all([
      timed('flush the text index pending list', () => second.unsafe(`select gin_clean_pending_list('${KEPT_DURING_LOAD}')`)),
      (async () => {
        for (const index of indexes) await timed(index.name, () => sql.unsafe(index.definition));
      })(),
    ]);
    await sql.unsafe(`alter index ${KEPT_DURING_LOAD} reset (gin_pending_list_limit)`);
  } finally {
    await second.end();
  }
  log(`rebuilt ${indexes.length} indexes`);
  await sql.unsafe(`drop table if exists bench.plan, bench.agg, bench.seq`);
  const vacuum = open();
  try {
    await Promise.all([
      vacuum.unsafe(`vacuum (analyze) messages`),
      (async () => {
        for (const table of [...LOAD_TABLES.filter((t) => t !== 'messages'), 'users', 'memberships', 'teams', 'team_members', 'channels'])
          await sql.unsafe(`vacuum (analyze) ${table}`);
      })(),
    ]);
  } finally {
    await vacuum.end();
  }
  log('vacuum + analyze');
  await finishOpenConversations(sql);
  log('waiting-since and unread on open conversations');
  await countOpenConversations(sql);
  log('open counts');

  await sql.unsafe(`analyze conversations`);
  const [counts] = await sql<Record<string, number>[]>`
    select (select count(*) from workspaces)::int as workspaces, (select count(*) from users)::int as users,
      (select count(*) from contacts)::int as contacts, (select count(*) from conversations)::int as conversations,
      (select count(*) from conversations where status = 'open')::int as open_conversations,
      (select count(*) from messages)::int as messages, (select count(*) from channels)::int as channels,
      (select count(*) from teams)::int as teams, pg_database_size(current_database())::bigint as bytes`;
  const totalSeconds = (performance.now() - started) / 1000;
  const meta = {
    scale: args.scale,
    generated_at: new Date().toISOString(),
    reference_now: now.toISOString(),
    generation_seconds: Math.round(totalSeconds),
    counts: { ...counts, bytes: Number(counts!.bytes) },
    password: BENCH_PASSWORD,
    workspaces: plans.map((p) => ({
      id: p.id,
      name: p.name,
      contacts: p.contacts,
      conversations: p.conversations,
      open: p.open,
      users: p.users.map((u) => ({ email: u.email, role: u.role })),
      channels: p.channels.map((c) => ({ id: c.id, type: c.type, externalId: c.externalId })),
    })),
  };
  for (const [key, value] of Object.entries(meta)) {
    await sql`insert into bench.meta (key, value) values (${key}, ${JSON.stringify(value)}::jsonb) on conflict (key) do update set value = excluded.value`;
  }
  console.log('');
  console.table({ ...counts, bytes: undefined, size: `${(Number(counts!.bytes) / 1024 ** 3).toFixed(2)} GiB` });
  console.log(
    `Done in ${seconds(performance.now() - started)} (${(totalSeconds / 60).toFixed(1)} min). Sign in as e.g. w1.agent01@… with password ${BENCH_PASSWORD}.`,
  );
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await sql.end();
}
