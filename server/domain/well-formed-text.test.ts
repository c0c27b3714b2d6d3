import { describe, expect, it } from 'vitest';
import { clipText, hasMalformedText, isWellFormedText, wellFormed, wellFormedText } from './well-formed-text';

describe('wellFormedText', () => {
  it.each([
    ['a NUL', 'a\u0000b', 'ab'],
    ['several NULs', '\u0000a\u0000\u0000', 'a'],
    ['a lone high surrogate', 'a\ud800b', 'a\ufffdb'],
    ['a lone low surrogate', 'a\udc00b', 'a\ufffdb'],
    ['a high surrogate at the end', 'cap\ud83d', 'cap\ufffd'],
    ['a low surrogate at the start', '\ude00x', '\ufffdx'],
    ['two high surrogates in a row', '\ud83d\ud83d\ude00', '\ufffd😀'],
    ['a reversed pair', '\ude00\ud83d', '\ufffd\ufffd'],
    ['a NUL between the halves of a pair (NULs go first)', '\ud83d\u0000\ude00', '😀'],
  ])('repairs %s', (_label, input, expected) => {
    expect(isWellFormedText(input)).toBe(false);
    expect(wellFormedText(input)).toBe(expected);
    expect(isWellFormedText(wellFormedText(input))).toBe(true);
  });

  it.each([
    ['plain text', 'hello'],
    ['Arabic', 'مرحبا'],
    ['an emoji with a skin tone', '👍🏽'],
    ['a flag', '🇸🇦'],
    ['the replacement character itself', '\ufffd'],
    ['an empty string', ''],
    ['other control characters', '\u0001\t\n'],
  ])('keeps %s as it is', (_label, input) => {
    expect(isWellFormedText(input)).toBe(true);
    expect(wellFormedText(input)).toBe(input);
  });
});

describe('wellFormed', () => {
  it('repairs every string of a JSON value, keys included, and keeps other values', () => {
    expect(wellFormed({ 'k\u0000': ['x\u0000', 1, null, { y: 'z\ud800' }], n: 2, t: true })).toEqual({
      k: ['x', 1, null, { y: 'z\ufffd' }],
      n: 2,
      t: true,
    });
  });

  it('returns clean values themselves, and leaves Dates alone', () => {
    const clean = { a: ['b', { c: 'd' }] };
    expect(wellFormed(clean)).toBe(clean);
    expect(wellFormed(null)).toBeNull();
    const at = new Date();
    expect(wellFormed({ at, s: '\u0000' }).at).toBe(at);
  });

  it('keeps a "__proto__" key as a key', () => {
    const parsed = JSON.parse('{"__proto__": {"x": "a\\u0000"}, "y": "b"}') as Record<string, unknown>;
    const repaired = wellFormed(parsed);
    expect(Object.getPrototypeOf(repaired)).toBe(Object.prototype);
    expect(JSON.stringify(repaired)).toBe('{"__proto__":{"x":"a"},"y":"b"}');
  });

  it('handles nesting far deeper than the call stack', () => {
    let deep: unknown = 'bottom\ud800';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(hasMalformedText(deep)).toBe(true);
    let repaired = wellFormed(deep);
    for (let i = 0; i < 100_000; i += 1) repaired = (repaired as unknown[])[0];
    expect(repaired).toBe('bottom\ufffd');
  });

  it('finds a malformed string anywhere, and nothing in clean values', () => {
    expect(hasMalformedText({ a: [{ b: 'ok' }, 'x\udfff'] })).toBe(true);
    expect(hasMalformedText({ 'bad\u0000key': 1 })).toBe(true);
    expect(hasMalformedText({ a: [{ b: 'ok' }, 1, null, true] })).toBe(false);
    expect(hasMalformedText('x')).toBe(false);
  });
});

describe('clipText', () => {
  const emoji = '\u{1F44D}'; // two code units: \ud83d \udc4d
  it.each([
    ['shorter than the limit', 'abc', 5, 'abc'],
    ['exactly the limit', 'abcde', 5, 'abcde'],
    ['cut between characters', 'abcdef', 5, 'abcde'],
    ['a cut inside a pair drops the emoji whole', `abcd${emoji}x`, 5, 'abcd'],
    ['a cut right after a pair keeps it', `abc${emoji}x`, 5, `abc${emoji}`],
    ['Arabic letters are one unit each', 'مرحبا بك', 5, 'مرحبا'],
    ['emoji only', `${emoji}${emoji}${emoji}`, 3, emoji],
    ['limit 1 on an emoji', emoji, 1, ''],
    ['a lone low surrogate stays what it was (repair is wellFormedText’s job)', 'ab\udc4dcd', 3, 'ab\udc4d'],
  ])('%s', (_label, text, max, expected) => {
    expect(clipText(text, max)).toBe(expected);
  });

  it('never leaves a well-formed text malformed, at any limit', () => {
    const text = `a${emoji}b${emoji}${emoji}مرحبا${emoji}`;
    for (let max = 0; max <= text.length + 1; max++) {
      const clipped = clipText(text, max);
      expect(isWellFormedText(clipped)).toBe(true);
      expect(clipped.length).toBeLessThanOrEqual(max);
      expect(text.startsWith(clipped)).toBe(true);
      expect(max - clipped.length).toBeLessThanOrEqual(1);
    }
  });
});
