import type { TRole } from '@/server/services/workspaces/context';

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
