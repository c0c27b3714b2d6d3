import { describe, expect, it } from 'vitest';
import {
  CONTACT_FIELDS_MAX,
  CONTACT_TAGS_MAX,
  ZContactFields,
  ZContactTag,
  fieldEntries,
  fieldsObject,
  normaliseContactPhone,
  withTag,
  withoutTag,
} from './contact-edit';

const form = { firstName: 'Layla', lastName: 'Hassan', email: '', phone: '', notes: '', fields: [] };
const issue = (input: object) => {
  const result = ZContactFields.safeParse({ ...form, ...input });
  return result.success ? null : result.error.issues.map((i) => i.message);
};

describe('normaliseContactPhone', () => {
  it.each([
    ['0551234567', 'SA', '+966551234567'],
    ['055 123 4567', 'SA', '+966551234567'],
    ['٠٥٥١٢٣٤٥٦٧', 'SA', '+966551234567'],
    ['+966 55 123 4567', 'AE', '+966551234567'],
    ['00966551234567', 'US', '+966551234567'],
    ['050 123 4567', 'AE', '+971501234567'],
    ['(650) 253-0000', 'US', '+16502530000'],
    ['+44 20 7946 0958', 'SA', '+442079460958'],
  ])('%s in %s is %s', (raw, country, e164) => {
    expect(normaliseContactPhone(raw, country)).toEqual({ ok: true, e164 });
  });

  it('reads empty as no phone', () => {
    expect(normaliseContactPhone('', 'SA')).toEqual({ ok: true, e164: null });
    expect(normaliseContactPhone('   ', 'SA')).toEqual({ ok: true, e164: null });
  });

  it.each([
    ['12', 'SA'],
    ['0551234', 'SA'],
    ['call me', 'SA'],
    ['+999 123456', 'SA'],
    // A national number in a country the library does not know cannot be read.
    ['0551234567', 'XX'],
    ['055123456789012', 'SA'],
  ])('refuses %s in %s', (raw, country) => {
    expect(normaliseContactPhone(raw, country)).toEqual({ ok: false });
  });
});

describe('ZContactFields', () => {
  it('trims, lower-cases the email and stores empty text as null', () => {
    const parsed = ZContactFields.parse({ ...form, firstName: '  Layla ', lastName: ' ', email: ' A@B.CO ', notes: '' });
    expect(parsed).toMatchObject({ firstName: 'Layla', lastName: null, email: 'a@b.co', notes: null });
  });

  it('names each refusal with its catalog key', () => {
    expect(issue({ email: 'nope' })).toEqual(['emailInvalid']);
    expect(issue({ firstName: 'x'.repeat(121) })).toEqual(['nameTooLong']);
    expect(issue({ firstName: 'x'.repeat(120) })).toBeNull();
    expect(issue({ notes: 'x'.repeat(2001) })).toEqual(['notesTooLong']);
    expect(issue({ notes: 'x'.repeat(2000) })).toBeNull();
    expect(issue({ fields: [{ key: '', value: 'v' }] })).toEqual(['fieldKeyRequired']);
    expect(issue({ fields: [{ key: 'k'.repeat(65), value: 'v' }] })).toEqual(['fieldKeyTooLong']);
    expect(issue({ fields: [{ key: 'k', value: 'v'.repeat(501) }] })).toEqual(['fieldValueTooLong']);
    expect(
      issue({
        fields: [
          { key: 'Size', value: '1' },
          { key: ' size ', value: '2' },
        ],
      }),
    ).toEqual(['fieldKeyDuplicate']);
    const many = Array.from({ length: CONTACT_FIELDS_MAX + 1 }, (_, i) => ({ key: `k${i}`, value: '' }));
    expect(issue({ fields: many })).toEqual(['tooManyFields']);
    expect(issue({ fields: many.slice(1) })).toBeNull();
  });
});

describe('custom fields', () => {
  it('round-trips in order, and reads stored non-text values as text', () => {
    const entries = [
      { key: 'b', value: '2' },
      { key: 'a', value: '1' },
    ];
    expect(fieldEntries(fieldsObject(entries))).toEqual(entries);
    expect(fieldEntries({ n: 5, ok: true })).toEqual([
      { key: 'n', value: '5' },
      { key: 'ok', value: 'true' },
    ]);
    expect(fieldEntries(null)).toEqual([]);
    expect(fieldEntries([1, 2])).toEqual([]);
  });
});

describe('tags', () => {
  it('adds a tag once in any letter case, keeping the stored spelling', () => {
    expect(withTag(['vip'], 'new')).toEqual(['vip', 'new']);
    expect(withTag(['VIP'], ' vip ')).toEqual(['VIP']);
    expect(withTag([], ' spaced ')).toEqual(['spaced']);
  });

  it('refuses a tag beyond the limit but accepts one already there', () => {
    const full = Array.from({ length: CONTACT_TAGS_MAX }, (_, i) => `t${i}`);
    expect(withTag(full, 'one-more')).toBeNull();
    expect(withTag(full, 'T3')).toEqual(full);
    expect(withTag(full.slice(1), 'one-more')).toHaveLength(CONTACT_TAGS_MAX);
  });

  it('removes exactly the tag shown', () => {
    expect(withoutTag(['a', 'b', 'A'], 'a')).toEqual(['b', 'A']);
    expect(withoutTag(['a'], 'x')).toEqual(['a']);
  });

  it('validates a typed tag', () => {
    expect(ZContactTag.safeParse('  ').error?.issues[0]?.message).toBe('tagRequired');
    expect(ZContactTag.safeParse('x'.repeat(65)).error?.issues[0]?.message).toBe('tagTooLong');
    expect(ZContactTag.parse(' vip ')).toBe('vip');
  });
});
