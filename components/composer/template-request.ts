'use client';

import { useEffect, useRef } from 'react';

/**
 * "Pick a template" on a message WhatsApp refused because the window had closed (131047) asks the conversation's
 * composer to show its template picker: a tab-wide event keyed by conversation, so the timeline and the composer
 * need nothing shared above them.
 */
const EVENT = 'nafidha:pick-template';

export function requestTemplate(conversationId: string) {
  window.dispatchEvent(new CustomEvent<string>(EVENT, { detail: conversationId }));
}

export function useTemplateRequest(conversationId: string, onRequest: () => void) {
  const handler = useRef(onRequest);
  useEffect(() => {
    handler.current = onRequest;
  }, [onRequest]);
  useEffect(() => {
    const listener = (event: Event) => {
      if ((event as CustomEvent<string>).detail === conversationId) handler.current();
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, [conversationId]);
}
