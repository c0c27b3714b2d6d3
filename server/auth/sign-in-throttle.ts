import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { throttleUnit } from '@/server/domain/client-address';

/**
 * A shared-office tool: ten tries for one account per quarter hour is plenty for a person and nothing for a guesser;
 * one office behind one address can still fail a hundred times (successes are free) before it has to wait.
 */
export const SIGN_IN_LIMITS = { windowSeconds: 15 * 60, attemptsPerEmail: 10, failuresPerAddress: 100 };

export type TSignInLimits = typeof SIGN_IN_LIMITS;
export type TSignInGate = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type TSignInThrottle = {
  /**
   * Counts an attempt on the email and, unless the email is already refused, on the address, and says whether
   * either has used up its window. Both are counted before the password hash, in one statement.
   */
  begin: (email: string, address: string) => Promise<TSignInGate>;
  /** A right password: the account's count starts again and the address gets its attempt back. */
  succeeded: (email: string, address: string) => Promise<void>;
};

const digest = (kind: 'email' | 'address', value: string) => createHash('sha256').update(`${kind}:${value}`).digest('hex');

/**
 * Fixed windows in PostgreSQL (sign_in_throttle), one row per key, counted by an atomic upsert: every instance of the
 * app counts against the same budget, and parallel attempts each get their own count. Both keys are counted before
 * the password is checked, so a burst (on one account, or of many emails from one address) cannot slip through
 * while the first attempts are hashing. A success gives the address its attempt back, so what the address budget
 * holds is failures plus the attempts still hashing: an office of many people signing in at once is never slowed.
 *
 * Our own table rather than rate-limiter-flexible's Postgres store: that store needs a `pg` pool of its own and creates
 * its table at run time, outside the migrations; here one statement on the app's pool counts both keys, the keys
 * are hashed, the table is migrated like every other, and tests drive the clock.
 */
export function createSignInThrottle(
  db: TDbOrTx,
  options: { now?: () => Date; limits?: TSignInLimits } = {},
): TSignInThrottle {
  const now = options.now ?? (() => new Date());
  const limits = options.limits ?? SIGN_IN_LIMITS;
  const windowMs = limits.windowSeconds * 1000;
  let sweptAt = 0;

  const windowOf = () => {
    const at = now();
    return { at, atIso: at.toISOString(), cutoffIso: new Date(at.getTime() - windowMs).toISOString() };
  };
  const secondsLeft = (startedAt: Date, at: Date) => Math.max(1, Math.ceil((startedAt.getTime() + windowMs - at.getTime()) / 1000));
  const onConflict = (cutoffIso: string) => sql`
    on conflict (key) do update set
      window_started_at = case when t.window_started_at <= ${cutoffIso}::timestamptz then excluded.window_started_at else t.window_started_at end,
      hits = case when t.window_started_at <= ${cutoffIso}::timestamptz then 1 else t.hits + 1 end
    returning hits, window_started_at`;

  return {
    async begin(email, address) {
      const { at, atIso, cutoffIso } = windowOf();
      const addressKey = digest('address', throttleUnit(address));
      // An attempt the email already refuses never reaches the hash, so it is not charged to the address.
      const rows = await db.execute<{ email_hits: number; email_started: Date; address_hits: number | null; address_started: Date | null }>(sql`
        with email as (
          insert into sign_in_throttle as t (key, window_started_at, hits) values (${digest('email', email)}, ${atIso}::timestamptz, 1)
          ${onConflict(cutoffIso)}
        ), address as (
          insert into sign_in_throttle as t (key, window_started_at, hits)
          select ${addressKey}, ${atIso}::timestamptz, 1 from email where email.hits <= ${limits.attemptsPerEmail}
          ${onConflict(cutoffIso)}
        )
        select e.hits as email_hits, e.window_started_at as email_started, a.hits as address_hits, a.window_started_at as address_started
        from email e left join address a on true`);
      const row = rows[0]!;
      const waits: number[] = [];
      if (row.email_hits > limits.attemptsPerEmail) waits.push(secondsLeft(new Date(row.email_started), at));
      if (row.address_hits !== null && row.address_started && row.address_hits > limits.failuresPerAddress) {
        waits.push(secondsLeft(new Date(row.address_started), at));
      }
      // Finished windows are only clutter: cleared now and then, never on every attempt.
      if (at.getTime() - sweptAt > 60_000) {
        sweptAt = at.getTime();
        await db.execute(sql`delete from sign_in_throttle where window_started_at <= ${cutoffIso}::timestamptz`);
      }
      return waits.length ? { allowed: false, retryAfterSeconds: Math.max(...waits) } : { allowed: true };
    },

    async succeeded(email, address) {
      const { cutoffIso } = windowOf();
      await db.execute(sql`delete from sign_in_throttle where key = ${digest('email', email)}`);
      await db.execute(sql`
        update sign_in_throttle set hits = hits - 1
        where key = ${digest('address', throttleUnit(address))} and hits > 0 and window_started_at > ${cutoffIso}::timestamptz`);
    },
  };
}
