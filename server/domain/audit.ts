/**
 * Every act the audit log records. Each feature adds its own here; the log page translates them from the catalogs'
 * `audit.actions` (nested by its dots: `channel.connected` → actions.channel.connected), so a new one needs its sentence in both languages (the catalog test checks it).
 */
export const AUDIT_ACTIONS = [
  'workspace.created',
  // Settings → Channels
  'channel.connected',
  'channel.renamed',
  'channel.tokenRotated',
  'channel.disconnected',
  'channel.reconnected',
  'channel.defaultTeamChanged',
  'channel.simulatorAdded',
  // First run and the user:create script (#15).
  'user.created',
  // Settings → Teams and Workspace (#15)
  'team.created',
  'team.renamed',
  'team.archived',
  'team.unarchived',
  'team.memberAdded',
  'team.memberRemoved',
  'workspace.settingsChanged',
  // Settings → Workspace → Template rates (#19)
  'workspace.rateCardChanged',
  // Settings → Users
  'user.invited',
  'invite.revoked',
  'user.joined',
  'user.roleChanged',
  'user.deactivated',
  'user.reactivated',
  'user.passwordResetIssued',
  'user.passwordReset',
  // Settings → Saved replies (#17)
  'savedReply.created',
  'savedReply.updated',
  'savedReply.deleted',
] as const;
export type TAuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_SUBJECTS = ['workspace', 'channel', 'user', 'invite', 'team', 'template', 'savedReply'] as const;
export type TAuditSubject = (typeof AUDIT_SUBJECTS)[number];

/** Field names whose values the log never stores, whatever a caller passes (tokens, secrets, passwords). */
const SECRET_FIELD = /token|secret|password|key/i;

/** The act's data as it will be stored: secret-looking fields replaced by a mark that they changed. */
export function redactAuditData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([field, value]) => [field, SECRET_FIELD.test(field) ? '[changed]' : value]));
}
