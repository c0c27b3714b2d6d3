import { describe, expect, it } from 'vitest';
import { likeEscape, parseSearch, prefixBounds, usernameOf } from './search-query';

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

describe('usernameOf', () => {
  it('reads @handle and handle alike, lower-cased; digits alone stay a phone number unless written with @', () => {
    expect(usernameOf('@Layla.Shop_1')).toBe('layla.shop_1');
    expect(usernameOf('  layla ')).toBe('layla');
    expect(usernameOf('0551234567')).toBeNull();
    expect(usernameOf('@1234')).toBe('1234');
    for (const other of ['a', 'layla haddad', 'a@b.com', 'ليلى', '@']) expect(usernameOf(other), other).toBeNull();
    expect(parseSearch('@layla', 'SA')).toMatchObject({ text: '@layla', phone: null, username: 'layla' });
  });

  it('bounds a prefix for the index: everything starting with it, nothing after', () => {
    const { from, below } = prefixBounds('lay_');
    expect(['lay_', 'lay_la', 'lay_zz'].every((u) => u >= from && u < below)).toBe(true);
    expect(['lay', 'lay`', 'lay~', 'laz'].some((u) => u >= from && u < below)).toBe(false);
  });
});
