import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from './errors';

const violation = (constraint_name = 'teams_workspace_name_key') =>
  Object.assign(new Error('duplicate key value violates unique constraint'), { name: 'PostgresError', code: '23505', constraint_name });

describe('isUniqueViolation', () => {
  it('recognises the driver error and the one drizzle wraps around it', () => {
    expect(isUniqueViolation(violation())).toBe(true);
    expect(isUniqueViolation(new Error('Failed query', { cause: violation() }))).toBe(true);
  });

  it('with a constraint, only that one', () => {
    expect(isUniqueViolation(violation(), 'teams_workspace_name_key')).toBe(true);
    expect(isUniqueViolation(new Error('Failed query', { cause: violation() }), 'teams_workspace_name_key')).toBe(true);
    expect(isUniqueViolation(violation('channels_external_id_key'), 'teams_workspace_name_key')).toBe(false);
  });

  it('refuses other errors and non-errors', () => {
    expect(isUniqueViolation(Object.assign(new Error('fk'), { code: '23503' }))).toBe(false);
    expect(isUniqueViolation(new Error('plain'))).toBe(false);
    expect(isUniqueViolation(new Error('Failed query', { cause: new Error('timeout') }))).toBe(false);
    for (const value of [null, undefined, '23505', 23505, { code: 23505 }]) expect(isUniqueViolation(value)).toBe(false);
  });
});
