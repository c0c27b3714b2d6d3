/**
 * The explicit bidi formatting characters: embeddings and overrides (U+202A LRE, U+202B RLE, U+202C PDF,
 * U+202D LRO, U+202E RLO) and isolates (U+2066 LRI, U+2067 RLI, U+2068 FSI, U+2069 PDI). In a customer's name or
 * message they can make text read as something it is not: "Ali \u202Enimda" shows as "Ali admin" and
 * "Invoice \u202Efdp.exe" as "Invoice exe.pdf". The implicit marks (U+200E LRM, U+200F RLM, U+061C ALM) stay: they
 * only nudge neutral characters, Arabic text uses them legitimately, and they cannot reorder a word.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** The marker shown in place of a control: its code point, as code hosts show them, in neutral brackets. */
export function bidiMarker(control: string): string {
  return `⟨U+${control.codePointAt(0)!.toString(16).toUpperCase()}⟩`;
}

/**
 * Customer-supplied text as it may be displayed: every explicit bidi control becomes a visible marker, so the text
 * keeps the order it was typed in and the reader sees that something was hidden in it. For display only: the
 * stored text keeps the characters (search, audit and replies see what the customer sent).
 */
export function revealBidiControls<T extends string | null | undefined>(text: T): T {
  if (typeof text !== 'string') return text;
  return text.replace(BIDI_CONTROLS, bidiMarker) as T;
}
