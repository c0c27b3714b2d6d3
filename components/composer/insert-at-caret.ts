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
 * Inserts into a textarea's draft at its selection, then puts the caret after the insert once React has rendered;
 * returns the new draft.
 */
export function insertIntoTextarea(textarea: HTMLTextAreaElement | null, text: string, setText: (value: string) => void, insert: string): string {
  const start = textarea?.selectionStart ?? text.length;
  const end = textarea?.selectionEnd ?? text.length;
  const next = insertAt(text, start, end, insert);
  setText(next.text);
  requestAnimationFrame(() => {
    if (!textarea) return;
    textarea.focus();
    textarea.setSelectionRange(next.caret, next.caret);
  });
  return next.text;
}
