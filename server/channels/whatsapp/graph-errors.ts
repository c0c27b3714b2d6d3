import type { TFailureData } from '@/server/domain/delivery-status';
import { clipText } from '@/server/domain/well-formed-text';

/**
 * What a Graph API error means for a send: retry later (transient), or fail now (permanent); and whether the number
 * itself needs attention. Codes from Meta's error table; anything unknown is permanent unless the HTTP status says
 * the server had a problem (5xx) or asked us to slow down (429). What each code means to an agent is said in the
 * catalogs (`deliveryErrors.<code>`, server/i18n/catalogs), in the reader's language.
 */
export type TGraphErrorMeaning = { retry: 'transient' | 'permanent'; channelNeedsAttention?: boolean };

const TRANSIENT: TGraphErrorMeaning = { retry: 'transient' };
const PERMANENT: TGraphErrorMeaning = { retry: 'permanent' };
const BROKEN_NUMBER: TGraphErrorMeaning = { retry: 'permanent', channelNeedsAttention: true };

export const GRAPH_ERRORS: Readonly<Record<number, TGraphErrorMeaning>> = {
  130429: TRANSIENT, // throughput limit
  131056: TRANSIENT, // pair rate limit
  80007: TRANSIENT, // WABA rate limit
  4: TRANSIENT, // app rate limit
  131000: TRANSIENT, // internal error
  131057: TRANSIENT, // account in maintenance
  131047: PERMANENT, // re-engagement: the window had closed
  131026: PERMANENT, // undeliverable
  131049: PERMANENT, // Meta held back a marketing template (per-user marketing limit): never retried automatically
  130472: PERMANENT, // the customer's number is part of an experiment
  131050: PERMANENT, // customer stopped marketing messages
  131051: PERMANENT, // unsupported message type
  132000: PERMANENT, // template parameter count mismatch
  132001: PERMANENT, // template does not exist
  132015: PERMANENT, // template paused
  132016: PERMANENT, // template disabled
  368: BROKEN_NUMBER, // temporarily blocked for policy violations
  131031: BROKEN_NUMBER, // account locked
  190: BROKEN_NUMBER, // access token expired
  100: PERMANENT, // invalid parameter
  0: BROKEN_NUMBER, // AuthException: the token was refused
  3: BROKEN_NUMBER, // the app lacks a capability
  10: BROKEN_NUMBER, // the token lacks a permission
  131008: PERMANENT, // required parameter missing
  131009: PERMANENT, // parameter value not valid
  131048: BROKEN_NUMBER, // spam rate limit: the number is restricted (customers blocked or reported it)
  131052: PERMANENT, // media download error
  131053: PERMANENT, // media upload error
  132005: PERMANENT, // template text too long once hydrated
  132007: PERMANENT, // template content violates policy
  132012: PERMANENT, // template parameter format mismatch
  130497: PERMANENT, // the business may not message users in this country
  131042: BROKEN_NUMBER, // billing: the account's payment method
  133010: BROKEN_NUMBER, // the number is not registered with the Cloud API
};

export function meaningOf(code: number | null, httpStatus: number): TGraphErrorMeaning {
  if (code !== null && GRAPH_ERRORS[code]) return GRAPH_ERRORS[code]!;
  if (httpStatus >= 500 || httpStatus === 429) return TRANSIENT;
  return PERMANENT;
}

/** Meta's title and details, kept as data (bounded: they travel in realtime notifications, whose payloads are small). */
export function providerWords(title: string | undefined, details: string | undefined): TFailureData {
  return {
    ...(title ? { title: clipText(title, MAX_PROVIDER_WORDS) } : {}),
    ...(details ? { details: clipText(details, MAX_PROVIDER_WORDS) } : {}),
  };
}
const MAX_PROVIDER_WORDS = 500;
