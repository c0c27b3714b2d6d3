/**
 * Delivery receipts arrive out of order (a late "delivered" after "read"): a status only ever moves forward.
 * "failed" can follow queued or sent, never a delivered or read message.
 */
export type TDeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

const RANK: Record<TDeliveryStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 1.5 };

export function canMoveTo(current: TDeliveryStatus | null, next: TDeliveryStatus): boolean {
  if (current === null) return true;
  if (current === next) return false;
  if (current === 'failed') return next === 'delivered' || next === 'read';
  return RANK[next] > RANK[current];
}

/** The statuses a row may be in for `next` to apply: used as the UPDATE's condition, so the rule holds under races. */
export function statusesBefore(next: TDeliveryStatus): TDeliveryStatus[] {
  return (['queued', 'sent', 'delivered', 'read', 'failed'] as const).filter((s) => canMoveTo(s, next));
}
