import { describe, expect, it } from 'vitest';
import { mayAssign, mayBulkAct } from './assignment-rules';

const agent = { id: 'a', role: 'agent' as const };
const supervisor = { id: 's', role: 'supervisor' as const };

describe('mayAssign', () => {
  it.each<[string | null, string | null, boolean, string]>([
    [null, 'a', true, 'takes unassigned work for themselves'],
    [null, 'b', false, 'cannot give unassigned work to someone else'],
    ['a', 'b', true, 'hands their own over'],
    ['a', 'a', true, 'keeps their own'],
    ['a', null, false, 'cannot just drop their own into Unassigned'],
    ['b', 'a', false, 'cannot take someone else’s'],
    ['b', null, false, 'cannot unassign someone else'],
  ])('an agent: %s → %s is %s (%s)', (current, next, allowed) => {
    expect(mayAssign(agent, current, next)).toBe(allowed);
  });

  it('lets supervisors and admins assign anything', () => {
    expect(mayAssign(supervisor, 'b', null)).toBe(true);
    expect(mayAssign({ id: 'x', role: 'admin' }, null, 'b')).toBe(true);
  });

  it('keeps bulk actions for supervisors and admins', () => {
    expect([mayBulkAct('agent'), mayBulkAct('supervisor'), mayBulkAct('admin')]).toEqual([false, true, true]);
  });
});
