'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useFormats } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { useTicking } from '@/components/window/clock';
import { inFreeEntry } from '@/server/domain/free-entry';

/**
 * The template picker's mark during a free entry point (server/domain/free-entry.ts): every template is free until
 * the period ends. It reads the open conversation's cached `conversation.get` (no request of its own) and disappears
 * at the end on the server's clock, without a reload.
 */
export function FreeEntryMark({ conversationId }: { conversationId: string }) {
  const t = useTranslations('template');
  const { dateTime } = useFormats();
  const trpc = useTRPC();
  const until = useQuery(trpc.conversation.get.queryOptions({ id: conversationId })).data?.freeEntryUntil ?? null;
  const running = useTicking((now) => inFreeEntry(until ? new Date(until) : null, now), false);
  if (!until || !running) return null;
  return (
    <p role="note" data-free-entry-until={until} className="rounded bg-emerald-50 px-2 py-1 text-xs text-emerald-900">
      {t('freeEntry', { until: dateTime(new Date(until)) })}
    </p>
  );
}
