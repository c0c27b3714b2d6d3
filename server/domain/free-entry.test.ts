import { describe, expect, it } from 'vitest';
import {
  activeFreeEntryUntil,
  FREE_ENTRY_MS,
  FREE_ENTRY_REPLY_MS,
  freeEntryUntil,
  inFreeEntry,
  NO_FREE_ENTRY,
  onReferral,
  onReply,
  type TFreeEntryState,
} from './free-entry';

const H = 3_600_000;
const referral = new Date('2026-11-20T10:00:00.000Z');
const at = (ms: number) => new Date(referral.getTime() + ms);

describe('freeEntryUntil', () => {
  it('is 24 h to answer and 72 h from the answer', () => {
    expect(FREE_ENTRY_REPLY_MS).toBe(24 * H);
    expect(FREE_ENTRY_MS).toBe(72 * H);
  });

  it('ends 72 h after a reply within 24 h of the referral', () => {
    expect(freeEntryUntil(referral, at(0))).toEqual(at(72 * H));
    expect(freeEntryUntil(referral, at(5 * 60_000))).toEqual(at(5 * 60_000 + 72 * H));
    expect(freeEntryUntil(referral, at(24 * H - 1))).toEqual(at(24 * H - 1 + 72 * H));
  });

  it('opens nothing for a reply at exactly 24 h or later (the window has lapsed)', () => {
    expect(freeEntryUntil(referral, at(24 * H))).toBeNull();
    expect(freeEntryUntil(referral, at(24 * H + 1))).toBeNull();
    expect(freeEntryUntil(referral, at(30 * 24 * H))).toBeNull();
  });

  it('opens nothing without a reply, without a referral, or for a reply before the referral', () => {
    expect(freeEntryUntil(referral, null)).toBeNull();
    expect(freeEntryUntil(null, at(0))).toBeNull();
    expect(freeEntryUntil(null, null)).toBeNull();
    expect(freeEntryUntil(referral, at(-1))).toBeNull();
  });
});

describe('inFreeEntry / activeFreeEntryUntil', () => {
  const until = at(72 * H);
  it('is free up to the end, exclusive', () => {
    expect(inFreeEntry(until, at(0))).toBe(true);
    expect(inFreeEntry(until, at(72 * H - 1))).toBe(true);
    expect(inFreeEntry(until, at(72 * H))).toBe(false);
    expect(inFreeEntry(until, at(72 * H + 1))).toBe(false);
    expect(inFreeEntry(null, at(0))).toBe(false);
  });
  it('gives the end only while it runs', () => {
    expect(activeFreeEntryUntil(until, at(72 * H - 1))).toEqual(until);
    expect(activeFreeEntryUntil(until, at(72 * H))).toBeNull();
    expect(activeFreeEntryUntil(null, at(0))).toBeNull();
  });
});

describe('the fold over referrals and replies', () => {
  const fold = (events: ['referral' | 'reply', number][]): TFreeEntryState =>
    events.reduce((state, [kind, ms]) => (kind === 'referral' ? onReferral(state, at(ms)) : onReply(state, at(ms))), NO_FREE_ENTRY);

  it('starts at the first reply after the referral, once', () => {
    expect(fold([['referral', 0], ['reply', 2 * H]])).toEqual({ referralAt: at(0), answeredAt: at(2 * H), until: at(74 * H) });
    // A second reply neither moves the start nor extends the end.
    expect(fold([['referral', 0], ['reply', 2 * H], ['reply', 3 * H]])).toEqual(fold([['referral', 0], ['reply', 2 * H]]));
  });

  it('agrees with freeEntryUntil at the 24 h boundary', () => {
    expect(fold([['referral', 0], ['reply', 24 * H - 1]]).until).toEqual(freeEntryUntil(referral, at(24 * H - 1)));
    expect(fold([['referral', 0], ['reply', 24 * H]]).until).toBeNull();
  });

  it('a late first reply uses the opportunity up: a later one starts nothing', () => {
    const late = fold([['referral', 0], ['reply', 25 * H], ['reply', 26 * H]]);
    expect(late).toEqual({ referralAt: at(0), answeredAt: at(25 * H), until: null });
  });

  it('ignores replies before any referral, and a business message before the referral', () => {
    expect(fold([['reply', 0]])).toEqual(NO_FREE_ENTRY);
    expect(fold([['reply', -H], ['referral', 0]])).toEqual({ referralAt: at(0), answeredAt: null, until: null });
  });

  it('a second referral is a new opportunity: its first reply starts a new period', () => {
    const second = fold([
      ['referral', 0],
      ['reply', H],
      ['referral', 100 * H],
      ['reply', 101 * H],
    ]);
    expect(second).toEqual({ referralAt: at(100 * H), answeredAt: at(101 * H), until: at(173 * H) });
  });

  it('a second referral during a running period keeps it until its own answer', () => {
    const pending = fold([
      ['referral', 0],
      ['reply', H],
      ['referral', 10 * H],
    ]);
    expect(pending.until).toEqual(at(73 * H));
    expect(onReply(pending, at(11 * H)).until).toEqual(at(83 * H));
    // Answered too late, it leaves the running period alone.
    expect(onReply(pending, at(34 * H)).until).toEqual(at(73 * H));
  });

  it('an older referral delivered late changes nothing', () => {
    const answered = fold([['referral', 10 * H], ['reply', 11 * H]]);
    expect(onReferral(answered, at(0))).toBe(answered);
    expect(onReferral(answered, at(10 * H))).toBe(answered);
  });
});
