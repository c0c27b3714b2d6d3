import { database } from '@/db/client';
import { runMigrations, withBootLock } from '@/db/migrate';
import { env } from './env';
import { startBoss, stopBoss } from './jobs/boss';
import { registerWorkers } from './jobs/workers';
import { logger } from './logger';

/**
 * The job workers as a process of their own (`npm run worker`), for a layout where app instances run with
 * RUN_WORKERS=false. It needs the database the instances use: jobs are enqueued in their transactions, so the
 * queue lives there too. Any number of workers may run; pg-boss hands each job to one of them.
 */
async function main() {
  const config = env(); // fails fast, naming any invalid variable
  const url = config.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL: must be set for a separate worker (the app instances' database; the embedded one serves one process)");
  }
  // Under the instances' boot lock: a worker that starts first finds the schema it needs, and pg-boss 10's
  // createQueue deadlocks when several processes create the same queues at once.
  const jobs = await withBootLock(url, async (sql) => {
    await runMigrations(sql);
    return startBoss(url);
  });
  await registerWorkers(jobs, database().db);
  // Sends and syncs open the numbers' sealed secrets: with a key of its own (generated into this DATA_DIR) a worker on
  // another machine could open none of them.
  if (!config.SECRETS_KEY) logger.warn('SECRETS_KEY is not set: this worker opens channel secrets only with the key in its own DATA_DIR');
  // WhatsApp numbers without their own Graph URL send to GRAPH_API_BASE_URL, else to an app on this machine's PORT.
  logger.info({ graphApiBaseUrl: config.GRAPH_API_BASE_URL ?? `http://127.0.0.1:${config.PORT}/dev/graph` }, 'worker is up');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    // Graceful: jobs in flight finish (up to pg-boss's timeout); the rest stay queued for another worker.
    await stopBoss().catch((error: unknown) => logger.warn({ err: error }, 'job queue did not stop cleanly'));
    await database()
      .sql.end({ timeout: 5 })
      .catch(() => {});
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
