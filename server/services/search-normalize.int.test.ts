import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NORMALIZE_CASES } from '@/server/domain/search-cases';
import { normalizeSearchText } from '@/server/domain/search-normalize';
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
