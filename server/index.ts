import { createServer } from 'node:http';
import next from 'next';
import { database } from '@/db/client';
import { withBootLock } from '@/db/migrate';
import { DEMO_PASSWORD, DEMO_USERS } from '@/db/seed/demo-users';
import { TRPC_PREFIX, trpcHttp } from './api/http';
import { bootDatabase, ensureAuthSecret, ensureSecretsKey, prepareDatabase } from './boot';
import { localFakeGraph, FAKE_GRAPH_PREFIX } from './channels/whatsapp/local-fake';
import { WEBHOOK_PREFIX, whatsappWebhookHttp } from './http/whatsapp-webhook';
import { MEDIA_PREFIX, mediaHttp } from './http/media';
import { MEDIA_UPLOAD_PATH, mediaUploadHttp } from './http/media-upload';
import { env, simulatorEnabled } from './env';
import { secureRequest } from './http/secure-request';
import { logger } from './logger';
import { urlForLog } from './log-url';
import { startBoss, stopBoss } from './jobs/boss';
import { registerWorkers } from './jobs/workers';
import { attachRealtime } from './realtime/socket';
import { stampClientAddress } from './auth/request-address';
import { issueSetupCode } from './services/workspaces/first-run';
import { formatSetupCode } from './domain/setup-code';

/** The app's one process entry point: database, Next and socket.io on one port. */
async function main() {
  const config = env(); // fails fast, naming any invalid variable
  // A generated secret lives on one machine; in a cluster layout (workers apart, or a shared Redis) sessions signed
  // by one instance must verify on every other, so the secret has to be configured.
  if (!config.NEXTAUTH_SECRET && (!config.RUN_WORKERS || config.REDIS_URL)) {
    throw new Error('NEXTAUTH_SECRET: must be set (the same on every instance) when RUN_WORKERS=false or REDIS_URL is set');
  }
  // Likewise the key sealing channel secrets: what one instance sealed, every other must open.
  if (!config.SECRETS_KEY && (!config.RUN_WORKERS || config.REDIS_URL)) {
    throw new Error('SECRETS_KEY: must be set (the same on every instance and worker) when RUN_WORKERS=false or REDIS_URL is set');
  }
  const booted = await bootDatabase();
  ensureAuthSecret();
  ensureSecretsKey();
  const { seeded } = await prepareDatabase(booted.url, { seedDemo: config.SEED_DEMO });
  // No user yet (no demo): the first admin creates the workspace at /setup with a code only this log shows.
  const setupCode = await issueSetupCode(database().db);
  // pg-boss 10's createQueue deadlocks when several processes create the same queues at once (a cluster's first
  // start, a deploy adding a queue): instances and workers take turns under the boot lock.
  const jobs = await withBootLock(booted.url, () => startBoss(booted.url));
  if (config.RUN_WORKERS) await registerWorkers(jobs, database().db);

  const dev = config.NODE_ENV !== 'production';
  const app = next({ dev, hostname: 'localhost', port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const handleUpgrade = app.getUpgradeHandler();

  // Dev tools: the demo's WhatsApp numbers send through the real adapter to this local Graph API fake.
  const fakeGraph = simulatorEnabled(config) ? localFakeGraph(database().db, config.PORT) : null;
  const httpServer = createServer((req, res) => {
    if (req.url?.startsWith(TRPC_PREFIX)) trpcHttp(req, res);
    else if (req.url?.startsWith(WEBHOOK_PREFIX)) void whatsappWebhookHttp(database().db, req, res);
    else if (req.url?.startsWith(MEDIA_PREFIX))
      void mediaHttp(database().db, req, res).catch((error: unknown) => {
        logger.error({ err: error }, 'media request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
    else if (req.url === MEDIA_UPLOAD_PATH || req.url?.startsWith(`${MEDIA_UPLOAD_PATH}?`)) void mediaUploadHttp(database().db, req, res);
    else if (fakeGraph && req.url?.startsWith(FAKE_GRAPH_PREFIX)) void fakeGraph(req, res);
    else {
      stampClientAddress(req); // for sign-in throttling: Next's route handlers never see the socket
      void handle(req, res);
    }
  });
  const realtime = await attachRealtime(httpServer, database(), { databaseUrl: booted.url, redisUrl: config.REDIS_URL });
  // socket.io wraps the request listeners it finds (answering its own polling requests first), so the security
  // headers go in front of it, not inside the router above: every response gets them, socket.io's included.
  const secureOptions = { trustProxy: config.TRUST_PROXY, dev, fallbackHost: `localhost:${config.PORT}` };
  httpServer.prependListener('request', (req, res) => secureRequest(req, res, secureOptions));
  httpServer.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket.io')) void handleUpgrade(req, socket, head);
  });

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const url = config.NEXTAUTH_URL?.replace(/\/$/, '') ?? `http://localhost:${config.PORT}`;
  logger.info({ url: urlForLog(url), embeddedDatabase: booted.embedded, dev }, 'Nafidha is up');
  if (setupCode) printSetupCode(url, setupCode);
  else if (seeded || booted.embedded) printDemoLogins(url);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await realtime.close().catch(() => {});
    await stopBoss().catch(() => {});
    await app.close().catch(() => {});
    await database()
      .sql.end({ timeout: 5 })
      .catch(() => {});
    await booted.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/**
 * The one place the code is shown: on stdout, whatever LOG_LEVEL says, and as a structured log line for operators
 * who read JSON logs (its own field, `setupCode`, so a search for it finds the line).
 */
function printSetupCode(url: string, code: string) {
  const shown = formatSetupCode(code);
  logger.warn({ setupUrl: urlForLog(`${url}/setup`), setupCode: shown }, 'no user yet: finish the set-up at /setup with this setup code');
  const lines = ['', `  Nafidha has no user yet. Open ${url}/setup to create the workspace and its first admin.`, '', `  Setup code: ${shown}`, ''];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printDemoLogins(url: string) {
  const lines = [
    '',
    `  Nafidha is running at ${url}`,
    '',
    `  Demo logins (password for all: ${DEMO_PASSWORD})`,
    ...DEMO_USERS.map((user) => `    ${user.role.padEnd(10)} ${user.email}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  // Configuration errors already name the variable; print them plainly rather than as a stack trace.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
