'use client';

import { useSyncExternalStore } from 'react';

/** The message the agent is replying to, as the composer shows it (its text, and whose it was). */
export type TReplyTarget = { id: number; body: string | null; kind: string; direction: 'in' | 'out' };

/**
 * Shared by a conversation's timeline ("Reply" on a message) and its composer (which shows what it replies to, with a
 * cancel, and sends it as `replyTo`): one small store for the tab, keyed by conversation, so a target set in one
 * conversation is never sent in another, and nothing above the two needs to hold it.
 */
let current: { conversationId: string; target: TReplyTarget } | null = null;
const listeners = new Set<() => void>();
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

export function setReplyTarget(conversationId: string, target: TReplyTarget | null) {
  current = target ? { conversationId, target } : null;
  for (const listener of listeners) listener();
}

export function useReplyTarget(conversationId: string): TReplyTarget | null {
  const snapshot = useSyncExternalStore(
    subscribe,
    () => current,
    () => null,
  );
  return snapshot?.conversationId === conversationId ? snapshot.target : null;
}
