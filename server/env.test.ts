import { describe, expect, it } from 'vitest';
import { parseEnv, simulatorEnabled } from './env';

describe('parseEnv', () => {
  it('applies the defaults: port 3000, embedded database, demo data on', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SEED_DEMO).toBe(true);
    expect(env.DATA_DIR).toBe('.data');
    expect(env.TRUST_PROXY).toBe(false);
    expect(env.SESSION_MAX_AGE_HOURS).toBe(12);
  });

  it('trusts no proxy unless told to', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['DATABASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
    ['SEED_DEMO', 'yes'],
    ['EMBEDDED_PG_PORT', '5432'],
    ['NEXTAUTH_SECRET', 'short'],
    ['REDIS_URL', 'http://localhost'],
    ['CUSTOMER_SIMULATOR', 'maybe'],
    ['TRUST_PROXY', 'yes'],
    ['SESSION_MAX_AGE_HOURS', '0'],
    ['SESSION_MAX_AGE_HOURS', 'forever'],
  ])('fails fast naming %s when it is %j', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^Invalid environment configuration:\\n\\s+${name}:`));
  });

  it('turns the customer simulator on outside production unless told otherwise', () => {
    expect(simulatorEnabled(parseEnv({}))).toBe(true);
    expect(simulatorEnabled(parseEnv({ NODE_ENV: 'production' }))).toBe(false);
    expect(simulatorEnabled(parseEnv({ NODE_ENV: 'production', CUSTOMER_SIMULATOR: 'on' }))).toBe(true);
    expect(simulatorEnabled(parseEnv({ CUSTOMER_SIMULATOR: 'off' }))).toBe(false);
  });

  it('accepts an external PostgreSQL URL', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db.internal:5432/nafidha' }).DATABASE_URL).toBe(
      'postgres://u:p@db.internal:5432/nafidha',
    );
  });

  it('takes a SECRETS_KEY of exactly 32 bytes in base64, and names it when it is not', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(parseEnv({ SECRETS_KEY: key }).SECRETS_KEY).toBe(key);
    expect(parseEnv({}).SECRETS_KEY).toBeUndefined();
    for (const bad of [Buffer.alloc(16, 7).toString('base64'), 'not base64 at all!', `${key}x`]) {
      expect(() => parseEnv({ SECRETS_KEY: bad })).toThrow(/SECRETS_KEY: must be 32 bytes in base64/);
    }
  });

  it('media: local files unless S3_BUCKET is set; the S3_* settings parse with their defaults', () => {
    const local = parseEnv({});
    expect(local.S3_BUCKET).toBeUndefined();
    expect(local.S3_REGION).toBe('us-east-1');
    expect(local.S3_FORCE_PATH_STYLE).toBe(false);
    expect(local.S3_PREFIX).toBe('');
    const s3 = parseEnv({ S3_BUCKET: 'media', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: 'true', S3_PREFIX: 'nafidha/prod' });
    expect(s3).toMatchObject({ S3_BUCKET: 'media', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_FORCE_PATH_STYLE: true, S3_PREFIX: 'nafidha/prod' });
    expect(() => parseEnv({ S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
    expect(() => parseEnv({ S3_PREFIX: '../x y' })).toThrow(/S3_PREFIX/);
    expect(() => parseEnv({ S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/S3_FORCE_PATH_STYLE/);
  });
});
