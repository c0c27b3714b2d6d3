import type { TFailureData } from '@/server/domain/delivery-status';
import type { TTranslate } from './translate';

/** Codes are catalog keys only when they look like one (a provider code with a dot would read as a nested key). */
const KEY_LIKE = /^[A-Za-z0-9_]+$/;

/**
 * Why a message was not delivered, through `t` over the `deliveryErrors` namespace: the sentence for its code
 * (Meta's codes and our own: TIMEOUT, SIM_REJECTED...), else the HTTP status or the bare code; the provider's own
 * words (English, as data) follow only for a code we have no sentence for; a transient failure that ran out of
 * retries says how many attempts were made.
 */
export function failureReason(t: TTranslate, code: string | null, data: TFailureData | null | undefined): string {
  const known = code !== null && KEY_LIKE.test(code) && t.has(code);
  let reason = known
    ? t(code)
    : data?.httpStatus
      ? t('httpStatus', { status: String(data.httpStatus) })
      : code !== null
        ? t('otherCode', { code })
        : t('unknown');
  const providerWords = data?.details || data?.title;
  if (!known && providerWords) reason = t('providerSays', { reason, details: providerWords });
  return data?.attempts ? t('gaveUp', { reason, attempts: data.attempts }) : reason;
}
