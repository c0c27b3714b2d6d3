import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_PATTERN, AUDIT_REDACTED, AUDIT_VALUE_MAX, auditChanges, auditGroupOf, auditReferences, auditValueText } from './audit-log';
import { AUDIT_ACTIONS, redactAuditData } from './audit';

describe('auditChanges', () => {
  it('reads [before, after] pairs as changes and anything else as facts, in stored order', () => {
    expect(
      auditChanges({ role: ['agent', 'supervisor'], name: [null, 'Riyadh'], email: 'sara@example.com', count: 3, active: false }),
    ).toEqual([
      { field: 'role', change: { before: 'agent', after: 'supervisor' } },
      { field: 'name', change: { before: '—', after: 'Riyadh' } },
      { field: 'email', change: { value: 'sara@example.com' } },
      { field: 'count', change: { value: '3' } },
      { field: 'active', change: { value: 'false' } },
    ]);
  });

  it('shows a secret the log redacted as the mark it stored, and lists that are not pairs as facts', () => {
    expect(auditChanges(redactAuditData({ appSecret: ['old', 'new'] }))).toEqual([{ field: 'appSecret', change: { value: AUDIT_REDACTED } }]);
    expect(auditChanges({ accessToken: '[changed]', tags: ['a', 'b', 'c'], categories: [['Spam'], ['Spam', 'Sale']] })).toEqual([
      { field: 'accessToken', change: { value: '[changed]' } },
      { field: 'tags', change: { value: 'a, b, c' } },
      { field: 'categories', change: { before: 'Spam', after: 'Spam, Sale' } },
    ]);
  });

  it('has nothing to say about data that is not an object', () => {
    expect(auditChanges(null)).toEqual([]);
    expect(auditChanges([1, 2])).toEqual([]);
    expect(auditChanges('x')).toEqual([]);
    expect(auditChanges({})).toEqual([]);
  });
});

describe('references to teams and people', () => {
  const data = { defaultTeamId: ['t-1', 't-2'], teamIds: [['t-1'], ['t-1', 't-3']], assigneeId: 'u-1', handedToUserId: [null, 'u-2'], name: 'u-1', steamId: 'x' };

  it('are the ids in fields named after a team or a person, nothing else', () => {
    expect(auditReferences(data)).toEqual({ team: ['t-1', 't-2', 't-3'], user: ['u-1', 'u-2'] });
    expect(auditReferences(null)).toEqual({ team: [], user: [] });
  });

  it('read as their names, where the page found them; an id nobody could name stays', () => {
    const names = { 't-1': 'Support', 't-2': 'Sales', 'u-1': 'Sara', 'u-2': 'Omar' };
    expect(auditChanges(data, names)).toEqual([
      { field: 'defaultTeamId', change: { before: 'Support', after: 'Sales' } },
      { field: 'teamIds', change: { before: 'Support', after: 'Support, t-3' } },
      { field: 'assigneeId', change: { value: 'Sara' } },
      { field: 'handedToUserId', change: { before: '—', after: 'Omar' } },
      // Not a reference field: a value that happens to equal an id is left alone.
      { field: 'name', change: { value: 'u-1' } },
      { field: 'steamId', change: { value: 'x' } },
    ]);
    expect(auditChanges({ defaultTeamId: ['t-1', 'toString'] }, names)).toEqual([{ field: 'defaultTeamId', change: { before: 'Support', after: 'toString' } }]);
  });
});

describe('auditValueText', () => {
  it('says nothing as a dash, objects as JSON, and cuts long values', () => {
    expect(auditValueText(undefined)).toBe('—');
    expect(auditValueText('')).toBe('—');
    expect(auditValueText([])).toBe('—');
    expect(auditValueText({ hours: 24 })).toBe('{"hours":24}');
    const long = auditValueText('x'.repeat(500));
    expect(long).toHaveLength(AUDIT_VALUE_MAX);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('audit action names', () => {
  it('group by their first word, and every known action fits the pattern the filter accepts', () => {
    expect(auditGroupOf('channel.connected')).toBe('channel');
    expect(auditGroupOf('user.role_changed')).toBe('user');
    // The names other sections use (camelCase words after the group).
    for (const action of ['channel.tokenRotated', 'channel.defaultTeamChanged', 'user.role_changed']) expect(action).toMatch(AUDIT_ACTION_PATTERN);
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(AUDIT_ACTION_PATTERN);
    expect('Channel.connected').not.toMatch(AUDIT_ACTION_PATTERN);
    expect('channel').not.toMatch(AUDIT_ACTION_PATTERN);
    expect("channel.x'; drop").not.toMatch(AUDIT_ACTION_PATTERN);
  });
});
