/**
 * `account_update` webhook values, written for our tests from the shapes in Meta's reference page
 * (developers.facebook.com/docs/whatsapp/cloud-api/webhooks/reference/account_update: `event`, and per event
 * `restriction_info[] { restriction_type, expiration }`, `violation_info { violation_type }`,
 * `ban_info { waba_ban_state, waba_ban_date }`, `waba_info { waba_id, owner_business_id, partner_app_id,
 * solution_id, solution_partner_business_ids }`, `disconnection_info { reason, initiated_by }`,
 * `partner_client_certification_info`, `volume_tier_info`, `auth_international_rate_eligibility`, `country`), and the
 * variety seen in practice (a restriction's expiry as Unix seconds or as an ISO string). Ids and values are ours.
 * Shared by the domain's unit tests, the webhook's integration tests and the end-to-end spec.
 */

export const FIXTURE_WABA = '410000000000001';
const PARTNER = '420000000000002';
const PORTFOLIO = '430000000000003';

/** Every event shape, keyed by a name for the tests: the value of one `account_update` change. */
export const ACCOUNT_UPDATES = {
  restrictionSeconds: {
    event: 'ACCOUNT_RESTRICTION',
    restriction_info: [
      { restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiration: 1_798_800_000 },
      { restriction_type: 'RESTRICTED_ADD_PHONE_NUMBER_ACTION', expiration: 1_798_700_000 },
    ],
  },
  restrictionIso: {
    event: 'ACCOUNT_RESTRICTION',
    restriction_info: [{ restriction_type: 'RESTRICTED_CUSTOMER_INITIATED_MESSAGING', expiration: '2027-01-15T09:30:00+0000' }],
  },
  restrictionNoEnd: { event: 'ACCOUNT_RESTRICTION', restriction_info: [{ restriction_type: 'RESTRICTED_BIZ_INITIATED_MESSAGING' }] },
  violation: { event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'SCAM' } },
  disabled: { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'DISABLE', waba_ban_date: 'March 3, 2027' } },
  scheduledDisable: { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'SCHEDULE_FOR_DISABLE', waba_ban_date: 'March 10, 2027' } },
  reinstated: { event: 'DISABLED_UPDATE', ban_info: { waba_ban_state: 'REINSTATE', waba_ban_date: 'March 12, 2027' } },
  deleted: { event: 'ACCOUNT_DELETED' },
  offboarded: { event: 'ACCOUNT_OFFBOARDED' },
  reconnected: { event: 'ACCOUNT_RECONNECTED' },
  partnerAdded: {
    event: 'PARTNER_ADDED',
    waba_info: {
      waba_id: FIXTURE_WABA,
      owner_business_id: PORTFOLIO,
      solution_id: '440000000000004',
      solution_partner_business_ids: [PARTNER],
    },
  },
  partnerRemoved: { event: 'PARTNER_REMOVED', waba_info: { waba_id: FIXTURE_WABA, owner_business_id: PORTFOLIO } },
  partnerRemovedInactive: {
    event: 'PARTNER_REMOVED',
    waba_info: { waba_id: FIXTURE_WABA, owner_business_id: PORTFOLIO },
    disconnection_info: { reason: 'PRIMARY_INACTIVITY', initiated_by: 'SYSTEM' },
  },
  appInstalled: {
    event: 'PARTNER_APP_INSTALLED',
    waba_info: { waba_id: FIXTURE_WABA, owner_business_id: PORTFOLIO, partner_app_id: '450000000000005' },
  },
  appUninstalled: {
    event: 'PARTNER_APP_UNINSTALLED',
    waba_info: { waba_id: FIXTURE_WABA, owner_business_id: PORTFOLIO, partner_app_id: '450000000000005' },
  },
  adAccountLinked: {
    event: 'AD_ACCOUNT_LINKED',
    waba_info: { waba_id: FIXTURE_WABA, owner_business_id: PORTFOLIO, ad_account_linked: '460000000000006' },
  },
  mmLiteTerms: { event: 'MM_LITE_TERMS_SIGNED', waba_info: { waba_id: FIXTURE_WABA, owner_business_id: PORTFOLIO } },
  verificationApproved: {
    event: 'PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE',
    partner_client_certification_info: { client_business_id: PORTFOLIO, status: 'APPROVED', rejection_reasons: ['NONE'] },
  },
  verificationRejected: {
    event: 'PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE',
    partner_client_certification_info: {
      client_business_id: PORTFOLIO,
      status: 'REJECTED',
      rejection_reasons: ['LEGAL_NAME_NOT_MATCHING'],
    },
  },
  pricingTier: {
    event: 'VOLUME_BASED_PRICING_TIER_UPDATE',
    volume_tier_info: {
      tier_update_time: 1_798_000_000,
      pricing_category: 'MARKETING',
      tier: '1000001:5000000',
      effective_month: '2027-02',
      region: 'Saudi Arabia',
    },
  },
  authIntl: {
    event: 'AUTH_INTL_PRICE_ELIGIBILITY_UPDATE',
    auth_international_rate_eligibility: {
      start_time: 1_798_000_000,
      exception_countries: [{ country_code: 'EG', start_time: 1_799_000_000 }],
    },
  },
  primaryLocation: { event: 'BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE', country: 'SA' },
  unknown: { event: 'SOMETHING_META_ADDS_LATER', novelty: { any: 'shape' } },
} as const;

/** A whole signed-webhook body carrying one account_update of a WABA. */
export function accountUpdateEnvelope(value: Record<string, unknown>, at: Date, wabaId = FIXTURE_WABA) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, time: Math.floor(at.getTime() / 1000), changes: [{ field: 'account_update', value }] }],
  };
}
