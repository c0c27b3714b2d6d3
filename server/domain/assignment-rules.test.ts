import { describe, expect, it } from 'vitest';
import { isRetriable } from './assignment-rules';

describe('isRetriable', () => {
  it('offers a retry only where one can help', () => {
    expect(isRetriable('SIM_UNAVAILABLE')).toBe(true);
    expect(isRetriable('131047')).toBe(false);
    expect(isRetriable(null)).toBe(false);
  });
});
