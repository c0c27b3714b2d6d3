import { describe, expect, it } from 'vitest';
import { NORMALIZE_CASES } from './search-cases';
import { readFileSync } from 'node:fs';
import { FOLD_PAIRS, normalizeSearchText, REMOVED_CHARACTERS, sqlFoldSteps, sqlNormalizeFunction } from './search-normalize';

describe('normalizeSearchText', () => {
  it.each(NORMALIZE_CASES)('$why: $input → $expected', ({ input, expected }) => {
    expect(normalizeSearchText(input)).toBe(expected);
  });

  it('is idempotent', () => {
    for (const { input } of NORMALIZE_CASES) expect(normalizeSearchText(normalizeSearchText(input))).toBe(normalizeSearchText(input));
  });

  it('has tables SQL translate() can apply one character for one', () => {
    for (const [from, to] of FOLD_PAIRS) expect([...from]).toHaveLength([...to].length);
    const from = FOLD_PAIRS.map(([f]) => f).join('') + REMOVED_CHARACTERS;
    expect(new Set([...from]).size).toBe([...from].length);
  });

  it('splits into SQL steps that cover every table once and never feed each other', () => {
    // ASCII case is lower() under the C collation: exactly A-Z to a-z.
    expect(FOLD_PAIRS[0]).toEqual(['ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz']);
    const steps = sqlFoldSteps();
    const covered = steps.map((step) => step.from).join('');
    expect([...covered].sort()).toEqual(
      [
        ...(FOLD_PAIRS.slice(1)
          .map(([f]) => f)
          .join('') + REMOVED_CHARACTERS),
      ].sort(),
    );
    steps.forEach((step, i) => {
      expect([...step.from]).toHaveLength([...step.to].length + (step.to === '' ? [...step.from].length : 0));
      // What a step writes is never read by a later one (nor by ASCII case), so the steps equal one translate().
      for (const later of steps.slice(i + 1)) for (const ch of step.to) expect(later.from).not.toContain(ch);
    });
  });

  it('is the function the latest migration installs', () => {
    expect(readFileSync('db/migrations/0005_faster_normalize.sql', 'utf8')).toContain(sqlNormalizeFunction());
  });
});
