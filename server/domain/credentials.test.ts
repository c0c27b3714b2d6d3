import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, parseCredentials } from './credentials';

describe('parseCredentials', () => {
  it('normalises the email to lower case without surrounding spaces', () => {
    expect(parseCredentials({ email: '  Agent1@Nafidha.TEST ', password: 'x' })).toEqual({
      ok: true,
      value: { email: 'agent1@nafidha.test', password: 'x' },
    });
  });

  it.each([
    [{ email: '', password: 'x' }, 'EMAIL_REQUIRED'],
    [{ password: 'x' }, 'EMAIL_REQUIRED'],
    [{ email: 'not-an-email', password: 'x' }, 'EMAIL_INVALID'],
    [{ email: `${'a'.repeat(250)}@x.test`, password: 'x' }, 'EMAIL_TOO_LONG'],
    [{ email: 'a@b.test', password: '' }, 'PASSWORD_REQUIRED'],
    [{ email: 'a@b.test' }, 'PASSWORD_REQUIRED'],
    [{ email: 'a@b.test', password: 'a'.repeat(10 * 1024) }, 'PASSWORD_TOO_LONG'],
    [{ email: 'a@b.test', password: 'a'.repeat(MAX_PASSWORD_LENGTH + 1) }, 'PASSWORD_TOO_LONG'],
  ])('refuses %j with %s', (input, error) => {
    expect(parseCredentials(input)).toEqual({ ok: false, error });
  });

  it('accepts a password of exactly the maximum length', () => {
    expect(parseCredentials({ email: 'a@b.test', password: 'a'.repeat(MAX_PASSWORD_LENGTH) }).ok).toBe(true);
  });

  it('refuses non-object input without throwing', () => {
    expect(parseCredentials(null).ok).toBe(false);
    expect(parseCredentials('x').ok).toBe(false);
  });
});
