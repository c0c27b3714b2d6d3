import { ROLES, type TAction, type TRole } from './permissions';

/**
 * The permission table, written out by hand rather than derived from `can`: the unit test runs it against `can`,
 * the integration test against the real procedures, so the server refuses exactly what the table refuses, and the
 * browser (which asks `can`) offers exactly the rest. People are relative to the actor: `me`, someone `other`, or
 * nobody (null).
 */
export type TPerson = 'me' | 'other' | null;

export type TPermissionCase = {
  action: TAction;
  /** The conversation's current assignee, and for assign the new one. */
  subject?: { assignee: TPerson; next?: TPerson };
  /** The workspace's "agents see all" setting (on unless stated). */
  agentsSeeAll?: boolean;
  allowed: Record<TRole, boolean>;
  why: string;
};

const everyone = { agent: true, supervisor: true, admin: true };
const leads = { agent: false, supervisor: true, admin: true };
const admins = { agent: false, supervisor: false, admin: true };

export const PERMISSION_CASES: readonly TPermissionCase[] = [
  { action: 'conversation.view', subject: { assignee: 'other' }, allowed: everyone, why: 'agents see all by default' },
  { action: 'conversation.view', subject: { assignee: 'other' }, agentsSeeAll: false, allowed: leads, why: 'restricted agents do not see others’' },
  { action: 'conversation.view', subject: { assignee: 'me' }, agentsSeeAll: false, allowed: everyone, why: 'everyone sees their own' },
  { action: 'conversation.view', subject: { assignee: null }, agentsSeeAll: false, allowed: everyone, why: 'everyone sees unassigned work' },
  { action: 'conversation.seeAll', allowed: everyone, why: 'the All view, by default' },
  { action: 'conversation.seeAll', agentsSeeAll: false, allowed: leads, why: 'restricted agents get Mine and Unassigned only' },
  { action: 'conversation.close', subject: { assignee: 'me' }, allowed: everyone, why: 'everyone closes their own' },
  { action: 'conversation.close', subject: { assignee: null }, allowed: everyone, why: 'anyone closes unassigned work' },
  { action: 'conversation.close', subject: { assignee: 'other' }, allowed: leads, why: 'someone else’s is for its assignee or a supervisor' },
  { action: 'conversation.reopen', allowed: everyone, why: 'anyone who sees a closed conversation reopens it' },
  { action: 'conversation.assign', subject: { assignee: null, next: 'me' }, allowed: everyone, why: 'takes unassigned work for themselves' },
  { action: 'conversation.assign', subject: { assignee: null, next: 'other' }, allowed: leads, why: 'agents cannot give unassigned work away' },
  { action: 'conversation.assign', subject: { assignee: 'me', next: 'other' }, allowed: everyone, why: 'hands their own over' },
  { action: 'conversation.assign', subject: { assignee: 'me', next: 'me' }, allowed: everyone, why: 'keeps their own' },
  { action: 'conversation.assign', subject: { assignee: 'me', next: null }, allowed: leads, why: 'agents cannot drop their own into Unassigned' },
  { action: 'conversation.assign', subject: { assignee: 'other', next: 'me' }, allowed: leads, why: 'agents cannot take someone else’s' },
  { action: 'conversation.assign', subject: { assignee: 'other', next: null }, allowed: leads, why: 'agents cannot unassign someone else' },
  { action: 'conversation.assign', subject: { assignee: 'other', next: 'other' }, allowed: leads, why: 'agents leave others’ alone' },
  { action: 'conversation.setTeam', allowed: leads, why: 'routing to teams is for supervisors' },
  { action: 'conversation.bulk', allowed: leads, why: 'bulk actions are for supervisors and admins' },
  { action: 'number.viewQuality', allowed: leads, why: 'agents have nothing to act on in a number’s quality' },
  { action: 'number.manage', allowed: admins, why: 'the numbers page is for admins' },
  { action: 'simulator.use', allowed: admins, why: 'the customer simulator is for admins' },
  { action: 'settings.view', allowed: leads, why: 'supervisors read teams and templates; agents have no settings' },
  { action: 'channel.manage', allowed: admins, why: 'connecting numbers and their credentials are for admins' },
  { action: 'user.manage', allowed: admins, why: 'who works here, and as what, is for admins' },
  { action: 'team.view', allowed: leads, why: 'supervisors route work to teams' },
  { action: 'team.manage', allowed: admins, why: 'making teams and their members is for admins' },
  { action: 'workspace.manage', allowed: admins, why: 'workspace settings are for admins' },
  { action: 'template.view', allowed: leads, why: 'supervisors check what templates agents can send' },
  { action: 'audit.view', allowed: admins, why: 'the audit log is for admins' },
  { action: 'savedReply.use', allowed: everyone, why: 'every agent inserts saved replies' },
  { action: 'savedReply.manage', allowed: leads, why: 'supervisors keep the team’s saved replies' },
];

/** One row per role and case: what the tests iterate over. */
export function permissionRows() {
  return PERMISSION_CASES.flatMap((c) => ROLES.map((role) => ({ ...c, role, expected: c.allowed[role] })));
}

export function caseLabel(row: TPermissionCase & { role: TRole; expected: boolean }): string {
  const subject = row.subject
    ? ` ${row.subject.assignee ?? 'nobody'}${row.subject.next !== undefined ? ` → ${row.subject.next ?? 'nobody'}` : ''}`
    : '';
  const setting = row.agentsSeeAll === false ? ' (agents see all: off)' : '';
  return `${row.role} ${row.expected ? 'may' : 'may not'} ${row.action}${subject}${setting}: ${row.why}`;
}
