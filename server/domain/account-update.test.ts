import { describe, expect, it } from 'vitest';
import { ACCOUNT_UPDATES, FIXTURE_WABA } from '@/server/channels/whatsapp/account-update-fixtures';
import { accountUpdateMeaning, accountUpdateReason, isAlarming, ZAccountUpdate } from './account-update';

// Shapes from Meta's account_update reference: see server/channels/whatsapp/account-update-fixtures.ts.
const ENTRY = '499999999999999';
const meaning = (name: keyof typeof ACCOUNT_UPDATES) => accountUpdateMeaning(ZAccountUpdate.parse(ACCOUNT_UPDATES[name]), ENTRY);

describe('accountUpdateMeaning', () => {
  it('reads every fixture shape, and words a stored one the same way it chose when it arrived', () => {
    for (const name of Object.keys(ACCOUNT_UPDATES) as (keyof typeof ACCOUNT_UPDATES)[]) {
      const update = meaning(name);
      expect(update.event, name).toBe(ACCOUNT_UPDATES[name].event);
      expect(accountUpdateReason(update.event, update.details), name).toBe(update.reason);
    }
  });

  it('a restriction needs attention, names its parts and lifts at the latest expiry (seconds or ISO)', () => {
    expect(meaning('restrictionSeconds')).toMatchObject({
      reason: 'restricted',
      severity: 'CRITICAL',
      effect: 'attention',
      wabaId: ENTRY,
      details: { restrictions: ['RESTRICTED_BIZ_INITIATED_MESSAGING', 'RESTRICTED_ADD_PHONE_NUMBER_ACTION'] },
      expiresAt: new Date(1_798_800_000 * 1000).toISOString(),
    });
    expect(meaning('restrictionIso').expiresAt).toBe('2027-01-15T09:30:00.000Z');
    expect(meaning('restrictionNoEnd')).toMatchObject({ effect: 'attention', expiresAt: null });
  });

  it('violations, bans, deletion, offboarding and being unshared need attention, with Meta’s values kept', () => {
    expect(meaning('violation')).toMatchObject({
      reason: 'violation',
      severity: 'WARNING',
      effect: 'attention',
      details: { violation: 'SCAM' },
    });
    expect(meaning('disabled')).toMatchObject({
      reason: 'disabled',
      severity: 'CRITICAL',
      effect: 'attention',
      details: { state: 'DISABLE', date: 'March 3, 2027' },
    });
    expect(meaning('scheduledDisable')).toMatchObject({ reason: 'scheduledDisable', effect: 'attention' });
    expect(meaning('deleted')).toMatchObject({ reason: 'deleted', severity: 'CRITICAL', effect: 'attention' });
    expect(meaning('offboarded')).toMatchObject({ reason: 'offboarded', severity: 'CRITICAL', effect: 'attention' });
    expect(meaning('partnerRemoved')).toMatchObject({ reason: 'partnerRemoved', effect: 'attention', wabaId: FIXTURE_WABA, details: {} });
    expect(meaning('partnerRemovedInactive').details).toEqual({ disconnection: 'PRIMARY_INACTIVITY' });
    expect(meaning('appUninstalled')).toMatchObject({ reason: 'appUninstalled', effect: 'attention', wabaId: FIXTURE_WABA });
  });

  it('a reinstatement or reconnection lifts the state, quietly', () => {
    for (const name of ['reinstated', 'reconnected'] as const) {
      expect(meaning(name)).toMatchObject({ effect: 'clear', severity: 'INFORMATIONAL' });
      expect(isAlarming(meaning(name))).toBe(false);
    }
  });

  it('partner, pricing, terms, eligibility and location events are listed only, never alarming', () => {
    for (const name of [
      'partnerAdded',
      'appInstalled',
      'adAccountLinked',
      'mmLiteTerms',
      'verificationApproved',
      'pricingTier',
      'authIntl',
      'primaryLocation',
    ] as const) {
      expect(meaning(name), name).toMatchObject({ effect: 'none', severity: 'INFORMATIONAL' });
      expect(isAlarming(meaning(name)), name).toBe(false);
    }
    expect(meaning('pricingTier')).toMatchObject({
      reason: 'volumeBasedPricingTierUpdate',
      details: { category: 'MARKETING', tier: '1000001:5000000', month: '2027-02', region: 'Saudi Arabia' },
    });
    expect(meaning('primaryLocation')).toMatchObject({ reason: 'businessPrimaryLocationCountryUpdate', details: { country: 'SA' } });
    expect(meaning('partnerAdded').wabaId).toBe(FIXTURE_WABA);
  });

  it('a rejected verification warns (with Meta’s reasons) without changing any number', () => {
    expect(meaning('verificationRejected')).toMatchObject({
      reason: 'verification',
      severity: 'WARNING',
      effect: 'none',
      details: { status: 'REJECTED', reasons: ['LEGAL_NAME_NOT_MATCHING'] },
    });
    expect(meaning('verificationApproved').details).toEqual({ status: 'APPROVED' });
  });

  it('an event nobody has words for yet is listed with its raw name, changing nothing', () => {
    expect(meaning('unknown')).toMatchObject({
      reason: null,
      severity: 'INFORMATIONAL',
      effect: 'none',
      event: 'SOMETHING_META_ADDS_LATER',
    });
  });

  it('refuses a value without an event, and reads a single restriction object as a list', () => {
    expect(ZAccountUpdate.safeParse({ restriction_info: [] }).success).toBe(false);
    const one = ZAccountUpdate.parse({
      event: 'ACCOUNT_RESTRICTION',
      restrictions: { restriction_type: 'RESTRICTED_ADD_PHONE_NUMBER_ACTION', expiration: 'soon' },
    });
    expect(accountUpdateMeaning(one, null)).toMatchObject({
      details: { restrictions: ['RESTRICTED_ADD_PHONE_NUMBER_ACTION'] },
      expiresAt: null,
      wabaId: null,
    });
  });
});
