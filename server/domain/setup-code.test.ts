import { describe, expect, it } from 'vitest';
import { fieldErrors, ZSetupInput } from './first-run';
import { formatSetupCode, isSetupCodeShape, normalizeSetupCode, SETUP_CODE_ALPHABET } from './setup-code';

describe('setup codes', () => {
  it('are shown in groups of four and read back whatever the case, spaces or dashes', () => {
    expect(formatSetupCode('ABCDEFGHJKMN')).toBe('ABCD-EFGH-JKMN');
    expect(normalizeSetupCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN');
    expect(normalizeSetupCode('ABCD–EFGH—JKMN')).toBe('ABCDEFGHJKMN'); // en and em dashes, as some terminals copy
  });

  it('have exactly twelve characters of the alphabet, which has no look-alikes', () => {
    expect(isSetupCodeShape('ABCDEFGHJKMN')).toBe(true);
    expect(isSetupCodeShape('ABCDEFGHJKM')).toBe(false);
    expect(isSetupCodeShape('ABCDEFGHJKMNP')).toBe(false);
    expect(isSetupCodeShape('ABCDEFGHJKM0')).toBe(false);
    for (const lookAlike of ['0', 'O', '1', 'I', 'L', 'U']) expect(SETUP_CODE_ALPHABET).not.toContain(lookAlike);
  });
});

describe('the first-run form', () => {
  const valid = {
    workspaceName: ' Acme Support ',
    name: 'Lina Haddad',
    email: ' Lina@Example.COM ',
    password: 'correct horse',
    setupCode: 'abcd-efgh-jkmn',
  };

  it('trims names, lower-cases the email and normalises the code', () => {
    expect(ZSetupInput.parse(valid)).toEqual({
      workspaceName: 'Acme Support',
      name: 'Lina Haddad',
      email: 'lina@example.com',
      password: 'correct horse',
      setupCode: 'ABCDEFGHJKMN',
    });
  });

  it.each([
    [{ workspaceName: '   ' }, 'workspaceName', 'WORKSPACE_NAME_REQUIRED'],
    [{ workspaceName: 'x'.repeat(101) }, 'workspaceName', 'WORKSPACE_NAME_TOO_LONG'],
    [{ name: '' }, 'name', 'NAME_REQUIRED'],
    [{ email: 'lina' }, 'email', 'EMAIL_INVALID'],
    [{ email: '' }, 'email', 'EMAIL_REQUIRED'],
    [{ password: 'short' }, 'password', 'PASSWORD_TOO_SHORT'],
    [{ password: '         ' }, 'password', 'PASSWORD_BLANK'],
    [{ password: 'x'.repeat(257) }, 'password', 'PASSWORD_TOO_LONG'],
    [{ setupCode: '' }, 'setupCode', 'SETUP_CODE_REQUIRED'],
    [{ setupCode: 'ABCD-EFGH' }, 'setupCode', 'SETUP_CODE_INVALID'],
    [{ setupCode: 42 }, 'setupCode', 'SETUP_CODE_REQUIRED'],
  ])('refuses %o with %s: %s', (change, field, message) => {
    const result = ZSetupInput.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)[field]).toBe(message);
  });

  it('refuses keys it does not know, and a body that is not an object', () => {
    expect(ZSetupInput.safeParse({ ...valid, role: 'admin' }).success).toBe(false);
    expect(ZSetupInput.safeParse(null).success).toBe(false);
    expect(ZSetupInput.safeParse('setup').success).toBe(false);
  });
});
