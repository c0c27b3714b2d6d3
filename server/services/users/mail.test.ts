import { describe, expect, it } from 'vitest';
import { inviteEmailText, type TInviteEmail } from './mail';

const base: TInviteEmail = {
  to: 'new@example.test',
  url: 'https://inbox.example.test/invite/abc',
  workspaceName: 'Acme',
  inviterName: 'Lina',
  locale: 'en',
  expiresAt: new Date('2026-12-09T21:30:00Z'),
  timeZone: null,
  arabicIndicDigits: false,
};

describe('inviteEmailText', () => {
  it('says when the link expires in the workspace’s time zone, naming the zone', () => {
    const { text } = inviteEmailText({ ...base, timeZone: 'Asia/Riyadh' });
    // 21:30 UTC is half past midnight the next day in Riyadh (UTC+3).
    expect(text).toMatch(/December 10, 2026/);
    expect(text).toMatch(/12:30/);
    expect(text).toMatch(/GMT\+3/);
  });
  it('falls back to UTC, said as such, when the workspace has no zone', () => {
    const { text } = inviteEmailText(base);
    expect(text).toMatch(/December 9, 2026/);
    expect(text).toMatch(/9:30/);
    expect(text).toMatch(/UTC/);
  });
  it('writes Arabic with the workspace’s digits', () => {
    const latin = inviteEmailText({ ...base, locale: 'ar', timeZone: 'Asia/Riyadh' }).text;
    const indic = inviteEmailText({ ...base, locale: 'ar', timeZone: 'Asia/Riyadh', arabicIndicDigits: true }).text;
    expect(latin).toMatch(/2026/);
    expect(indic).toMatch(/٢٠٢٦/);
    expect(indic).not.toMatch(/2026/);
  });
});
