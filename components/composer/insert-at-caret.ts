/**
 * Text put into a draft where the caret is (or over the selected text), and where the caret goes after it: what the
 * emoji picker and the "Saved replies" button insert. Pure, so it is tested without a browser.
 */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: text.slice(0, from) + insert + text.slice(to), caret: from + insert.length };
}

/**
 * Puts a new draft into a textarea and its caret at `caret` at once, in the DOM, then tells React. React leaves a
 * controlled textarea alone when its value already matches, so the caret stays. Doing it in this same event (not in a
 * later frame) matters: keys typed before a frame would otherwise land after the caret and then be split by it.
 */
export function placeInTextarea(textarea: HTMLTextAreaElement | null, text: string, caret: number, setText: (value: string) => void) {
  if (textarea) {
    textarea.value = text;
    textarea.focus();
    textarea.setSelectionRange(caret, caret);
  }
  setText(text);
}

/** Inserts into a textarea's draft at its selection, the caret after the insert; returns the new draft. */
export function insertIntoTextarea(textarea: HTMLTextAreaElement | null, text: string, setText: (value: string) => void, insert: string): string {
  const start = textarea?.selectionStart ?? text.length;
  const end = textarea?.selectionEnd ?? text.length;
  const next = insertAt(text, start, end, insert);
  placeInTextarea(textarea, next.text, next.caret, setText);
  return next.text;
}
