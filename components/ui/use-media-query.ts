'use client';

import { useSyncExternalStore } from 'react';

/**
 * Whether a CSS media query matches now, following it as the window is resized. False on the server and in the first
 * render: what depends on it (a panel open by default on wide screens) appears once the browser has answered.
 */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** The widths the layout changes at (Tailwind's md, xl and 2xl): one pane below PHONE_MAX, two below DESKTOP_MIN. */
export const TABLET_MIN = '(min-width: 768px)';
export const DESKTOP_MIN = '(min-width: 1280px)';
export const WIDE_MIN = '(min-width: 1536px)';
