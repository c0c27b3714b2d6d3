import { clipText } from './well-formed-text';
/**
 * How Settings → Audit log reads the stored acts: the groups its filter offers (an action's first word), and an act's
 * data as lines "field: before → after" (a `[before, after]` pair) or "field: value" (a fact of the act). Pure, so
 * the page and its tests read the data the same way; the sentences themselves are the catalogs' `audit.actions`.
 */

export const AUDIT_GROUPS = ['channel', 'user', 'team', 'workspace', 'invite', 'savedReply'] as const;
export type TAuditGroup = (typeof AUDIT_GROUPS)[number];

/** An action name as the log stores it: dotted words starting lower-case (`channel.connected`, `channel.tokenRotated`). */
export const AUDIT_ACTION_PATTERN = /^[a-z][A-Za-z0-9_]*(\.[a-z][A-Za-z0-9_]*)+$/;

export function auditGroupOf(action: string): string {
  return action.split('.')[0]!;
}

export type TAuditChange = { field: string; change: { before: string; after: string } | { value: string } };

/** The longest a value is shown; the rest is cut (a long note or list must not swamp the row). */
export const AUDIT_VALUE_MAX = 120;
export const AUDIT_EMPTY = '—';
/** What redactAuditData (server/domain/audit.ts) stores instead of a secret-looking field; the page says it in words. */
export const AUDIT_REDACTED = '[changed]';

/** One stored value as text: nothing as a dash, lists joined, objects as compact JSON, all cut to AUDIT_VALUE_MAX. */
export function auditValueText(value: unknown): string {
  let text: string;
  if (value === null || value === undefined || value === '') text = AUDIT_EMPTY;
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (Array.isArray(value)) text = value.length ? value.map(auditValueText).join(', ') : AUDIT_EMPTY;
  else text = JSON.stringify(value);
  return text.length > AUDIT_VALUE_MAX ? `${clipText(text, AUDIT_VALUE_MAX - 1)}…` : text;
}

/** Fields that hold the id of a team or a person (`defaultTeamId`, `assigneeId`): the log shows their names. */
const REFERENCE_FIELD = { team: /(^t|T)eamIds?$/, user: /(^u|U)serIds?$|(^a|A)ssigneeIds?$|(^a|A)ctorIds?$/ } as const;

/** The ids an act's data refers to, by kind, for the page to look their names up (values of reference fields only). */
export function auditReferences(data: unknown): { team: string[]; user: string[] } {
  const found = { team: new Set<string>(), user: new Set<string>() };
  if (typeof data === 'object' && data !== null && !Array.isArray(data))
    for (const [field, value] of Object.entries(data as Record<string, unknown>))
      for (const kind of ['team', 'user'] as const)
        if (REFERENCE_FIELD[kind].test(field))
          for (const v of [value].flat(2)) if (typeof v === 'string' && v) found[kind].add(v);
  return { team: [...found.team], user: [...found.user] };
}

/**
 * The act's data, field by field in stored order: `{ field: [before, after] }` as a change, anything else as a fact.
 * An id in a reference field reads as the name `names` has for it (ids nobody could name stay as they are).
 */
export function auditChanges(data: unknown, names: Record<string, string> = {}): TAuditChange[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  return Object.entries(data as Record<string, unknown>).map(([field, raw]) => {
    const isReference = REFERENCE_FIELD.team.test(field) || REFERENCE_FIELD.user.test(field);
    const named = (v: unknown): unknown =>
      isReference && typeof v === 'string' && Object.hasOwn(names, v) ? names[v] : Array.isArray(v) ? v.map(named) : v;
    const value = named(raw);
    return Array.isArray(value) && value.length === 2
      ? { field, change: { before: auditValueText(value[0]), after: auditValueText(value[1]) } }
      : { field, change: { value: auditValueText(value) } };
  });
}
