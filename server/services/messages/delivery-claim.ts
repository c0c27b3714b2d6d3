import { and, eq, inArray, sql } from 'drizzle-orm';
import type { TDbOrTx, TTx } from '@/db/client';
import { deliveryAttempts, messages } from '@/db/schema';
import type { TOutboundMessage } from '@/server/channels/adapter';
import { databaseNow } from '@/db/clock';
import { setStatus } from './message-status';

/** Transient failures retry 5 times (6 attempts), 2, 4, 8, 16, 32 s apart. */
export const SEND_RETRY_LIMIT = 5;

export type TClaim =
  | { kind: 'skip' }
  | { kind: 'wait'; until: Date; why: string }
  | { kind: 'exhausted'; attempts: number; lastError: { code: string } }
  | { kind: 'claimed'; attemptId: number; startedAt: Date; failedSoFar: number; pairLimitsSoFar: number };

/**
 * Under the message's row lock: nothing else may be calling for it, an attempt of unknown outcome is reconciled
 * (its grace still running: wait; over without evidence: lost, counted as a failed attempt), and the new attempt is
 * committed before anyone calls the provider. A status webhook adopting an attempt takes the same lock. A message that
 * Meta already has (an attempt accepted since it was queued) is never called for again, whatever its status says.
 */
export async function claimAttempt(
  db: TDbOrTx,
  outbound: TOutboundMessage & { workspaceId: string },
  workerId: number | null,
  graceMs: number,
): Promise<TClaim> {
  return db.transaction(async (tx): Promise<TClaim> => {
    const [message] = await tx
      .select({
        status: messages.status,
        providerMessageId: messages.providerMessageId,
        since: sql<string>`coalesce(${messages.statusUpdatedAt}, ${messages.createdAt})::text`,
      })
      .from(messages)
      .where(eq(messages.id, outbound.messageId))
      .for('update');
    if (message?.status !== 'queued') return { kind: 'skip' };
    // Since it was (re)queued: a retried message keeps the id and the accepted attempt of the send Meta then failed.
    const [accepted] = await tx
      .select({ providerMessageId: deliveryAttempts.providerMessageId })
      .from(deliveryAttempts)
      .where(
        and(
          eq(deliveryAttempts.messageId, outbound.messageId),
          eq(deliveryAttempts.state, 'accepted'),
          sql`${deliveryAttempts.startedAt} >= ${message.since}::timestamptz`,
        ),
      )
      .limit(1);
    if (accepted) {
      // Only a crash between an acceptance and its status could leave this: write the status it missed.
      const providerMessageId = message.providerMessageId ? {} : { providerMessageId: accepted.providerMessageId ?? undefined };
      await setStatus(tx, outbound.messageId, 'sent', providerMessageId);
      return { kind: 'skip' };
    }
    const now = await databaseNow(tx);
    const [open] = await tx
      .select({ id: deliveryAttempts.id, state: deliveryAttempts.state, startedAt: deliveryAttempts.startedAt })
      .from(deliveryAttempts)
      .where(and(eq(deliveryAttempts.messageId, outbound.messageId), inArray(deliveryAttempts.state, ['calling', 'unknown'])));
    // A call outlives its request timeout by far only if its outcome could not be recorded: treat it as unknown.
    const stale = open?.state === 'calling' && open.startedAt.getTime() < now.getTime() - STALE_CALL_MS;
    if (open?.state === 'calling' && !stale) {
      return { kind: 'wait', until: new Date(now.getTime() + 2000), why: 'another attempt is in flight' };
    }
    if (stale) await tx.update(deliveryAttempts).set({ state: 'unknown' }).where(eq(deliveryAttempts.id, open.id));
    if (open && (open.state === 'unknown' || stale)) {
      const graceEnd = new Date(open.startedAt.getTime() + graceMs);
      if (graceEnd > now) return { kind: 'wait', until: graceEnd, why: 'waiting for evidence of an attempt of unknown outcome' };
      await tx
        .update(deliveryAttempts)
        .set({ state: 'lost', finishedAt: now })
        .where(and(eq(deliveryAttempts.id, open.id), eq(deliveryAttempts.state, 'unknown')));
    }
    const [counts] = await tx
      .select({
        failed: sql<number>`count(*) filter (where ${deliveryAttempts.state} in ('failed', 'lost'))::int`,
        pair: sql<number>`count(*) filter (where ${deliveryAttempts.state} = 'throttled' and ${deliveryAttempts.errorCode} = ${PAIR_LIMIT_CODE})::int`,
        lastCode: sql<
          string | null
        >`(array_agg(${deliveryAttempts.errorCode} order by ${deliveryAttempts.id} desc) filter (where ${deliveryAttempts.state} in ('failed', 'lost')))[1]`,
      })
      .from(deliveryAttempts)
      .where(and(eq(deliveryAttempts.messageId, outbound.messageId), sql`${deliveryAttempts.startedAt} >= ${message.since}::timestamptz`));
    const failedSoFar = counts?.failed ?? 0;
    if (open && (open.state === 'unknown' || stale) && failedSoFar > SEND_RETRY_LIMIT) {
      return {
        kind: 'exhausted',
        attempts: failedSoFar,
        lastError: { code: counts?.lastCode ?? 'TIMEOUT' },
      };
    }
    const [created] = await tx
      .insert(deliveryAttempts)
      .values({ workspaceId: outbound.workspaceId, channelId: outbound.channel.id, messageId: outbound.messageId, workerId })
      .returning({ id: deliveryAttempts.id, startedAt: deliveryAttempts.startedAt });
    return { kind: 'claimed', attemptId: created!.id, startedAt: created!.startedAt, failedSoFar, pairLimitsSoFar: counts?.pair ?? 0 };
  });
}

const PAIR_LIMIT_CODE = '131056';
/** Far beyond a whole request (10 s) and the statements around it. */
const STALE_CALL_MS = 60_000;

/**
 * Records a provider's acceptance. Should that fail (the database unreachable, a deadlock), the attempt is marked
 * of unknown outcome if at all possible, so the message is reconciled (its status webhook adopts it) rather than
 * held forever by an attempt that still says "calling".
 */
export async function recordOrForget(db: TDbOrTx, attemptId: number, record: (tx: TTx) => Promise<unknown>) {
  try {
    await db.transaction(record);
  } catch (error) {
    await db
      .update(deliveryAttempts)
      .set({ state: 'unknown' })
      .where(and(eq(deliveryAttempts.id, attemptId), eq(deliveryAttempts.state, 'calling')))
      .catch(() => {});
    throw error;
  }
}

export async function finishAttempt(
  db: TDbOrTx,
  attemptId: number,
  state: 'accepted' | 'failed' | 'throttled' | 'unknown',
  extra: { providerMessageId?: string; errorCode?: string; errorReason?: string },
) {
  // Conditional: a status webhook may have adopted the attempt already (then it stays accepted). An acceptance is
  // recorded even over "unknown" (a sweeper that saw this worker's lease lapse mid-call): it is the evidence.
  const from: ('calling' | 'unknown')[] = state === 'accepted' ? ['calling', 'unknown'] : ['calling'];
  await db
    .update(deliveryAttempts)
    .set({ state, ...extra, finishedAt: state === 'unknown' ? null : sql`now()` })
    .where(and(eq(deliveryAttempts.id, attemptId), inArray(deliveryAttempts.state, from)));
}
