import { describe, expect, it } from 'vitest';
import { bidiMarker, revealBidiControls } from './bidi';

const CONTROLS: [number, string][] = [
  [0x202a, 'LRE'],
  [0x202b, 'RLE'],
  [0x202c, 'PDF'],
  [0x202d, 'LRO'],
  [0x202e, 'RLO'],
  [0x2066, 'LRI'],
  [0x2067, 'RLI'],
  [0x2068, 'FSI'],
  [0x2069, 'PDI'],
];

describe('revealBidiControls', () => {
  it('shows the spoofed name and file name of the issue in the order they were typed', () => {
    expect(revealBidiControls('Ali \u202Enimda')).toBe('Ali ⟨U+202E⟩nimda');
    expect(revealBidiControls('Invoice \u202Efdp.exe')).toBe('Invoice ⟨U+202E⟩fdp.exe');
  });

  it.each(CONTROLS)('turns U+%s (%s) into its visible marker', (codePoint) => {
    const control = String.fromCodePoint(codePoint);
    const marker = `⟨U+${codePoint.toString(16).toUpperCase()}⟩`;
    expect(bidiMarker(control)).toBe(marker);
    expect(revealBidiControls(`a${control}b`)).toBe(`a${marker}b`);
    expect(revealBidiControls(control)).toBe(marker);
  });

  it('leaves every other code point of the surrounding blocks alone, the implicit marks included', () => {
    const controls = new Set(CONTROLS.map(([c]) => c));
    const others: number[] = [0x061c, 0x200e, 0x200f];
    for (let c = 0x2000; c <= 0x206f; c++) if (!controls.has(c)) others.push(c);
    for (const c of others) {
      const text = `x${String.fromCodePoint(c)}y`;
      expect(revealBidiControls(text), `U+${c.toString(16)}`).toBe(text);
    }
  });

  it('replaces every control, adjacent or apart, and nothing else', () => {
    expect(revealBidiControls('\u2067\u202E\u202C\u2069')).toBe('⟨U+2067⟩⟨U+202E⟩⟨U+202C⟩⟨U+2069⟩');
    expect(revealBidiControls('\u202Dabc\u202C def \u2068ghi\u2069')).toBe('⟨U+202D⟩abc⟨U+202C⟩ def ⟨U+2068⟩ghi⟨U+2069⟩');
  });

  it('keeps ordinary text, Arabic, emoji and lone surrogates as they are', () => {
    for (const text of ['', 'Noura', 'مرحبا، هل طلبي جاهز؟', 'order #42 ✓✓', 'family 👨‍👩‍👧 and flag 🇸🇦', 'a\ud800b', 'tab\tand\nnewline']) {
      expect(revealBidiControls(text)).toBe(text);
    }
  });

  it('leaves no bidi control behind and is idempotent', () => {
    const spoofed = `${CONTROLS.map(([c]) => String.fromCodePoint(c)).join('x')}تم`;
    const once = revealBidiControls(spoofed);
    expect(once).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(revealBidiControls(once)).toBe(once);
  });

  it('passes null and undefined through, for optional fields', () => {
    expect(revealBidiControls(null)).toBeNull();
    expect(revealBidiControls(undefined)).toBeUndefined();
  });
});
