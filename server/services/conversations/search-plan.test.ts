import { describe, expect, it } from 'vitest';
import { choosePlan, WALK_MIN_SHARE } from './search-plan';

const estimate = (contactShare: number, messageShare: number, contacts = 0, messages = 0) => ({ contactShare, messageShare, contacts, messages });

describe('choosePlan', () => {
  it('takes the set for rare terms, contacts or messages', () => {
    expect(choosePlan(estimate(0, 0), 50)).toEqual({ kind: 'set' });
    expect(choosePlan(estimate(WALK_MIN_SHARE * 0.99, WALK_MIN_SHARE * 0.5, 900), 50)).toEqual({ kind: 'set' });
  });

  it('walks for a broad name, taking message text as a set while its matches are fewer than the walk', () => {
    expect(choosePlan(estimate(0.04, 0.0001, 6000, 60), 50)).toEqual({ kind: 'walk', contacts: 'test', messages: 'set', bound: 5100 });
    expect(choosePlan(estimate(WALK_MIN_SHARE, 0, 1500), 50)).toMatchObject({ kind: 'walk', messages: 'set' });
    // A name fragment that also occurs in message text (مدي in المدينة): 34,000 messages against a walk of ~500 rows.
    expect(choosePlan(estimate(0.1, 0.057, 15_000, 34_000), 50)).toMatchObject({ kind: 'walk', messages: 'test' });
    expect(choosePlan(estimate(0.1, 0.057, 15_000, 400), 50)).toMatchObject({ kind: 'walk', messages: 'set' });
  });

  it('takes the contacts as a set while they are fewer than twice the expected walk, else tests each row', () => {
    // 2% of the conversations: a page of 51 is ~2,550 rows in; 3,000 contacts are cheaper hashed than 2,550 lookups.
    expect(choosePlan(estimate(0.02, 0, 3000), 50)).toMatchObject({ contacts: 'set' });
    expect(choosePlan(estimate(0.02, 0, 5100), 50)).toMatchObject({ contacts: 'test' });
    // Two letters shared by most names: tens of thousands of contacts, a walk of a few dozen rows.
    expect(choosePlan(estimate(0.8, 0, 120_000), 50)).toMatchObject({ contacts: 'test' });
  });

  it('tests message text per conversation when it is common', () => {
    expect(choosePlan(estimate(0, 0.4, 0, 240_000), 50)).toEqual({ kind: 'walk', contacts: 'set', messages: 'test', bound: 510 });
    expect(choosePlan(estimate(0.5, 1, 10_000, 900_000), 50)).toEqual({ kind: 'walk', contacts: 'test', messages: 'test', bound: 204 });
  });

  it('bounds the walk: four times the expected distance to a full page, never past 20,000 rows', () => {
    expect(choosePlan(estimate(0.02, 0), 50)).toMatchObject({ bound: 10_200 });
    expect(choosePlan(estimate(0.02, 0), 100)).toMatchObject({ bound: 20_000 });
    expect(choosePlan(estimate(WALK_MIN_SHARE, 0), 50)).toMatchObject({ bound: 20_000 });
    expect(choosePlan(estimate(1, 1), 10)).toMatchObject({ bound: 44 });
  });
});
