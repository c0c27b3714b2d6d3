import { describe, expect, it } from 'vitest';
import { MAX_PASSWORD_LENGTH, parseCredentials, readSignInError, throttledSignInMessage } from './credentials';

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

describe('throttled sign-in messages', () => {
  it('carry the wait in whole seconds, at least one, and read back', () => {
    expect(throttledSignInMessage(839.2)).toBe('TOO_MANY_ATTEMPTS:840');
    expect(throttledSignInMessage(0)).toBe('TOO_MANY_ATTEMPTS:1');
    expect(readSignInError(throttledSignInMessage(900))).toEqual({ code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 900 });
  });

  it('read every other sign-in code as itself and anything unknown as UNAVAILABLE', () => {
    expect(readSignInError('INVALID_CREDENTIALS')).toEqual({ code: 'INVALID_CREDENTIALS' });
    expect(readSignInError('TOO_MANY_ATTEMPTS')).toEqual({ code: 'TOO_MANY_ATTEMPTS' });
    expect(readSignInError('TOO_MANY_ATTEMPTS:soon')).toEqual({ code: 'UNAVAILABLE' });
    expect(readSignInError('CredentialsSignin')).toEqual({ code: 'UNAVAILABLE' });
    expect(readSignInError(null)).toEqual({ code: 'UNAVAILABLE' });
  });
});
