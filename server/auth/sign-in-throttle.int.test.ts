import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connect, type TDatabase } from '@/db/client';
import { users } from '@/db/schema';
import { attemptSignIn } from '@/server/services/workspaces/auth';
import { hashPassword } from '@/server/services/workspaces/passwords';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createSignInThrottle, SIGN_IN_LIMITS } from './sign-in-throttle';

const EMAIL = 'maha@throttle.test';
const PASSWORD = 'the-right-password';
const WINDOW_MS = SIGN_IN_LIMITS.windowSeconds * 1000;

let database: TTestDatabase;
let secondInstance: TDatabase;
let now: Date;
const clock = () => now;

beforeAll(async () => {
  database = await createTestDatabase();
  secondInstance = connect(database.url, { max: 2 });
  await database.db.insert(users).values({ email: EMAIL, name: 'Maha', passwordHash: await hashPassword(PASSWORD) });
});
afterAll(async () => {
  await secondInstance.sql.end();
  await database.drop();
});
beforeEach(async () => {
  now = new Date('2026-03-01T09:00:00Z');
  await database.sql`delete from sign_in_throttle`;
});

const throttle = () => createSignInThrottle(database.db, { now: clock });
// Every counted attempt hashes a password (argon2, slow by design): the per-address tests run with a small budget.
const ADDRESS_LIMITS = { ...SIGN_IN_LIMITS, failuresPerAddress: 6 };
const smallAddressBudget = () => createSignInThrottle(database.db, { now: clock, limits: ADDRESS_LIMITS });
const attempt = (t: ReturnType<typeof throttle>, email: string, password: string, address = '203.0.113.7') =>
  attemptSignIn(database.db, t, { credentials: { email, password }, address });

