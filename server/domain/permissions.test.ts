import { describe, expect, it } from 'vitest';
import { caseLabel, PERMISSION_CASES, permissionRows, type TPerson } from './permission-cases';
import { ACTIONS, can, ROLES, type TAction, type TPermissionActor } from './permissions';

const ME = 'user-me';
const OTHER = 'user-other';
const idOf = (person: TPerson) => (person === 'me' ? ME : person === 'other' ? OTHER : null);

describe('can', () => {
  it.each(permissionRows().map((row) => [caseLabel(row), row] as const))('%s', (_label, row) => {
    const actor: TPermissionActor = { userId: ME, role: row.role, agentsSeeAll: row.agentsSeeAll ?? true };
    const subject = row.subject && { assigneeId: idOf(row.subject.assignee), nextAssigneeId: idOf(row.subject.next ?? null) };
    const allowed = (can as (a: TPermissionActor, action: TAction, subject?: unknown) => boolean)(actor, row.action, subject);
    expect(allowed).toBe(row.expected);
  });

  it('has a row for every action, for every role', () => {
    expect(new Set(PERMISSION_CASES.map((c) => c.action))).toEqual(new Set(ACTIONS));
    for (const c of PERMISSION_CASES) expect(Object.keys(c.allowed).sort()).toEqual([...ROLES].sort());
  });

  it('"agents see all" widens only what agents see, never what they may change', () => {
    const restricted = { userId: ME, role: 'agent' as const, agentsSeeAll: false };
    const open = { ...restricted, agentsSeeAll: true };
    expect(can(restricted, 'conversation.close', { assigneeId: OTHER })).toBe(false);
    expect(can(open, 'conversation.close', { assigneeId: OTHER })).toBe(false);
    expect(can(open, 'conversation.assign', { assigneeId: OTHER, nextAssigneeId: ME })).toBe(false);
    expect(can({ ...restricted, role: 'supervisor' }, 'conversation.seeAll')).toBe(true);
  });
});
