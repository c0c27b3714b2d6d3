import { describe, expect, it } from 'vitest';
import { NORMALIZE_CASES } from './search-cases';
import { FOLD_PAIRS, normalizeSearchText, REMOVED_CHARACTERS, sqlTranslateArguments } from './search-normalize';

describe('normalizeSearchText', () => {
  it.each(NORMALIZE_CASES)('$why: $input → $expected', ({ input, expected }) => {
    expect(normalizeSearchText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const { input } of NORMALIZE_CASES) expect(normalizeSearchText(normalizeSearchText(input))).toBe(normalizeSearchText(input));
  });

  it('has tables SQL translate() can apply one character for one', () => {
    for (const [from, to] of FOLD_PAIRS) expect([...from]).toHaveLength([...to].length);
    const { from, to } = sqlTranslateArguments();
    expect([...from]).toHaveLength([...to].length + [...REMOVED_CHARACTERS].length);
    expect(new Set([...from]).size).toBe([...from].length);
  });
});
