/**
 * Delivery receipts arrive out of order (a late "delivered" after "read"): a status only ever moves forward.
 * "failed" can follow queued or sent, never a delivered or read message.
 */
export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type TDeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const RANK: Record<TDeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 1.5 };

export function canMoveTo(current: TDeliveryStatus | null, next: TDeliveryStatus): boolean {
  if (current === null) return true;
  if (current === next) return false;
  if (current === 'failed') return next === 'delivered' || next === 'read';
  return RANK[next] > RANK[current];
}

/** The statuses a row may be in for `next` to apply: used as the UPDATE's condition, so the rule holds under races. */
export function statusesBefore(next: TDeliveryStatus): TDeliveryStatus[] {
  return DELIVERY_STATUSES.filter((s) => canMoveTo(s, next));
}

/**
 * One provider call's state. calling: recorded (committed) before the provider is called; accepted / failed: the
 * provider answered; throttled: a rate limit answered, not counted against the message's attempts; unknown: nobody
 * knows whether the provider accepted it; lost: an unknown attempt for which no evidence came within the grace period.
 */
export const DELIVERY_ATTEMPT_STATES = ['calling', 'accepted', 'failed', 'throttled', 'unknown', 'lost'] as const;
export type TDeliveryAttemptState = (typeof DELIVERY_ATTEMPT_STATES)[number];

/**
 * What the channel's adapter said of a failed send, kept on the message: a plain retry may fix it (transient: rate
 * limits, outages, timeouts), or something must change first (permanent). The Retry button and `message.retry`
 * both read this verdict, so no second list of codes can disagree with the adapter's own error table.
 */
export const FAILURE_KINDS = ['transient', 'permanent'] as const;
export type TFailureKind = (typeof FAILURE_KINDS)[number];

/**
 * What is kept beside a failure's code so its reason can be said in the reader's language: how many attempts were
 * made (a transient failure that ran out of retries), the HTTP status when there was no provider code, and the
 * provider's own title and details (English, from Meta), shown only when the code is not one we know.
 */
export type TFailureData = { attempts?: number; httpStatus?: number; title?: string; details?: string };

/**
 * Failures that need their own handling, whatever the verdict stored beside them says:
 * - 131049: Meta held back a marketing template for this customer's engagement (per-user marketing limit). Sending it
 *   again soon is what Meta refuses; the reason suggests a utility template or trying after 24 hours.
 * - 130472: the customer's number is part of a Meta experiment: the same send fails the same way.
 * - 131026: undeliverable (not on WhatsApp, an old app, terms not accepted): the contact is marked unreachable until
 *   they write again.
 */
export const HELD_BACK_MARKETING_CODE = '131049';
/** 131047 (re-engagement): the customer's window had closed. Free-form text cannot go again; a template can. */
export const WINDOW_CLOSED_CODE = '131047';
export const EXPERIMENT_CODE = '130472';
export const UNDELIVERABLE_CODE = '131026';
const NEVER_RETRIED: readonly string[] = [HELD_BACK_MARKETING_CODE, EXPERIMENT_CODE, UNDELIVERABLE_CODE];

export function mayRetry(message: {
  status: TDeliveryStatus | null;
  failureKind: TFailureKind | null;
  errorCode?: string | null;
  payload?: unknown;
}): boolean {
  if (message.errorCode && NEVER_RETRIED.includes(message.errorCode)) return false;
  // The business sent it from the WhatsApp Business app on its phone (an echo): not the inbox's to send again.
  if ((message.payload as { sentFrom?: unknown } | null | undefined)?.sentFrom === 'phone') return false;
  return message.status === 'failed' && message.failureKind === 'transient';
}

/**
 * What a failed message offers beside its reason: Retry where a plain retry may help (mayRetry), a template where the
 * window had closed (131047: the same text would fail again, an approved template reaches the customer), else
 * nothing (something has to change first, and the reason says what).
 */
export function failureAction(message: Parameters<typeof mayRetry>[0]): 'retry' | 'template' | null {
  if (message.status !== 'failed') return null;
  if (mayRetry(message)) return 'retry';
  if (message.errorCode === WINDOW_CLOSED_CODE && (message.payload as { sentFrom?: unknown } | null | undefined)?.sentFrom !== 'phone')
    return 'template';
  return null;
}
