import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '@/db/seed/demo';
import { DEMO_PASSWORD, DEMO_USERS } from '@/db/seed/demo-users';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createSignInThrottle } from '@/server/auth/sign-in-throttle';
import { attemptSignIn } from './auth';

let database: TTestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemo(database.db, new Date());
});
afterAll(() => database.drop());

const verifyCredentials = (db: TTestDatabase['db'], credentials: unknown) =>
  attemptSignIn(db, createSignInThrottle(db), { credentials, address: '192.0.2.10' });

describe('attemptSignIn', () => {
  it.each(DEMO_USERS.map((u) => [u.role, u.email]))('lets the demo %s %s sign in', async (_role, email) => {
    const result = await verifyCredentials(database.db, { email, password: DEMO_PASSWORD });
    expect(result).toMatchObject({ ok: true, user: { email } });
  });

  it('ignores the case of the email', async () => {
    expect((await verifyCredentials(database.db, { email: 'AGENT1@Nafidha.test', password: DEMO_PASSWORD })).ok).toBe(true);
  });

  it('refuses a wrong password and an unknown email with the same error', async () => {
    expect(await verifyCredentials(database.db, { email: 'agent1@nafidha.test', password: 'nafidha-demo!' })).toEqual({
      ok: false,
      error: 'INVALID_CREDENTIALS',
    });
    expect(await verifyCredentials(database.db, { email: 'nobody@nafidha.test', password: DEMO_PASSWORD })).toEqual({
      ok: false,
      error: 'INVALID_CREDENTIALS',
    });
  });

  it('refuses a 10 kB password before hashing it', async () => {
    expect(await verifyCredentials(database.db, { email: 'agent1@nafidha.test', password: 'x'.repeat(10_240) })).toEqual({
      ok: false,
      error: 'PASSWORD_TOO_LONG',
    });
  });
});
