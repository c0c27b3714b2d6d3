import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '@/db/seed/random';
import { NORMALIZE_CASES } from '@/server/domain/search-cases';
import { FOLD_PAIRS, normalizeSearchText, REMOVED_CHARACTERS } from '@/server/domain/search-normalize';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';

let database: TTestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('SQL nafidha_normalize() and TypeScript normalizeSearchText() agree', () => {
  it.each(NORMALIZE_CASES)('$why: $input', async ({ input, expected }) => {
    const [row] = await database.sql<{ out: string }[]>`select nafidha_normalize(${input}) as out`;
    expect(row!.out).toBe(expected);
    expect(normalizeSearchText(input)).toBe(row!.out);
  });

  it('is IMMUTABLE, so expression indexes can use it', async () => {
    const rows =
      await database.sql`select proname, provolatile from pg_proc where proname in ('nafidha_normalize', 'nafidha_phone_digits') order by proname`;
    expect(rows.map((r) => `${r.proname}:${r.provolatile}`)).toEqual(['nafidha_normalize:i', 'nafidha_phone_digits:i']);
  });
});

describe('the faster nafidha_normalize() (migration 0005)', () => {
  it('gives exactly what the original single translate() gave, for any text', async () => {
    // The original body from migration 0001, installed under another name.
    const original = readFileSync('db/migrations/0001_search.sql', 'utf8');
    const body = original.slice(original.indexOf('CREATE OR REPLACE FUNCTION nafidha_normalize'), original.indexOf('$fn$;') + 5);
    await database.sql.unsafe(body.replace('FUNCTION nafidha_normalize(', 'FUNCTION pg_temp.original_normalize('));
    const random = createRandom(5);
    const alphabet = [
      ...(FOLD_PAIRS.map(([f, t]) => f + t).join('') + REMOVED_CHARACTERS),
      ...'abc xyz 0123 بتثجحخ Привет #-_.,!',
      ' ',
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u2003',
    ];
    const samples = Array.from({ length: 3000 }, () => Array.from({ length: random.int(0, 24) }, () => random.pick(alphabet)).join(''));
    const rows = await database.sql<{ input: string; before: string; after: string }[]>`
      select input, pg_temp.original_normalize(input) as before, nafidha_normalize(input) as after
      from unnest(${samples}::text[]) as input`;
    expect(rows).toHaveLength(samples.length);
    expect(rows.filter((r) => r.before !== r.after)).toEqual([]);
  });
});
