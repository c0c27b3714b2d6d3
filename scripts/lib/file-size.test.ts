import { describe, expect, it } from 'vitest';
import { isChecked, lineCount, MAX_LINES, oversized } from './file-size';

const lines = (n: number, first = '') => [first, ...Array.from({ length: n - 1 }, (_, i) => `const x${i} = ${i};`)].join('\n') + '\n';

describe('the file-size check', () => {
  it('counts lines as wc -l does, and a last line without its newline too', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(2);
  });

  it('fails a source file over the limit and passes one at it', () => {
    expect(oversized([{ path: 'server/a.ts', text: lines(MAX_LINES + 1) }])).toEqual([{ path: 'server/a.ts', lines: MAX_LINES + 1 }]);
    expect(oversized([{ path: 'server/a.ts', text: lines(MAX_LINES) }])).toEqual([]);
  });

  it('passes a long file that states why in its first lines, and not one whose reason is empty or buried', () => {
    expect(oversized([{ path: 'components/a.tsx', text: lines(400, '// size: one table of cases, read as a whole') }])).toEqual([]);
    expect(oversized([{ path: 'components/a.tsx', text: "'use client';\n// size: one state machine\n" + lines(400) }])).toEqual([]);
    expect(oversized([{ path: 'components/a.tsx', text: lines(400, '// size:') }])).toHaveLength(1);
    expect(oversized([{ path: 'components/a.tsx', text: lines(10) + '// size: too late\n' + lines(400) }])).toHaveLength(1);
  });

  it('covers TypeScript in the app’s folders, not migrations, snapshots, declarations or other files', () => {
    for (const path of ['app/page.tsx', 'components/x/y.tsx', 'server/a.ts', 'db/seed/demo.ts', 'scripts/bench.ts', 'e2e/a.spec.ts'])
      expect(isChecked(path), path).toBe(true);
    for (const path of [
      'db/migrations/0001.ts',
      'server/__snapshots__/a.ts',
      'server/i18n/catalogs/en.json',
      'types.d.ts',
      'server/env.d.ts',
      'docs/a.ts',
      'next.config.ts',
    ])
      expect(isChecked(path), path).toBe(false);
  });
});
