import { describe, expect, it } from 'vitest';
import { EARLIEST_PROVIDER_TIME, providerTime, saneDate } from './provider-time';

const receivedAt = new Date('2026-03-01T12:00:00.000Z');
const seconds = (iso: string) => String(Date.parse(iso) / 1000);

describe('providerTime', () => {
  it.each([
    ['a time before receipt', seconds('2026-03-01T11:59:00Z'), '2026-03-01T11:59:00.000Z'],
    ['the receipt time itself', seconds('2026-03-01T12:00:00Z'), '2026-03-01T12:00:00.000Z'],
    ['the first second of 2009', seconds('2009-01-01T00:00:00Z'), '2009-01-01T00:00:00.000Z'],
    ['a number', Date.parse('2025-01-01T00:00:00Z') / 1000, '2025-01-01T00:00:00.000Z'],
    ['fractional seconds', '1767225600.5', '2026-01-01T00:00:00.500Z'],
  ])('keeps %s', (_label, raw, expected) => {
    expect(providerTime(raw, receivedAt).toISOString()).toBe(expected);
  });

  it.each([
    ['one second after receipt', seconds('2026-03-01T12:00:01Z')],
    ['an hour ahead', seconds('2026-03-01T13:00:00Z')],
    ['999999999999 (year 33658)', '999999999999'],
    ['10^30', `1${'0'.repeat(30)}`],
    ['10^30 as a number', 1e30],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['the last second of 2008', String(EARLIEST_PROVIDER_TIME / 1000 - 1)],
    ['zero', '0'],
    ['a negative number', -5],
    ['a negative string', '-5'],
    ['an empty string', ''],
    ['words', 'soon'],
    ['exponent notation', '1e9'],
    ['hex', '0x5f5e100'],
    ['padded', ' 1767225600'],
    ['null', null],
    ['undefined', undefined],
    ['an object', { seconds: 1767225600 }],
    ['a boolean', true],
  ])('replaces %s by the receipt time', (_label, raw) => {
    expect(providerTime(raw, receivedAt)).toEqual(receivedAt);
  });
});

describe('saneDate', () => {
  it('keeps a sane Date and replaces an invalid, ancient or future one', () => {
    const fine = new Date('2026-02-28T00:00:00Z');
    expect(saneDate(fine, receivedAt)).toEqual(fine);
    expect(saneDate(new Date(Number.NaN), receivedAt)).toEqual(receivedAt);
    expect(saneDate(new Date('2001-01-01T00:00:00Z'), receivedAt)).toEqual(receivedAt);
    expect(saneDate(new Date(receivedAt.getTime() + 1), receivedAt)).toEqual(receivedAt);
  });
});
