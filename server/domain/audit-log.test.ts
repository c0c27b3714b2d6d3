import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_PATTERN, AUDIT_REDACTED, AUDIT_VALUE_MAX, auditChanges, auditGroupOf, auditValueText } from './audit-log';
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
    for (const action of AUDIT_ACTIONS) expect(action).toMatch(AUDIT_ACTION_PATTERN);
    expect('Channel.connected').not.toMatch(AUDIT_ACTION_PATTERN);
    expect('channel').not.toMatch(AUDIT_ACTION_PATTERN);
    expect("channel.x'; drop").not.toMatch(AUDIT_ACTION_PATTERN);
  });
});
