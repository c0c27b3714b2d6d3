import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '@/server/env';
import { SECRETS_KEY_BYTES } from './seal';

let cached: { source: string; key: Buffer } | undefined;

/**
 * The key that seals secrets at rest: SECRETS_KEY (32 bytes, base64; validated in server/env.ts), or, when it is not
 * configured, one generated once into DATA_DIR/secrets-key (like the session secret, server/boot.ts) so a single
 * machine needs no set-up. A cluster must configure the same SECRETS_KEY on every instance and worker: a key
 * generated on one machine cannot open what another sealed (docs/operations.md).
 */
export function secretsKey(): Buffer {
  const config = env();
  const source = config.SECRETS_KEY ?? `file:${path.resolve(config.DATA_DIR, 'secrets-key')}`;
  if (cached?.source === source) return cached.key;
  const key = config.SECRETS_KEY ? Buffer.from(config.SECRETS_KEY, 'base64') : keyFromDataDir(source.slice('file:'.length));
  cached = { source, key };
  return key;
}

function keyFromDataDir(file: string): Buffer {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx': two processes starting at once on one DATA_DIR agree on the first one written.
    writeFileSync(file, randomBytes(SECRETS_KEY_BYTES).toString('base64'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== SECRETS_KEY_BYTES) throw new Error(`${file} does not hold a ${SECRETS_KEY_BYTES}-byte base64 key`);
  return key;
}
