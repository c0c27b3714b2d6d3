import { describe, expect, it } from 'vitest';
import { likeEscape, parseSearch } from './search-query';

describe('parseSearch', () => {
  it.each([
    ['+966 55 123 4567', { digits: '966551234567', anchored: true }],
    ['00966551234567', { digits: '966551234567', anchored: true }],
    ['0551234567', { digits: '966551234567', anchored: true }],
    ['٠٥٥١٢٣٤٥٦٧', { digits: '966551234567', anchored: true }],
    ['۰۵۵۱۲۳۴۵۶۷', { digits: '966551234567', anchored: true }],
    ['966551234567', { digits: '966551234567', anchored: false }],
    ['55 123 4567', { digits: '551234567', anchored: false }],
    ['(055) 123-4567', { digits: '966551234567', anchored: true }],
  ])('reads %j as a phone number', (input, phone) => {
    expect(parseSearch(input, 'SA').phone).toEqual(phone);
  });

  it('reads national numbers with the workspace country', () => {
    expect(parseSearch('0501112233', 'AE').phone).toEqual({ digits: '971501112233', anchored: true });
    expect(parseSearch('0501112233', 'ZZ').phone).toEqual({ digits: '501112233', anchored: false });
  });

  it.each(['123', 'Emma', 'A-1187', 'نورة', 'order 4521'])('does not read %j as a phone number', (input) => {
    expect(parseSearch(input, 'SA').phone).toBeNull();
  });

  it('normalises the text part', () => {
    expect(parseSearch('  فاطمة  ', 'SA').text).toBe('فاطمه');
  });
});

describe('likeEscape', () => {
  it('escapes LIKE wildcards', () => {
    expect(likeEscape('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});
