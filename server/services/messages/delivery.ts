import type { TDbOrTx } from '@/db/client';
import type { TSendResult } from '@/server/channels/adapter';
import { adapterFor } from '@/server/channels/registry';
import { pairLimitDelayMs, throttlePauseMs } from '@/server/domain/breaker';
import { env } from '@/server/env';
import { logger } from '@/server/logger';
import { databaseNow } from '@/db/clock';
import { recordBreakerEvent } from './breaker';
import { markChannelNeedsAttention } from '@/server/services/whatsapp/channel-status';
import { claimAttempt, finishAttempt, recordOrForget, SEND_RETRY_LIMIT } from './delivery-claim';
import { loadOutbound } from './delivery-outbound';
import { uploadPendingMedia } from './delivery-media';
import { englishFailureReason } from '@/server/i18n/english';
import { markWindowClosed, setStatus, WINDOW_CLOSED_CODE } from './message-status';

export { applyReceipt } from './delivery-receipts';
export { WINDOW_CLOSED_CODE } from './message-status';
export { SEND_RETRY_LIMIT } from './delivery-claim';

export type TAttempt = { retryCount: number; retryLimit: number };
export type TDeliveryOutcome = {
  outcome: 'sent' | 'failed' | 'skipped';
  providerMessageId?: string;
  followUps?: ReturnType<NonNullable<ReturnType<typeof adapterFor>['followUps']>>;
};
export type TDeliverOptions = {
  /** The worker process's lease (see jobs/worker-lease.ts); attempts made outside a worker have none. */
  workerId?: number | null;
  /** This send is the probe of its number's half-open breaker. */
  probe?: boolean;
  graceMs?: number;
};

const retryDelayMs = (retryCount: number) => 1000 * 2 ** (retryCount + 1);

/**
 * Thrown to let the queue try later; the message stays queued meanwhile. `retryAt` says when; `counted` whether
 * this used one of the message's attempts (a deferral for a rate limit, a paused number or a reconciliation does not).
 */
export class TransientDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAt: Date,
    readonly counted: boolean,
  ) {
    super(message);
  }
}

/**
 * Delivers one queued message through its channel's adapter, at most once: the attempt is recorded (committed)
 * before the provider is called, and a message whose previous attempt's outcome is unknown is not called again
 * until the grace period for Meta's status webhook has passed without one (a webhook carrying our opaque data
 * adopts the attempt instead). Transient failures throw (the caller reschedules) until the last attempt, which
 * fails the message with a readable reason, so nothing ends stuck in "queued".
 * `attempt` overrides the retry count kept in delivery_attempts (callers that count for themselves).
 */
