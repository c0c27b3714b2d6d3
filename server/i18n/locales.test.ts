import { describe, expect, it } from 'vitest';
import { directionOf, formattingLocale, negotiateLocale } from './locales';

describe('locales', () => {
  it.each([
    ['ar-SA,ar;q=0.9,en;q=0.8', 'ar'],
    ['en-US,en;q=0.9,ar;q=0.8', 'en'],
    ['fr-FR,ar;q=0.5', 'ar'],
    ['fr-FR', 'en'],
    ['', 'en'],
    [null, 'en'],
    ['en;q=0.1, ar;q=0.9', 'ar'],
  ])('negotiates %j to %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });

  it('mirrors Arabic and formats its numbers with the workspace’s digits', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
    expect(new Intl.NumberFormat(formattingLocale('ar', true)).format(3)).toBe('٣');
    expect(new Intl.NumberFormat(formattingLocale('ar', false)).format(3)).toBe('3');
    expect(formattingLocale('en', true)).toBe('en');
  });
});
