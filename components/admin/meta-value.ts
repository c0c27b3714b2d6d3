/**
 * Meta's raw enumerations (CONNECTED, APPROVED, STANDARD, VERIFIED, LIVE...) as words in the reader's language, from
 * `numbers.<group>.<VALUE>`; a value Meta adds later reads as "Other (VALUE)" rather than disappearing, and an absent
 * one as a dash.
 */
type TNumbersT = { has: (key: never) => boolean; (key: never, values?: never): string };

const KEY_LIKE = /^[A-Z0-9_]+$/;

export function metaValue(t: TNumbersT, group: string, value: string | null | undefined): string {
  if (!value) return '—';
  const key = `${group}.${value}`;
  if (KEY_LIKE.test(value) && t.has(key as never)) return t(key as never);
  return t('otherValue' as never, { value } as never);
}
