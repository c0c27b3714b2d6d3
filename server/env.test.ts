import { describe, expect, it } from 'vitest';
import { parseEnv } from './env';

describe('parseEnv', () => {
  it('applies the defaults: port 3000, embedded database, demo data on', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SEED_DEMO).toBe(true);
    expect(env.DATA_DIR).toBe('.data');
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
  ])('fails fast naming %s when it is %j', (name, value) => {
    expect(() => parseEnv({ [name]: value })).toThrow(new RegExp(`^Invalid environment configuration:\\n\\s+${name}:`));
  });

  it('accepts an external PostgreSQL URL', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db.internal:5432/nafidha' }).DATABASE_URL).toBe(
      'postgres://u:p@db.internal:5432/nafidha',
    );
  });
});
