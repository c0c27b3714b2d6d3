import { describe, expect, it } from 'vitest';
import { ZNewPassword } from './new-password';
import { ZEmail } from './names';
import { linkState, wouldLeaveNoAdmin, ZLinkToken } from './users';

const at = (iso: string) => new Date(iso);

describe('linkState', () => {
  const expiresAt = at('2026-01-08T00:00:00Z');
  it('is valid until the expiry, and expired at exactly the expiry', () => {
    expect(linkState({ expiresAt, usedAt: null, revokedAt: null }, at('2026-01-07T23:59:59.999Z'))).toBe('valid');
    expect(linkState({ expiresAt, usedAt: null, revokedAt: null }, expiresAt)).toBe('expired');
  });
  it('says used before revoked before expired, and unknown for no link', () => {
    const later = at('2026-02-01T00:00:00Z');
    expect(linkState({ expiresAt, usedAt: at('2026-01-02T00:00:00Z'), revokedAt: at('2026-01-03T00:00:00Z') }, later)).toBe('used');
    expect(linkState({ expiresAt, usedAt: null, revokedAt: at('2026-01-03T00:00:00Z') }, later)).toBe('revoked');
    expect(linkState(null, later)).toBe('unknown');
  });
});

describe('wouldLeaveNoAdmin', () => {
  const lastAdmin = { role: 'admin' as const, active: true };
  it('refuses demoting or deactivating the only active admin', () => {
    expect(wouldLeaveNoAdmin(lastAdmin, 0, { role: 'supervisor' })).toBe(true);
    expect(wouldLeaveNoAdmin(lastAdmin, 0, { active: false })).toBe(true);
  });
  it('allows it when another active admin remains, and never minds non-admins or a no-op', () => {
    expect(wouldLeaveNoAdmin(lastAdmin, 1, { role: 'agent' })).toBe(false);
    expect(wouldLeaveNoAdmin(lastAdmin, 0, { role: 'admin' })).toBe(false);
    expect(wouldLeaveNoAdmin({ role: 'agent', active: true }, 0, { active: false })).toBe(false);
    expect(wouldLeaveNoAdmin({ role: 'admin', active: false }, 0, { role: 'agent' })).toBe(false);
  });
});

describe('input rules', () => {
  it('lower-cases and trims emails and names the first problem', () => {
    expect(ZEmail.parse('  New.Person@Example.COM ')).toBe('new.person@example.com');
    expect(ZEmail.safeParse('not-an-email').error?.issues[0]?.message).toBe('EMAIL_INVALID');
  });
  it('wants passwords of 8 to 256 characters', () => {
    expect(ZNewPassword.safeParse('1234567').error?.issues[0]?.message).toBe('PASSWORD_TOO_SHORT');
    expect(ZNewPassword.safeParse('12345678').success).toBe(true);
    expect(ZNewPassword.safeParse('x'.repeat(257)).error?.issues[0]?.message).toBe('PASSWORD_TOO_LONG');
  });
  it('takes only a well-formed token', () => {
    expect(ZLinkToken.safeParse('a'.repeat(43)).success).toBe(true);
    expect(ZLinkToken.safeParse('a'.repeat(42)).success).toBe(false);
    expect(ZLinkToken.safeParse(`${'a'.repeat(42)}/`).success).toBe(false);
  });
});
