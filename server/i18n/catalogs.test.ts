import { describe, expect, it } from 'vitest';
import ar from './catalogs/ar.json';
import en from './catalogs/en.json';
import { ERROR_CODES } from '@/server/errors';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('message catalogs', () => {
  it('have exactly the same keys in English and Arabic', () => {
    expect(keys(ar).sort()).toEqual(keys(en).sort());
  });

  it('translate every error code the server can send', () => {
    for (const code of Object.keys(ERROR_CODES)) {
      expect(en.errors).toHaveProperty(code);
      expect(ar.errors).toHaveProperty(code);
    }
  });

  it('leave no Arabic string empty or identical to English, except names of languages and formats', () => {
    const english = new Map(keys(en).map((k) => [k, k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en)]));
    const same = keys(ar).filter((k) => k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], ar) === english.get(k));
    expect(same.sort()).toEqual(['account.arabic', 'account.english', 'window.ms']);
  });
});
