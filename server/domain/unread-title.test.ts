import { describe, expect, it } from 'vitest';
import { unreadTitle } from './unread-title';

describe('unreadTitle', () => {
  it('puts the count in front, capped with a plus', () => {
    expect(unreadTitle('Nafidha', { count: '3', capped: false, zero: false })).toBe('(3) Nafidha');
    expect(unreadTitle('Nafidha', { count: '99', capped: true, zero: false })).toBe('(99+) Nafidha');
  });
  it('replaces an earlier prefix instead of stacking, in Latin or Arabic-Indic digits', () => {
    expect(unreadTitle('(3) Nafidha', { count: '4', capped: false, zero: false })).toBe('(4) Nafidha');
    expect(unreadTitle('(99+) Nafidha', { count: '٢', capped: false, zero: false })).toBe('(٢) Nafidha');
    expect(unreadTitle('(٢) Nafidha', { count: '5', capped: false, zero: false })).toBe('(5) Nafidha');
  });
  it('drops the prefix when nothing waits or nothing is known yet', () => {
    expect(unreadTitle('(3) Nafidha', { count: '0', capped: false, zero: true })).toBe('Nafidha');
    expect(unreadTitle('(3) Nafidha', null)).toBe('Nafidha');
    expect(unreadTitle('Nafidha', null)).toBe('Nafidha');
  });
  it('leaves a title that merely starts with a parenthesis alone', () => {
    expect(unreadTitle('(Beta) Nafidha', null)).toBe('(Beta) Nafidha');
    expect(unreadTitle('(Beta) Nafidha', { count: '1', capped: false, zero: false })).toBe('(1) (Beta) Nafidha');
  });
});
