import { z } from 'zod';

/**
 * What an `account_update` webhook means to the numbers page (Meta's reference:
 * developers.facebook.com/docs/whatsapp/cloud-api/webhooks/reference/account_update). The WABA is the entry's id,
 * or `waba_info.waba_id` for the partner events (their entry is the partner's business). Pure: shared by the webhook
 * (to store and set the numbers' state) and the page (to word it).
 */

/** Meta sends a restriction's expiry as Unix seconds or as an ISO 8601 string ("2026-04-19T13:59:20+0000"). */
const ZWhen = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number), z.string()]).transform((v): string | null => {
  const at = typeof v === 'number' ? new Date(v * 1000) : new Date(v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
});
const ZWord = z.string().trim().min(1).max(200);
const ZRestriction = z.looseObject({ restriction_type: ZWord, expiration: ZWhen.optional() });

export const ZAccountUpdate = z.looseObject({
  event: ZWord,
  waba_info: z.looseObject({ waba_id: z.union([ZWord, z.number().transform(String)]).optional() }).optional(),
  // Meta's reference names it restriction_info (a list); some partners forward one object as `restrictions`.
  restriction_info: z.union([z.array(ZRestriction), ZRestriction.transform((r) => [r])]).optional(),
  restrictions: z.union([z.array(ZRestriction), ZRestriction.transform((r) => [r])]).optional(),
  violation_info: z.looseObject({ violation_type: ZWord.optional() }).optional(),
  ban_info: z.looseObject({ waba_ban_state: ZWord.optional(), waba_ban_date: ZWord.optional() }).optional(),
  disconnection_info: z.looseObject({ reason: ZWord.optional(), initiated_by: ZWord.optional() }).optional(),
  partner_client_certification_info: z.looseObject({ status: ZWord.optional(), rejection_reasons: z.array(ZWord).optional() }).optional(),
  volume_tier_info: z
    .looseObject({
      pricing_category: ZWord.optional(),
      tier: ZWord.optional(),
      effective_month: ZWord.optional(),
      region: ZWord.optional(),
    })
    .optional(),
  country: ZWord.optional(),
});
export type TAccountUpdateValue = z.infer<typeof ZAccountUpdate>;

/**
 * The numbers' state an event puts them in: `attention` (an admin must act: restricted, disabled, deleted,
 * offboarded, unshared from us, a policy violation), `clear` (Meta lifted it: reinstated, reconnected), or `none`
 * (informational: a partner added, a pricing tier, signed terms; listed, never alarming).
 */
export type TAccountEffect = 'attention' | 'clear' | 'none';
export type TAccountSeverity = 'CRITICAL' | 'WARNING' | 'INFORMATIONAL';

export type TAccountUpdate = {
  event: string;
  /** The catalog key of the sentence (numbers.accountUpdates.events.*); null: an event we have no words for. */
  reason: string | null;
  severity: TAccountSeverity;
  effect: TAccountEffect;
  wabaId: string | null;
  /** What the sentence names: restriction types, the violation, the ban date, a tier... Meta's values verbatim. */
  details: Record<string, string | string[]>;
  /** When a restriction lifts (the latest of its parts); null: no end given. */
  expiresAt: string | null;
};

const INFORMATIONAL = new Set([
  'PARTNER_ADDED',
  'PARTNER_APP_INSTALLED',
  'AD_ACCOUNT_LINKED',
  'MM_LITE_TERMS_SIGNED',
  'VOLUME_BASED_PRICING_TIER_UPDATE',
  'AUTH_INTL_PRICE_ELIGIBILITY_UPDATE',
  'BUSINESS_PRIMARY_LOCATION_COUNTRY_UPDATE',
]);

/** Meta's value in words: the event, its severity and what it does to the WABA's numbers. */
export function accountUpdateMeaning(value: TAccountUpdateValue, entryId: string | null): TAccountUpdate {
  const event = value.event;
  const base = { event, wabaId: value.waba_info?.waba_id ?? entryId, details: {} as Record<string, string | string[]>, expiresAt: null };
  const restrictions = value.restriction_info ?? value.restrictions ?? [];
  switch (event) {
    case 'ACCOUNT_RESTRICTION': {
      const ends = restrictions.map((r) => r.expiration ?? null);
      // One part without an end means the restriction has none as a whole.
      const expiresAt = ends.length && ends.every(Boolean) ? ends.reduce((a, b) => (b! > a! ? b : a)) : null;
      const types = restrictions.map((r) => r.restriction_type);
      return { ...base, reason: 'restricted', severity: 'CRITICAL', effect: 'attention', details: { restrictions: types }, expiresAt };
    }
    case 'ACCOUNT_VIOLATION':
      return {
        ...base,
        reason: 'violation',
        severity: 'WARNING',
        effect: 'attention',
        details: detail('violation', value.violation_info?.violation_type),
      };
    case 'DISABLED_UPDATE': {
      const state = value.ban_info?.waba_ban_state ?? null;
      const details = { ...detail('state', state), ...detail('date', value.ban_info?.waba_ban_date) };
      if (state === 'REINSTATE') return { ...base, reason: 'reinstated', severity: 'INFORMATIONAL', effect: 'clear', details };
      if (state === 'SCHEDULE_FOR_DISABLE')
        return { ...base, reason: 'scheduledDisable', severity: 'CRITICAL', effect: 'attention', details };
      return { ...base, reason: 'disabled', severity: 'CRITICAL', effect: 'attention', details };
    }
    case 'ACCOUNT_DELETED':
      return { ...base, reason: 'deleted', severity: 'CRITICAL', effect: 'attention' };
    case 'ACCOUNT_OFFBOARDED':
      return { ...base, reason: 'offboarded', severity: 'CRITICAL', effect: 'attention' };
    case 'ACCOUNT_RECONNECTED':
      return { ...base, reason: 'reconnected', severity: 'INFORMATIONAL', effect: 'clear' };
    case 'PARTNER_REMOVED':
    case 'PARTNER_APP_UNINSTALLED': {
      // Unshared from the partner (this app): its tokens stop working for that WABA.
      const details = detail('disconnection', value.disconnection_info?.reason);
      return {
        ...base,
        reason: event === 'PARTNER_REMOVED' ? 'partnerRemoved' : 'appUninstalled',
        severity: 'WARNING',
        effect: 'attention',
        details,
      };
    }
    case 'PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE':
    case 'BUSINESS_VERIFICATION_STATUS_UPDATE': {
      const status = value.partner_client_certification_info?.status ?? null;
      const reasons = (value.partner_client_certification_info?.rejection_reasons ?? []).filter((r) => r !== 'NONE');
      const details = { ...detail('status', status), ...(reasons.length ? { reasons } : {}) };
      return { ...base, reason: 'verification', severity: status === 'REJECTED' ? 'WARNING' : 'INFORMATIONAL', effect: 'none', details };
    }
  }
  if (INFORMATIONAL.has(event)) {
    const tier = value.volume_tier_info;
    const details = {
      ...detail('country', value.country),
      ...detail('category', tier?.pricing_category),
      ...detail('tier', tier?.tier),
      ...detail('month', tier?.effective_month),
      ...detail('region', tier?.region),
    };
    return { ...base, reason: informationalKey(event), severity: 'INFORMATIONAL', effect: 'none', details };
  }
  // An event Meta added after this was written: listed with its raw name, never alarming nor changing a number.
  return { ...base, reason: null, severity: 'INFORMATIONAL', effect: 'none' };
}

function detail(key: string, value: string | null | undefined): Record<string, string> {
  return value ? { [key]: value } : {};
}

function informationalKey(event: string): string {
  return event.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Whether admins get an alert toast: anything that needs them, or a rejected verification. */
export function isAlarming(update: Pick<TAccountUpdate, 'severity'>): boolean {
  return update.severity !== 'INFORMATIONAL';
}

const REASONS: Record<string, string> = {
  ACCOUNT_RESTRICTION: 'restricted',
  ACCOUNT_VIOLATION: 'violation',
  ACCOUNT_DELETED: 'deleted',
  ACCOUNT_OFFBOARDED: 'offboarded',
  ACCOUNT_RECONNECTED: 'reconnected',
  PARTNER_REMOVED: 'partnerRemoved',
  PARTNER_APP_UNINSTALLED: 'appUninstalled',
  PARTNER_CLIENT_CERTIFICATION_STATUS_UPDATE: 'verification',
  BUSINESS_VERIFICATION_STATUS_UPDATE: 'verification',
};

/** The sentence of a stored update (its event and details), as accountUpdateMeaning chose it when it arrived. */
export function accountUpdateReason(event: string, details: Record<string, string | string[]> | null): string | null {
  if (event === 'DISABLED_UPDATE') {
    const state = details?.state;
    return state === 'REINSTATE' ? 'reinstated' : state === 'SCHEDULE_FOR_DISABLE' ? 'scheduledDisable' : 'disabled';
  }
  return REASONS[event] ?? (INFORMATIONAL.has(event) ? informationalKey(event) : null);
}