describe('sign-in throttling', () => {
  it('answers 10 wrong passwords, refuses the next 250 and then the right one, until the window has passed', async () => {
    const t = throttle();
    const results = [];
    for (let i = 0; i < 260; i++) {
      results.push(await attempt(t, EMAIL, `guess-${i}`));
      now = new Date(now.getTime() + 1000);
    }
    expect(results.slice(0, 10).map((r) => !r.ok && r.error)).toEqual(Array(10).fill('INVALID_CREDENTIALS'));
    expect(results.slice(10).every((r) => !r.ok && r.error === 'TOO_MANY_ATTEMPTS')).toBe(true);

    const refused = await attempt(t, EMAIL, PASSWORD);
    // The window opened at the first attempt, 260 s ago.
    expect(refused).toEqual({ ok: false, error: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: SIGN_IN_LIMITS.windowSeconds - 260 });

    now = new Date(Date.parse('2026-03-01T09:00:00Z') + WINDOW_MS - 1000);
    expect(await attempt(t, EMAIL, PASSWORD)).toMatchObject({ ok: false, error: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 1 });
    now = new Date(Date.parse('2026-03-01T09:00:00Z') + WINDOW_MS);
    expect(await attempt(t, EMAIL, PASSWORD)).toMatchObject({ ok: true, user: { email: EMAIL } });
  });

  it('throttles an email without an account exactly the same, whatever its case and spacing', async () => {
    const t = throttle();
    const results = [];
    for (let i = 0; i < 12; i++) results.push(await attempt(t, i % 2 ? ' Nobody@Throttle.TEST ' : 'nobody@throttle.test', 'x'));
    expect(results.map((r) => !r.ok && r.error)).toEqual([...Array(10).fill('INVALID_CREDENTIALS'), 'TOO_MANY_ATTEMPTS', 'TOO_MANY_ATTEMPTS']);
    expect(results[10]).toEqual({ ok: false, error: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: SIGN_IN_LIMITS.windowSeconds });
  });

  it('starts the count again after a success', async () => {
    const t = throttle();
    for (let i = 0; i < 9; i++) expect((await attempt(t, EMAIL, 'wrong')).ok).toBe(false);
    expect((await attempt(t, EMAIL, PASSWORD)).ok).toBe(true);
    const after = [];
    for (let i = 0; i < 11; i++) after.push(await attempt(t, EMAIL, 'wrong'));
    expect(after.map((r) => !r.ok && r.error)).toEqual([...Array(10).fill('INVALID_CREDENTIALS'), 'TOO_MANY_ATTEMPTS']);
  });

  it('counts across app instances: two throttles on two connection pools of one database share the budget', async () => {
    const a = throttle();
    const b = createSignInThrottle(secondInstance.db, { now: clock });
    const results = [];
    for (let i = 0; i < 11; i++) {
      const t = i % 2 ? b : a;
      results.push(await attemptSignIn(i % 2 ? secondInstance.db : database.db, t, { credentials: { email: EMAIL, password: 'wrong' }, address: '1.2.3.4' }));
    }
    expect(results.map((r) => !r.ok && r.error)).toEqual([...Array(10).fill('INVALID_CREDENTIALS'), 'TOO_MANY_ATTEMPTS']);
    expect((await attemptSignIn(secondInstance.db, b, { credentials: { email: EMAIL, password: PASSWORD }, address: '1.2.3.4' })).ok).toBe(false);
  });

  it('lets a burst of parallel attempts on one account reach the password check 10 times, not more', async () => {
    const t = throttle();
    const results = await Promise.all(Array.from({ length: 30 }, () => attempt(t, EMAIL, 'wrong')));
    const errors = results.map((r) => !r.ok && r.error);
    expect(errors.filter((e) => e === 'INVALID_CREDENTIALS')).toHaveLength(10);
    expect(errors.filter((e) => e === 'TOO_MANY_ATTEMPTS')).toHaveLength(20);
  });

  it('stops one address after its failures, spread over many emails, right password included; other addresses go on', async () => {
    const t = smallAddressBudget();
    for (let i = 0; i < ADDRESS_LIMITS.failuresPerAddress; i++) {
      expect(await attempt(t, `spray${i}@throttle.test`, 'x', '198.51.100.20')).toMatchObject({ error: 'INVALID_CREDENTIALS' });
    }
    expect(await attempt(t, EMAIL, PASSWORD, '198.51.100.20')).toMatchObject({ ok: false, error: 'TOO_MANY_ATTEMPTS' });
    expect((await attempt(t, EMAIL, PASSWORD, '198.51.100.21')).ok).toBe(true);
  });

  it('lets a parallel burst of different emails from one address reach the password check only as often as its budget', async () => {
    const t = smallAddressBudget();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(t, `burst${i}@throttle.test`, 'x', '198.51.100.30')));
    const errors = results.map((r) => !r.ok && r.error);
    expect(errors.filter((e) => e === 'INVALID_CREDENTIALS')).toHaveLength(ADDRESS_LIMITS.failuresPerAddress);
    expect(errors.filter((e) => e === 'TOO_MANY_ATTEMPTS')).toHaveLength(30 - ADDRESS_LIMITS.failuresPerAddress);
  });

  it('gives a success back to the address but keeps its failures counted', async () => {
    const t = smallAddressBudget();
    for (let i = 0; i < ADDRESS_LIMITS.failuresPerAddress - 1; i++) await attempt(t, `office${i}@throttle.test`, 'x', '192.0.2.40');
    for (let i = 0; i < 10; i++) expect((await attempt(t, EMAIL, PASSWORD, '192.0.2.40')).ok).toBe(true);
    expect(await attempt(t, 'office-last@throttle.test', 'x', '192.0.2.40')).toMatchObject({ error: 'INVALID_CREDENTIALS' });
    expect(await attempt(t, EMAIL, PASSWORD, '192.0.2.40')).toMatchObject({ ok: false, error: 'TOO_MANY_ATTEMPTS' });
  });

  it('counts an IPv6 attacker by the /64 they can pick addresses from', async () => {
    const t = smallAddressBudget();
    for (let i = 0; i < ADDRESS_LIMITS.failuresPerAddress; i++) {
      await attempt(t, `v6-${i}@throttle.test`, 'x', `2001:db8:7:7::${i.toString(16)}`);
    }
    expect(await attempt(t, EMAIL, PASSWORD, '2001:db8:7:7:ffff::1')).toMatchObject({ error: 'TOO_MANY_ATTEMPTS' });
    expect((await attempt(t, EMAIL, PASSWORD, '2001:db8:7:8::1')).ok).toBe(true);
  });

  it('does not count successes against the address: a whole office signs in from one address', async () => {
    const t = smallAddressBudget();
    for (let i = 0; i < ADDRESS_LIMITS.failuresPerAddress + 4; i++) expect((await attempt(t, EMAIL, PASSWORD, '192.0.2.1')).ok).toBe(true);
  });

  it('refuses malformed input without counting it, and keeps no email in the table', async () => {
    const t = throttle();
    for (let i = 0; i < 20; i++) expect(await attempt(t, EMAIL, 'x'.repeat(10_000))).toMatchObject({ error: 'PASSWORD_TOO_LONG' });
    expect((await attempt(t, EMAIL, PASSWORD)).ok).toBe(true);
    await attempt(t, EMAIL, 'wrong');
    const rows = await database.sql<{ key: string }[]>`select key from sign_in_throttle`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key))).toBe(true);
  });
});
