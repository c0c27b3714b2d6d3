import { describe, expect, it } from 'vitest';
import { isTypingTarget, SHORTCUTS, shortcutFor } from './shortcuts';

const key = (
  key: string,
  extra: Partial<{ code: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {},
) => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...extra,
});

describe('shortcutFor', () => {
  it('reads every letter shortcut outside text fields, and none while typing', () => {
    const letters = { j: 'next', k: 'previous', r: 'reply', n: 'toggleNote', a: 'assignToMe', e: 'close', '/': 'search' } as const;
    for (const [letter, id] of Object.entries(letters)) {
      expect(shortcutFor(key(letter), false)).toBe(id);
      expect(shortcutFor(key(letter), true)).toBeNull();
    }
    expect(shortcutFor(key('?', { shiftKey: true }), false)).toBe('help');
    expect(shortcutFor(key('?', { shiftKey: true }), true)).toBeNull();
  });

  it('Alt+J / Alt+K work while typing too, by physical key (Option+J types ∆ on a Mac)', () => {
    for (const typing of [false, true]) {
      expect(shortcutFor(key('∆', { code: 'KeyJ', altKey: true }), typing)).toBe('next');
      expect(shortcutFor(key('˚', { code: 'KeyK', altKey: true }), typing)).toBe('previous');
      expect(shortcutFor(key('a', { code: 'KeyA', altKey: true }), typing)).toBeNull();
    }
  });

  it('Escape goes back from anywhere; Ctrl, Cmd and Shift+letter are the browser’s or the text’s', () => {
    expect(shortcutFor(key('Escape'), false)).toBe('back');
    expect(shortcutFor(key('Escape'), true)).toBe('back');
    for (const extra of [{ ctrlKey: true }, { metaKey: true }]) {
      expect(shortcutFor(key('j', extra), false)).toBeNull();
      expect(shortcutFor(key('Escape', extra), false)).toBeNull();
    }
    expect(shortcutFor(key('J', { shiftKey: true }), false)).toBeNull();
    expect(shortcutFor(key('x'), false)).toBeNull();
  });

  it('every shortcut the dialog lists is one the handler knows', () => {
    const ids = new Set(SHORTCUTS.map((s) => s.id));
    expect(ids.size).toBe(SHORTCUTS.length);
  });
});

describe('isTypingTarget', () => {
  const element = (tagName: string, extra: Record<string, unknown> = {}) =>
    ({ tagName, isContentEditable: false, ...extra }) as unknown as EventTarget;
  it('is true in text inputs, text areas, selects and editable elements only', () => {
    expect(isTypingTarget(element('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(element('SELECT'))).toBe(true);
    expect(isTypingTarget(element('INPUT', { type: 'search' }))).toBe(true);
    expect(isTypingTarget(element('INPUT', { type: 'text' }))).toBe(true);
    expect(isTypingTarget(element('DIV', { isContentEditable: true }))).toBe(true);
    for (const type of ['checkbox', 'radio', 'button', 'submit']) expect(isTypingTarget(element('INPUT', { type }))).toBe(false);
    expect(isTypingTarget(element('LI'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
