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
