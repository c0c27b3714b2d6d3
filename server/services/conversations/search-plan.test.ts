import { describe, expect, it } from 'vitest';
import { choosePlan, MESSAGE_TEST_MIN_SHARE, WALK_MIN_SHARE } from './search-plan';

describe('choosePlan', () => {
  it('takes the set for rare terms, contacts or messages', () => {
    expect(choosePlan({ contactShare: 0, messageShare: 0 }, 50)).toEqual({ kind: 'set' });
    expect(choosePlan({ contactShare: WALK_MIN_SHARE * 0.99, messageShare: WALK_MIN_SHARE * 0.5 }, 50)).toEqual({ kind: 'set' });
  });

  it('walks for a broad name, taking message text as a set while it is not common', () => {
    expect(choosePlan({ contactShare: 0.04, messageShare: 0.0001 }, 50)).toEqual({ kind: 'walk', messages: 'set', bound: 5100 });
    expect(choosePlan({ contactShare: WALK_MIN_SHARE, messageShare: 0 }, 50)).toMatchObject({ kind: 'walk', messages: 'set' });
    expect(choosePlan({ contactShare: 0, messageShare: MESSAGE_TEST_MIN_SHARE * 0.99 }, 50)).toMatchObject({ kind: 'walk', messages: 'set' });
  });

  it('tests message text per conversation when it is common', () => {
    expect(choosePlan({ contactShare: 0, messageShare: 0.4 }, 50)).toEqual({ kind: 'walk', messages: 'test', bound: 510 });
    expect(choosePlan({ contactShare: 0.5, messageShare: 1 }, 50)).toEqual({ kind: 'walk', messages: 'test', bound: 204 });
  });

  it('bounds the walk: four times the expected distance to a full page, never past 20,000 rows', () => {
    expect(choosePlan({ contactShare: 0.02, messageShare: 0 }, 50)).toMatchObject({ bound: 10_200 });
    expect(choosePlan({ contactShare: 0.02, messageShare: 0 }, 100)).toMatchObject({ bound: 20_000 });
    expect(choosePlan({ contactShare: WALK_MIN_SHARE, messageShare: 0 }, 50)).toMatchObject({ bound: 20_000 });
    expect(choosePlan({ contactShare: 1, messageShare: 1 }, 10)).toMatchObject({ bound: 44 });
  });
});