export async function deliverMessage(
  db: TDbOrTx,
  messageId: number,
  attempt?: TAttempt,
  options: TDeliverOptions = {},
): Promise<TDeliveryOutcome> {
  const outbound = await loadOutbound(db, messageId);
  if (!outbound) return { outcome: 'skipped' };
  // Queued before an admin disconnected the channel: it will not go out (permanent; reconnecting does not resend it).
  if (outbound.channelStatus === 'disconnected') {
    await setStatus(db, messageId, 'failed', { failure: { code: CHANNEL_DISCONNECTED_CODE, kind: 'permanent', data: {} } });
    return { outcome: 'failed' };
  }
  const claim = await claimAttempt(db, outbound, options.workerId ?? null, options.graceMs ?? reconcileGraceMs());
  if (claim.kind === 'skip') return { outcome: 'skipped' };
  if (claim.kind === 'wait') throw new TransientDeliveryError(claim.why, claim.until, false);
  if (claim.kind === 'exhausted') {
    // Only transient failures are counted and retried, so running out of attempts is always a transient failure.
    await setStatus(db, messageId, 'failed', {
      failure: { code: claim.lastError.code, kind: 'transient', data: { attempts: claim.attempts } },
    });
    return { outcome: 'failed' };
  }
  const retryCount = attempt?.retryCount ?? claim.failedSoFar;
  const retryLimit = attempt?.retryLimit ?? SEND_RETRY_LIMIT;

  const adapter = adapterFor(outbound.channel.type, outbound.channel.config);
  let result: TSendResult;
  try {
    // A file goes up first (once: its provider id is kept); a failed upload is this attempt's outcome.
    result = (await uploadPendingMedia(db, outbound, adapter)) ?? (await adapter.send({ ...outbound, attemptId: claim.attemptId }));
  } catch (error) {
    logger.warn({ err: error, messageId }, 'adapter threw; treating as transient');
    result = { ok: false as const, retry: 'transient' as const, code: 'ADAPTER_ERROR' };
  }

  if (result.ok) {
    const accepted = result.providerMessageId;
    // The message row first, then its attempt: the order a status webhook adopting it locks them in.
    await recordOrForget(db, claim.attemptId, (tx) =>
      setStatus(tx, messageId, 'sent', { providerMessageId: accepted }).then(() =>
        finishAttempt(tx, claim.attemptId, 'accepted', { providerMessageId: accepted }),
      ),
    );
    await recordBreakerEvent(db, outbound.channel.id, 'answered', options.probe ?? false);
    return {
      outcome: 'sent',
      providerMessageId: result.providerMessageId,
      followUps: adapter.followUps?.(outbound, result.providerMessageId),
    };
  }

  const breakerEvent = result.throttle === 'number' ? 'throttled' : result.unreachable ? 'failure' : 'answered';
  const breaker = await recordBreakerEvent(db, outbound.channel.id, breakerEvent, options.probe ?? false, result.code);
  const reason = englishFailureReason(result.code, result.data);
  const error = { errorCode: result.code, errorReason: reason };
  const now = await databaseNow(db);
  if (result.throttle) {
    await finishAttempt(db, claim.attemptId, 'throttled', error);
    const until =
      result.throttle === 'number'
        ? (breaker?.throttledUntil ?? new Date(now.getTime() + throttlePauseMs(1)))
        : new Date(now.getTime() + pairLimitDelayMs(claim.pairLimitsSoFar + 1));
    throw new TransientDeliveryError(`${result.code}: ${reason}`, until, false);
  }
  const last = result.retry !== 'transient' || retryCount >= retryLimit;
  if (result.outcomeUnknown) {
    // It may have been accepted: keep the attempt open for its status webhook, and never resend before the grace.
    await finishAttempt(db, claim.attemptId, 'unknown', error);
    if (!last) {
      const graceEnd = claim.startedAt.getTime() + (options.graceMs ?? reconcileGraceMs());
      const until = new Date(Math.max(graceEnd, now.getTime() + retryDelayMs(retryCount)));
      throw new TransientDeliveryError(`${result.code}: ${reason}`, until, true);
    }
  } else {
    await finishAttempt(db, claim.attemptId, 'failed', error);
    if (!last) throw new TransientDeliveryError(`${result.code}: ${reason}`, new Date(now.getTime() + retryDelayMs(retryCount)), true);
  }
  if (result.retry === 'permanent' && result.channelNeedsAttention) {
    await markChannelNeedsAttention(db, outbound.channel.id, { code: result.code, data: result.data ?? null });
  }
  // Meta said the window had closed: the same correction as when it says so later in a status webhook.
  if (result.code === WINDOW_CLOSED_CODE) {
    await markWindowClosed(db, messageId, result.data);
    return { outcome: 'failed' };
  }
  const data = result.retry === 'transient' ? { ...result.data, attempts: retryCount + 1 } : result.data;
  await setStatus(db, messageId, 'failed', { failure: { code: result.code, kind: result.retry, data } });
  return { outcome: 'failed' };
}

/** The failure code of a message whose channel was disconnected before it went out (catalogs: deliveryErrors). */
export const CHANNEL_DISCONNECTED_CODE = 'CHANNEL_DISCONNECTED';

export function reconcileGraceMs(): number {
  return env().DELIVERY_RECONCILE_GRACE_SECONDS * 1000;
}
