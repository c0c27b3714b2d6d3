import { FREE_WINDOW_MS } from './window';

/**
 * Meta's free entry point (reference §6): a customer who writes from a click-to-WhatsApp ad or a Facebook Page CTA
 * (the inbound message carries a `referral`) opens the normal 24 h window; if the business replies within those
 * 24 h, a 72 h period starts FROM THAT REPLY during which every message, templates included, is free. It changes
 * what a message costs, never what may be sent: free-form text still needs the 24 h window (server/domain/window).
 *
 * The server keeps the same fold in SQL (the guarded UPDATE of server/services/messages/free-entry.ts); this module
 * is the rule both follow, the tests' reference, and what the browser reads a conversation's fields with.
 */

/** How long after the referral a reply may come and still start the period (the 24 h window, exclusive at its end). */
export const FREE_ENTRY_REPLY_MS = FREE_WINDOW_MS;
/** How long the period lasts from the reply that started it (exclusive at its end). */
export const FREE_ENTRY_MS = 72 * 60 * 60 * 1000;

/**
 * When the free entry point opened by a referral at `referralAt` ends, given the business's first reply after it
 * (any outbound message, template or free-form, that reached the provider): reply + 72 h when the reply came within
 * 24 h of the referral, else null (no reply yet, a reply too late, or no referral at all).
 */
export function freeEntryUntil(referralAt: Date | null, firstReplyAt: Date | null): Date | null {
  if (!referralAt || !firstReplyAt) return null;
  const after = firstReplyAt.getTime() - referralAt.getTime();
  if (after < 0 || after >= FREE_ENTRY_REPLY_MS) return null;
  return new Date(firstReplyAt.getTime() + FREE_ENTRY_MS);
}

/**
 * What a conversation keeps of its entry points (the columns of the same names): the newest referral, when the
 * business first answered it (in time or not), and the end of the last period an answer started.
 */
export type TFreeEntryState = { referralAt: Date | null; answeredAt: Date | null; until: Date | null };

export const NO_FREE_ENTRY: TFreeEntryState = { referralAt: null, answeredAt: null, until: null };

/**
 * A customer message with a referral arrived (sent at `at`, per the provider). A newer referral is a new opportunity
 * (Meta: each ad click is one); an older one delivered late changes nothing. A period already running is kept until
 * its end: the new opportunity can only start a later one.
 */
export function onReferral(state: TFreeEntryState, at: Date): TFreeEntryState {
  if (state.referralAt && state.referralAt >= at) return state;
  return { ...state, referralAt: at };
}

/**
 * The business's message reached the provider at `at`. Only the first reply after the newest referral counts: it
 * starts the period when it came in time, and once answered (in time or not) later replies start nothing until the
 * next referral.
 */
export function onReply(state: TFreeEntryState, at: Date): TFreeEntryState {
  if (!state.referralAt || at < state.referralAt) return state;
  if (state.answeredAt && state.answeredAt >= state.referralAt) return state;
  const until = freeEntryUntil(state.referralAt, at);
  // A late answer still uses up the opportunity (a later reply is later still), and leaves a running period alone.
  return { ...state, answeredAt: at, until: until ?? state.until };
}

/** Whether templates are free at `now`: inside a period, exclusive at its end. */
export function inFreeEntry(until: Date | null, now: Date): boolean {
  return until !== null && now < until;
}

/** The period's end while it runs at `now`, else null: what the chip and the template picker mark. */
export function activeFreeEntryUntil(until: Date | null, now: Date): Date | null {
  return inFreeEntry(until, now) ? until : null;
}

/**
 * What we keep of a message's `referral` (reference §1.2): the ad or post the customer came from. `ctwaClid` is
 * Meta's click id (absent for WhatsApp Status ads), shown so a team can match the chat to its ad reports.
 */
export type TReferral = {
  sourceType: string | null;
  sourceId: string | null;
  /** Only an http(s) address: it becomes a link in the conversation. */
  sourceUrl: string | null;
  headline: string | null;
  body: string | null;
  mediaType: string | null;
  imageUrl: string | null;
  videoUrl: string | null;
  thumbnailUrl: string | null;
  ctwaClid: string | null;
};

/** The part of a referral agents see (conversation.get): no media addresses, which Meta signs and expires. */
export type TReferralSummary = Pick<TReferral, 'sourceType' | 'sourceUrl' | 'headline' | 'body' | 'ctwaClid'>;

export const referralSummary = (referral: TReferral): TReferralSummary => ({
  sourceType: referral.sourceType,
  sourceUrl: referral.sourceUrl,
  headline: referral.headline,
  body: referral.body,
  ctwaClid: referral.ctwaClid,
});
