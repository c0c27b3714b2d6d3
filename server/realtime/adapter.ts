import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import pg from 'pg';
import { createClient } from 'redis';
import { logger } from '@/server/logger';

/** Where the Postgres adapter parks payloads over NOTIFY's 8000-byte limit (or binary ones) for the other nodes. */
export const ATTACHMENTS_TABLE = 'socket_io_attachments';

export type TRealtimeAdapter = {
  kind: 'postgres' | 'redis';
  /** Pass as socket.io's `adapter` option. */
  adapter: ReturnType<typeof createPostgresAdapter> | ReturnType<typeof createRedisAdapter>;
  /** Releases the adapter's own connections; call after io.close(), which closes the adapter itself. */
  close: () => Promise<void>;
};

export type TRealtimeAdapterOptions = {
  databaseUrl: string;
  /** Set: the Redis adapter; unset: the Postgres adapter on the app's own database. */
  redisUrl?: string;
  /**
   * How often a Postgres-adapter node announces itself. Other nodes learn about it from these heartbeats, which
   * matters for requests that wait on every node (fetchSockets, serverSideEmit with an ack), not for broadcasts.
   */
  heartbeatIntervalMs?: number;
};

/**
 * The socket.io adapter that makes io-level operations (broadcasts, room membership changes, fetchSockets,
 * disconnectSockets, serverSideEmit) span every app instance: the Postgres one by default, so a cluster needs
 * nothing but its database, or the Redis one when REDIS_URL is set.
 */
export async function createRealtimeAdapter(options: TRealtimeAdapterOptions): Promise<TRealtimeAdapter> {
  return options.redisUrl
    ? redisAdapter(options.redisUrl, redisKey(options.databaseUrl))
    : postgresAdapter(options.databaseUrl, options.heartbeatIntervalMs);
}

/**
 * A cluster is the set of instances on one database. Postgres NOTIFY is scoped to a database by nature; on a Redis
 * shared by several deployments (staging and production, two test runs) the channel name has to say it.
 */
export function redisKey(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  // Pattern characters would widen the adapter's PSUBSCRIBE; nothing else in the key needs care.
  return `nafidha#${`${url.hostname}:${url.port || '5432'}${url.pathname}`.replace(/[^\w.:/-]/g, '_')}`;
}

async function postgresAdapter(databaseUrl: string, heartbeatInterval = 5000): Promise<TRealtimeAdapter> {
  // Its own small pool (the adapter speaks node-postgres): one connection stays checked out for LISTEN, the rest publish.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3, application_name: 'nafidha-realtime' });
  pool.on('error', (error) => logger.warn({ err: error }, 'realtime adapter connection error'));
  try {
    await ensureAttachmentsTable(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  const adapter = createPostgresAdapter(pool, {
    tableName: ATTACHMENTS_TABLE,
    heartbeatInterval,
    errorHandler: (error) => logger.warn({ err: error }, 'realtime adapter error'),
  });
  return { kind: 'postgres', adapter, close: () => pool.end() };
}

/**
 * The attachments table belongs to the adapter, not to the app's schema, so it is created here rather than in a
 * Drizzle migration. Instances starting together serialise on an advisory lock: two concurrent `create table if
 * not exists` can otherwise collide on the catalog's unique index.
 */
async function ensureAttachmentsTable(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', [ATTACHMENTS_TABLE]);
    await client.query(
      `create table if not exists ${ATTACHMENTS_TABLE} (id bigserial unique, created_at timestamptz default now(), payload bytea)`,
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const REDIS_CONNECT_TIMEOUT_MS = 10_000;

async function redisAdapter(redisUrl: string, key: string): Promise<TRealtimeAdapter> {
  const pub = createClient({ url: redisUrl });
  // A subscribed connection can do nothing else, so the adapter needs a second one.
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on('error', (error: unknown) => logger.warn({ err: error }, 'realtime adapter Redis error'));
  // node-redis retries a refused connection forever; at start a wrong REDIS_URL should fail the boot instead.
  const connected = Promise.all([pub.connect(), sub.connect()]);
  connected.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${REDIS_CONNECT_TIMEOUT_MS / 1000} s`)), REDIS_CONNECT_TIMEOUT_MS);
  });
  try {
    await Promise.race([connected, deadline]);
  } catch (error) {
    pub.destroy();
    sub.destroy();
    throw new Error(`REDIS_URL: cannot connect to Redis (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    clearTimeout(timer);
  }
  const adapter = createRedisAdapter(pub, sub, { key, publishOnSpecificResponseChannel: true });
  return {
    kind: 'redis',
    adapter,
    close: async () => {
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
