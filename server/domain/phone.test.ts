import { describe, expect, it } from 'vitest';
import { formatPhone, isValidPhone, phoneCountry, phoneDigits, phoneSearchDigits } from './phone';

describe('phoneDigits', () => {
  it.each([
    ['+966 55 123 4567', '966551234567'],
    ['00966551234567', '966551234567'],
    ['966551234567', '966551234567'],
    ['+٩٦٦ ٥٥ ١٢٣ ٤٥٦٧', '966551234567'],
    ['+۹۷۱ ۵۰ ۱۱۱ ۲۲۳۳', '971501112233'],
    ['+20 (100) 123-4567', '201001234567'],
    ['+962 7 9123 4567', '962791234567'],
    ['+212 6-12-34-56-78', '212612345678'],
    ['+1 650-555-0100', '16505550100'],
    ['0551234567', '0551234567'],
    ['abc', ''],
  ])('reads %j as %j', (raw, digits) => {
    expect(phoneDigits(raw)).toBe(digits);
  });
});

describe('formatPhone', () => {
  it.each([
    ['+966551234567', '+966 55 123 4567', '055 123 4567'],
    ['+971501112233', '+971 50 111 2233', '050 111 2233'],
    ['+201001234567', '+20 10 01234567', '010 01234567'],
    ['+962791234567', '+962 7 9123 4567', '07 9123 4567'],
    ['+212612345678', '+212 6 12 34 56 78', '06 12 34 56 78'],
  ])('shows %s internationally as %j and nationally as %j', (e164, international, national) => {
    expect(formatPhone(e164)).toBe(international);
    expect(formatPhone(e164, 'national')).toBe(national);
  });

  it('leaves what it cannot read as it is', () => {
    expect(formatPhone('not a number')).toBe('not a number');
    expect(formatPhone('')).toBe('');
  });
});

describe('isValidPhone', () => {
  it.each([
    ['0551234567', 'SA'],
    ['+966551234567', 'SA'],
    ['٠٥٥١٢٣٤٥٦٧', 'SA'],
    ['0501112233', 'AE'],
    ['00971501112233', 'AE'],
    ['01001234567', 'EG'],
    ['0791234567', 'JO'],
    ['0612345678', 'MA'],
    ['+212612345678', 'ma'],
  ])('accepts %j in %s', (raw, country) => {
    expect(isValidPhone(raw, country)).toBe(true);
  });

  it.each([
    ['055123456', 'SA'],
    ['05512345678', 'SA'],
    ['050111223', 'AE'],
    ['0100123', 'EG'],
    ['0551234567', 'ZZ'],
    ['hello', 'SA'],
  ])('refuses %j in %s', (raw, country) => {
    expect(isValidPhone(raw, country)).toBe(false);
  });
});

describe('phoneSearchDigits', () => {
  it.each([
    ['+96655', 'SA', { digits: '96655', anchored: true }],
    ['0096655', 'SA', { digits: '96655', anchored: true }],
    ['05512', 'SA', { digits: '9665512', anchored: true }],
    ['0501112233', 'AE', { digits: '971501112233', anchored: true }],
    ['01001234567', 'EG', { digits: '201001234567', anchored: true }],
    ['0791234567', 'JO', { digits: '962791234567', anchored: true }],
    ['0612345678', 'MA', { digits: '212612345678', anchored: true }],
    ['٠٧٩١٢٣', 'jo', { digits: '96279123', anchored: true }],
    ['0501112233', 'ZZ', { digits: '501112233', anchored: false }],
    ['551234567', 'SA', { digits: '551234567', anchored: false }],
  ])('reads %j in %s', (compact, country, expected) => {
    expect(phoneSearchDigits(compact, country)).toEqual(expected);
  });
});

describe('phoneCountry', () => {
  it.each([
    ['+966551234567', 'SA'],
    ['966551234567', 'SA'],
    ['+14165550100', 'CA'],
    ['+16505550100', 'US'],
    ['+447700900123', 'GB'],
    ['+80012345678', null],
    ['', null],
    [null, null],
  ])('%j is in %j', (phone, country) => {
    expect(phoneCountry(phone)).toBe(country);
  });
});
