import { describe, expect, it } from 'vitest';
import ar from '@/server/i18n/catalogs/ar.json' with { type: 'json' };
import en from '@/server/i18n/catalogs/en.json' with { type: 'json' };
import {
  EMAIL_ERRORS,
  PERSON_NAME_ERRORS,
  PERSON_NAME_MAX,
  WORKSPACE_NAME_ERRORS,
  WORKSPACE_NAME_MAX,
  ZEmail,
  ZPersonName,
  ZWorkspaceName,
} from './names';

const message = (result: { error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe('ZPersonName', () => {
  it('is trimmed, 1 to 120 characters', () => {
    expect(ZPersonName.parse('  Nour Saleh ')).toBe('Nour Saleh');
    expect(ZPersonName.parse('ن'.repeat(PERSON_NAME_MAX))).toHaveLength(120);
    expect(message(ZPersonName.safeParse('   '))).toBe('NAME_REQUIRED');
    expect(message(ZPersonName.safeParse(undefined))).toBe('NAME_REQUIRED');
    expect(message(ZPersonName.safeParse('x'.repeat(121)))).toBe('NAME_TOO_LONG');
    // Blanks around do not count against the limit.
    expect(ZPersonName.safeParse(` ${'x'.repeat(120)} `).success).toBe(true);
  });
});

describe('ZWorkspaceName', () => {
  it('is trimmed, 1 to 100 characters', () => {
    expect(ZWorkspaceName.parse(' Acme Support ')).toBe('Acme Support');
    expect(ZWorkspaceName.safeParse('x'.repeat(WORKSPACE_NAME_MAX)).success).toBe(true);
    expect(message(ZWorkspaceName.safeParse(''))).toBe('WORKSPACE_NAME_REQUIRED');
    expect(message(ZWorkspaceName.safeParse('x'.repeat(101)))).toBe('WORKSPACE_NAME_TOO_LONG');
  });
});

describe('ZEmail', () => {
  it('is trimmed, lower-cased and a valid address of at most 254 characters', () => {
    expect(ZEmail.parse('  New.Person@Example.COM ')).toBe('new.person@example.com');
    expect(message(ZEmail.safeParse(' '))).toBe('EMAIL_REQUIRED');
    expect(message(ZEmail.safeParse(null))).toBe('EMAIL_REQUIRED');
    expect(message(ZEmail.safeParse('not-an-email'))).toBe('EMAIL_INVALID');
    expect(message(ZEmail.safeParse(`${'a'.repeat(250)}@b.co`))).toBe('EMAIL_TOO_LONG');
  });
});

/** Every namespace whose form shows one of these fields, with the errors it must be able to say. */
const SHOWN_IN: [string, readonly string[]][] = [
  ['setup.errors', [...PERSON_NAME_ERRORS, ...WORKSPACE_NAME_ERRORS, ...EMAIL_ERRORS]],
  ['invite.errors', PERSON_NAME_ERRORS],
  ['profile.errors', PERSON_NAME_ERRORS],
  ['settingsWorkspace.errors', WORKSPACE_NAME_ERRORS],
  ['settingsUsers.errors', EMAIL_ERRORS],
  ['auth.errors', EMAIL_ERRORS],
];

describe('the catalogs', () => {
  it.each(SHOWN_IN)('%s says each error of its fields in English and Arabic', (namespace, keys) => {
    for (const catalog of [en, ar]) {
      const messages = namespace.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog) as
        Record<string, unknown> | undefined;
      for (const key of keys) expect(typeof messages?.[key], `${namespace}.${key}`).toBe('string');
    }
  });
});
