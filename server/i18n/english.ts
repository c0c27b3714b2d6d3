import { createTranslator } from 'next-intl';
import type { TFailureData } from '@/server/domain/delivery-status';
import en from './catalogs/en.json' with { type: 'json' };
import { failureReason } from './delivery-errors';
import { timelineLine, type TTimelineEventType } from './timeline';
import type { TTranslate } from './translate';

/**
 * The English text the server stores beside codes (a timeline line's body for search and exports, a failure's
 * reason for logs): rendered from the en catalog like any reader's, never a second literal. Browsers render the
 * stored codes and parameters in their own language.
 */
const timeline = createTranslator({ locale: 'en', messages: en, namespace: 'timeline' }) as unknown as TTranslate;
const deliveryErrors = createTranslator({ locale: 'en', messages: en, namespace: 'deliveryErrors' }) as unknown as TTranslate;
const whole = createTranslator({ locale: 'en', messages: en }) as unknown as TTranslate;

export function englishTimelineLine(event: TTimelineEventType, params: Record<string, string>): string {
  return timelineLine(timeline, event, params);
}

export function englishFailureReason(code: string | null, data?: TFailureData | null): string {
  return failureReason(deliveryErrors, code, data);
}

/** An error's English message (logs, non-browser API clients) from `errors.<CODE>` or `errorDetails.<detail>`. */
export function englishError(key: `errors.${string}` | `errorDetails.${string}`): string {
  return whole(key);
}
