/**
 * The inbox's keyboard shortcuts, one table for the handler and the "Keyboard shortcuts" dialog. Letters work only
 * outside text fields (an agent typing "j" in a reply is writing, not navigating); Alt combinations and Escape work
 * everywhere. Alt+J is matched by its physical key: on a Mac, Option+J types "∆".
 */
export const SHORTCUTS = [
  { id: 'next', keys: ['j', 'Alt+J'] },
  { id: 'previous', keys: ['k', 'Alt+K'] },
  { id: 'back', keys: ['Escape'] },
  { id: 'reply', keys: ['r'] },
  { id: 'toggleNote', keys: ['n'] },
  { id: 'assignToMe', keys: ['a'] },
  { id: 'close', keys: ['e'] },
  { id: 'search', keys: ['/'] },
  { id: 'help', keys: ['?'] },
] as const;

export type TShortcutId = (typeof SHORTCUTS)[number]['id'];

type TKeyEvent = { key: string; code?: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean };

const LETTERS: Record<string, TShortcutId> = {
  j: 'next',
  k: 'previous',
  r: 'reply',
  n: 'toggleNote',
  a: 'assignToMe',
  e: 'close',
  '/': 'search',
  '?': 'help',
};
const ALT: Record<string, TShortcutId> = { KeyJ: 'next', KeyK: 'previous' };

/** The shortcut a key press means, or null. `typing`: the focus is in a text field. */
export function shortcutFor(event: TKeyEvent, typing: boolean): TShortcutId | null {
  if (event.ctrlKey || event.metaKey) return null;
  if (event.key === 'Escape' && !event.altKey && !event.shiftKey) return 'back';
  if (event.altKey) return (!event.shiftKey && event.code && ALT[event.code]) || null;
  if (typing) return null;
  // "?" needs Shift on most layouts; a capital letter (Shift+J) is not a shortcut.
  if (event.shiftKey && event.key !== '?') return null;
  return LETTERS[event.key] ?? null;
}

/** Whether the focus is somewhere keys are text: an input, a text area, a select or an editable element. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  if (element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  if (element.tagName !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
}
