import { describe, expect, it } from 'vitest';
import { stripNul } from './strip-nul';

describe('stripNul', () => {
  it('removes U+0000 from strings, object keys and nested values, and leaves the rest as it is', () => {
    expect(stripNul('a\u0000b\u0000')).toBe('ab');
    expect(stripNul({ 'k\u0000': ['x\u0000', 1, null, { y: 'z\u0000' }], n: 2, t: true })).toEqual({
      k: ['x', 1, null, { y: 'z' }],
      n: 2,
      t: true,
    });
    const clean = { a: 'plain', b: [1, 2] };
    expect(stripNul(clean)).toEqual(clean);
    expect(stripNul(null)).toBeNull();
    const at = new Date(0);
    expect(stripNul({ at }).at).toBe(at);
  });
});
