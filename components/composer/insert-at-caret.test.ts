import { describe, expect, it } from 'vitest';
import { insertAt } from './insert-at-caret';

describe('insertAt', () => {
  it.each([
    ['', 0, 0, '🙂', { text: '🙂', caret: 2 }],
    ['Hello world', 5, 5, ' 🙂', { text: 'Hello 🙂 world', caret: 8 }],
    ['Hello world', 0, 0, '👋 ', { text: '👋 Hello world', caret: 3 }],
    ['Hello world', 11, 11, '!', { text: 'Hello world!', caret: 12 }],
    ['Hello world', 6, 11, 'Sara', { text: 'Hello Sara', caret: 10 }],
    ['مرحبا', 5, 5, ' 🌙', { text: 'مرحبا 🌙', caret: 8 }],
  ])('puts into %j at %i–%i', (text, start, end, insert, expected) => {
    expect(insertAt(text, start, end, insert)).toEqual(expected);
  });

  it('clamps a selection outside the text and one given backwards', () => {
    expect(insertAt('abc', 10, 20, 'x')).toEqual({ text: 'abcx', caret: 4 });
    expect(insertAt('abc', -3, 1, 'x')).toEqual({ text: 'xbc', caret: 1 });
    expect(insertAt('abc', 2, 1, 'x')).toEqual({ text: 'abxc', caret: 3 });
  });
});
