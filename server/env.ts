import { z } from 'zod';

/**
 * The only module that reads process.env. Everything is validated once, at start, so a typo in a
 * variable fails fast with its name instead of surfacing as a strange error an hour later.
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  /** Unset: the app starts its own embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Port of the embedded PostgreSQL; 0 picks a free one. Never 5432, which a system server may hold. */
  EMBEDDED_PG_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .refine((p) => p !== 5432, 'must not be 5432')
    .default(0),
  /** Secret for session JWTs. Generated and kept under DATA_DIR when unset (fine for one machine, not for a cluster). */
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /**
   * Public URL of the app. Unset: taken from each request (its Host, or behind TRUST_PROXY the proxy's
   * X-Forwarded-Host/Proto), so signing out from http://127.0.0.1:3000 stays on 127.0.0.1.
   */
  NEXTAUTH_URL: z.url().optional(),
  /**
   * The app is reached only through exactly one reverse proxy that sets X-Forwarded-Host/Proto and appends the client's
   * address to X-Forwarded-For: believe them for the public URL, HSTS and client addresses (the last X-Forwarded-For
   * entry, for sign-in and webhook throttling). Off by default, because anyone can send those headers to a bare server.
   */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** On an empty database, load the demo workspace. */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  /** Run the job workers (outbound sends, receipts) in this process; off when workers run separately. */
  RUN_WORKERS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Where WhatsApp channels without their own graphBaseUrl send; unset: the app's local Graph API fake. */
  GRAPH_API_BASE_URL: z.url().optional(),
  /** A session ends after this many hours without activity (each request renews it); sign-out ends it at once. */
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().max(24 * 90).default(12),
  /** The customer simulator (admins play a customer on any channel). Unset: on, except in production. */
  CUSTOMER_SIMULATOR: z.enum(['on', 'off']).optional(),
  /**
   * How long a send whose outcome is unknown (a timeout, or a worker that died mid-call) waits, from when it was
   * made, for Meta's status webhook (matched by our opaque data) before it is sent again.
   */
  DELIVERY_RECONCILE_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(45),
  /** How often each worker sweeps for closing-soon alerts (a window's lead time is reached within this). */
  CLOSING_ALERT_SWEEP_SECONDS: z.coerce.number().min(1).max(300).default(15),
  /** Sends in flight per worker process, and at most per number (a hanging number keeps the rest for the others). */
  SEND_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  SEND_CHANNEL_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  /**
   * The key sealing secrets at rest (channel tokens, app secrets): 32 random bytes in base64 (`openssl rand -base64
   * 32`). Unset: generated once into DATA_DIR/secrets-key (one machine); a cluster must set the same key everywhere.
   */
  SECRETS_KEY: z
    .string()
    .refine((v) => /^[A-Za-z0-9+/]+={0,2}$/.test(v) && Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  /**
   * Outgoing mail (invitation links), e.g. smtp://user:pass@mail.example.com:587 or smtps://…:465. With SMTP_FROM set
   * too, invites are also emailed; unset, the invite link is only shown to the admin to pass on.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender of those emails, e.g. "Nafidha <no-reply@example.com>". */
  SMTP_FROM: z.string().min(3).max(320).optional(),
  /**
   * Media files (photos, voice notes, documents) live under DATA_DIR/media unless S3_BUCKET is set: then in that
   * bucket of any S3-compatible store (AWS S3, MinIO, Cloudflare R2, Ceph…), which every node of a cluster shares.
   */
  S3_BUCKET: z.string().min(3).max(63).optional(),
  /** The bucket's region (AWS); S3-compatible stores usually accept any, e.g. us-east-1. */
  S3_REGION: z.string().min(1).default('us-east-1'),
  /** The store's URL when it is not AWS, e.g. http://127.0.0.1:9000 for MinIO. */
  S3_ENDPOINT: z.url().optional(),
  /** Credentials; unset: the SDK's default chain (instance role, AWS_* variables, shared config). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (endpoint/bucket/key): what MinIO and most self-hosted stores need. */
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** A key prefix inside the bucket, so one bucket can serve several installations. */
  S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._/-]*$/, 'letters, digits, . _ - and / only')
    .default(''),
});

export type TEnv = z.infer<typeof ZEnv>;

export function parseEnv(source: Record<string, string | undefined>): TEnv {
  // An empty string in a shell export means "unset", not "invalid".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = ZEnv.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: TEnv | undefined;

export function simulatorEnabled(config: TEnv = env()): boolean {
  return config.CUSTOMER_SIMULATOR ? config.CUSTOMER_SIMULATOR === 'on' : config.NODE_ENV !== 'production';
}

export function env(): TEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Values the process works out at start (the embedded database's URL, a generated session secret) are published
 * through the environment, so Next's separately bundled modules in the same process see them too.
 */
export function publishEnv(
  name: 'DATABASE_URL' | 'NEXTAUTH_SECRET' | 'AUTH_TRUST_HOST' | 'SECRETS_KEY' | 'SMTP_URL' | 'SMTP_FROM',
  value: string | undefined,
): void {
  if (value === undefined) {
    delete process.env[name];
    cached = undefined;
    return;
  }
  process.env[name] = value;
  cached = undefined;
}
