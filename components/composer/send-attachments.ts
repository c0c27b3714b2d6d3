'use client';

import { useCallback } from 'react';
import { captionPlan } from '@/server/domain/outbound-media';
import type { TAttachments } from './use-attachments';

/**
 * Sends the composer's files, one message each in the order attached: the text becomes the caption of the first
 * file that takes one (outbound-media.ts captionPlan), or its own text message after them. Each file keeps its own
 * client key, so a send retried after an error never sends a file twice; a sent file leaves the tray at once, and
 * the first error stops the rest (said by the composer's mutation, like a text's). Resolves true when all went.
 */
export function useSendAttachments(
  conversationId: string,
  attachments: TAttachments,
  send: (input: {
    conversationId: string;
    clientKey: string;
    content: { kind: 'media'; uploadId: string; caption?: string } | { kind: 'text'; text: string };
  }) => Promise<unknown>,
  textClientKey: string,
) {
  return useCallback(
    async (text: string): Promise<boolean> => {
      const plan = captionPlan(
        attachments.items.map((item) => item.kind),
        text,
      );
      try {
        for (const [index, item] of attachments.items.entries()) {
          if (!item.uploadId) return false;
          const caption = plan.captionIndex === index ? { caption: text.trim() } : {};
          await send({ conversationId, clientKey: item.clientKey, content: { kind: 'media', uploadId: item.uploadId, ...caption } });
          attachments.remove(item.id);
        }
        if (plan.separateText) await send({ conversationId, clientKey: textClientKey, content: { kind: 'text', text } });
        return true;
      } catch {
        return false;
      }
    },
    [attachments, conversationId, send, textClientKey],
  );
}
