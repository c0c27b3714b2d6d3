import type { TReferral } from '@/server/domain/free-entry';
import { clipText } from '@/server/domain/well-formed-text';

/** Longest text kept of a referral field: an ad's headline and body are short; anything longer is cut, not refused. */
const FIELD_MAX = 2000;

const record = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? clipText(value, FIELD_MAX) : null);

/** Only web addresses: the source URL becomes a link agents click, so `javascript:` and the like are dropped. */
const webAddress = (value: unknown): string | null => {
  const candidate = text(value);
  if (!candidate) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null;
  } catch {
    return null;
  }
};

/**
 * The `referral` of an inbound message (a click-to-WhatsApp ad or a Facebook Page CTA, reference §1.2), read field
 * by field: a malformed referral never costs the message, it only yields less (null when nothing usable is left).
 * The raw object stays in the message's payload.
 */
export function referralOf(message: unknown): TReferral | null {
  const raw = record(record(message)?.referral);
  if (!raw) return null;
  const referral: TReferral = {
    sourceType: text(raw.source_type),
    sourceId: text(raw.source_id),
    sourceUrl: webAddress(raw.source_url),
    headline: text(raw.headline),
    body: text(raw.body),
    mediaType: text(raw.media_type),
    imageUrl: webAddress(raw.image_url),
    videoUrl: webAddress(raw.video_url),
    thumbnailUrl: webAddress(raw.thumbnail_url),
    ctwaClid: text(raw.ctwa_clid),
  };
  return Object.values(referral).some((v) => v !== null) ? referral : null;
}
