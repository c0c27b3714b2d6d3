import type { TRole } from './permissions';

/**
 * Who may change a conversation's assignee. Agents take unassigned work for themselves and hand over their own;
 * supervisors and admins assign anything to anyone (or nobody), one or many at a time.
 */
export function mayAssign(actor: { id: string; role: TRole }, current: string | null, next: string | null): boolean {
  if (actor.role !== 'agent') return true;
  if (current === null) return next === actor.id;
  if (current === actor.id) return next !== null;
  return false;
}

export function mayBulkAct(role: TRole): boolean {
  return role !== 'agent';
}

/** Failures a plain retry can fix (rate limits, outages); for the rest the agent must change something first. */
const RETRIABLE = new Set(['SIM_UNAVAILABLE', 'ADAPTER_ERROR', '130429', '131056', '131000', '131057', 'HTTP_5XX', 'TIMEOUT']);

export function isRetriable(errorCode: string | null): boolean {
  return errorCode !== null && RETRIABLE.has(errorCode);
}
