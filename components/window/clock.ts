'use client';

import { useSyncExternalStore } from 'react';

/**
 * One 1 Hz ticker for the whole page and the server's clock. Every countdown subscribes to the same interval and
 * selects only what it displays, so a chip re-renders when its text changes (once a minute above an hour), not
 * every second, and 500 chips cost one timer.
 */
let offsetMs = 0;
let measuring: Promise<void> | null = null;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

export function measureServerClock(): Promise<void> {
  measuring ??= (async () => {
    try {
      const started = Date.now();
      const response = await fetch('/api/time', { cache: 'no-store' });
      const { now } = (await response.json()) as { now: number };
      offsetMs = now - (started + Date.now()) / 2;
      listeners.forEach((listener) => listener());
    } catch {
      offsetMs = 0; // keep the local clock: better than no countdown
    }
  })();
  return measuring;
}

export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Measured (npm run bench:chips): notifying inside requestAnimationFrame dropped more frames than this.
  if (!timer) timer = setInterval(() => listeners.forEach((l) => l()), 1000);
  void measureServerClock();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Calls `listener` on every tick (and once the server clock is known); returns the unsubscribe function. */
export function onTick(listener: () => void): () => void {
  return subscribe(listener);
}

/** Re-renders the caller only when `select(now)` returns something different (compare with ===: return primitives). */
export function useTicking<T extends string | number | boolean | null>(select: (now: Date) => T, serverFallback: T): T {
  return useSyncExternalStore(
    subscribe,
    () => select(serverNow()),
    () => serverFallback,
  );
}
