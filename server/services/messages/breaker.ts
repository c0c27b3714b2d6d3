import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { TDbOrTx } from '@/db/client';
import { channelBreakers, channels } from '@/db/schema';
import { BREAKER_PROBE_LEASE_MS, CLOSED, nextBreaker, type TBreaker, type TBreakerEvent } from '@/server/domain/breaker';
import { notify } from '@/server/realtime/notify';
import { databaseNow } from '@/db/clock';

const columns = {
  channelId: channelBreakers.channelId,
  state: channelBreakers.state,
  consecutiveFailures: channelBreakers.consecutiveFailures,
  openings: channelBreakers.openings,
  openUntil: channelBreakers.openUntil,
  probeUntil: channelBreakers.probeUntil,
  throttles: channelBreakers.throttles,
  throttledUntil: channelBreakers.throttledUntil,
};

/** The breakers of these numbers (numbers without a row have never failed: closed). */
export async function breakersOf(db: TDbOrTx, channelIds: string[]): Promise<Map<string, TBreaker>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db.select(columns).from(channelBreakers).where(inArray(channelBreakers.channelId, channelIds));
  return new Map(rows.map(({ channelId, ...breaker }) => [channelId, breaker]));
}

/** Takes the single probe of a half-open breaker; false when another worker took it first. */
export async function takeProbe(db: TDbOrTx, channelId: string): Promise<boolean> {
  const taken = await db
    .update(channelBreakers)
    .set({ probeUntil: sql`now() + ${`${BREAKER_PROBE_LEASE_MS} milliseconds`}::interval`, updatedAt: sql`now()` })
    .where(
      and(
        eq(channelBreakers.channelId, channelId),
        eq(channelBreakers.state, 'open'),
        sql`${channelBreakers.openUntil} <= now()`,
        or(sql`${channelBreakers.probeUntil} is null`, sql`${channelBreakers.probeUntil} <= now()`),
      ),
    )
    .returning({ channelId: channelBreakers.channelId });
  return taken.length === 1;
}

/**
 * Applies one send's outcome to its number's breaker, under the row's lock (every worker process shares it). An
 * answer from a number with nothing to remember writes nothing, so healthy sends cost no extra write. Opening and
 * closing are announced (number.changed), so the numbers page and the number's open conversations update live.
 */
export async function recordBreakerEvent(
  db: TDbOrTx,
  channelId: string,
  event: TBreakerEvent,
  probe: boolean,
  errorCode?: string,
): Promise<TBreaker | null> {
  if (event === 'answered') {
    const [row] = await db
      .select({ state: channelBreakers.state })
      .from(channelBreakers)
      .where(
        and(
          eq(channelBreakers.channelId, channelId),
          sql`not (${channelBreakers.state} = 'closed' and ${channelBreakers.consecutiveFailures} = 0 and ${channelBreakers.throttles} = 0)`,
        ),
      );
    if (!row) return null;
  }
  return db.transaction(async (tx) => {
    const [channel] = await tx.select({ workspaceId: channels.workspaceId }).from(channels).where(eq(channels.id, channelId));
    if (!channel) return null;
    await tx.insert(channelBreakers).values({ channelId, workspaceId: channel.workspaceId }).onConflictDoNothing();
    const [row] = await tx.select(columns).from(channelBreakers).where(eq(channelBreakers.channelId, channelId)).for('update');
    const { channelId: _id, ...current } = row ?? { channelId, ...CLOSED };
    const now = await databaseNow(tx);
    const next = nextBreaker(current, event, now, probe);
    const opened = current.state === 'closed' && next.state === 'open';
    await tx
      .update(channelBreakers)
      .set({
        ...next,
        ...(opened ? { openedAt: now } : next.state === 'closed' ? { openedAt: null } : {}),
        ...(event === 'answered' ? {} : { lastErrorCode: errorCode ?? null }),
        updatedAt: now,
      })
      .where(eq(channelBreakers.channelId, channelId));
    if (current.state !== next.state) await notify(tx, { type: 'number.changed', workspaceId: channel.workspaceId, channelId });
    return next;
  });
}

/** Whether a number's sends are paused because WhatsApp is not answering for it (what people are shown). */
export async function notAnsweringSince(db: TDbOrTx, channelIds: string[]): Promise<Map<string, Date>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db
    .select({ channelId: channelBreakers.channelId, openedAt: channelBreakers.openedAt })
    .from(channelBreakers)
    .where(and(inArray(channelBreakers.channelId, channelIds), eq(channelBreakers.state, 'open')));
  return new Map(rows.map((r) => [r.channelId, r.openedAt ?? new Date()]));
}
