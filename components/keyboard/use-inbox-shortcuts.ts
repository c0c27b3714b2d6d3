'use client';

import { useEffect, useRef } from 'react';
import { isTypingTarget, shortcutFor, type TShortcutId } from './shortcuts';

/**
 * Installs the inbox's shortcuts on the window. Actions on the open conversation press the control that does the same
 * by mouse (marked `data-shortcut="<id>"`), so a shortcut follows every rule that control follows (a close that needs
 * a note opens its form; a control not shown, for want of permission, is not pressed).
 */
export function useInboxShortcuts(handlers: Partial<Record<TShortcutId, () => boolean | void>>) {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      // An open dialog (this one's help included) owns its keys.
      if (document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      const id = shortcutFor(event, isTypingTarget(event.target));
      if (!id) return;
      // A handler answering false did nothing: the key keeps its usual meaning.
      const handled = (latest.current[id] ?? (() => pressControl(id)))();
      if (handled !== false) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Presses (or focuses, for a text field) the visible control marked for this shortcut; false when there is none. */
export function pressControl(id: TShortcutId): boolean {
  const control = document.querySelector<HTMLElement>(`[data-shortcut="${id}"]:not([disabled])`);
  if (!control) return false;
  if (control.tagName === 'INPUT' || control.tagName === 'TEXTAREA') control.focus();
  else control.click();
  return true;
}
