import { describe, expect, it } from 'vitest';
import { localAppUrl } from './app-url';

describe('localAppUrl', () => {
  it('follows PORT, 3000 when unset or empty', () => {
    expect(localAppUrl({ PORT: '3100' })).toBe('http://localhost:3100');
    expect(localAppUrl({})).toBe('http://localhost:3000');
    expect(localAppUrl({ PORT: '' })).toBe('http://localhost:3000');
  });

  it('refuses a PORT the app would refuse, naming it', () => {
    expect(() => localAppUrl({ PORT: 'eighty' })).toThrow(/PORT:/);
  });
});
