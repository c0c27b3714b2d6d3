'use client';

import { useEffect, useRef } from 'react';
import { chipView, type TChipView } from '@/server/domain/countdown';
import type { TChannelType } from '@/server/domain/channel-types';
import { activeFreeEntryUntil } from '@/server/domain/free-entry';
import { evaluateWindow, hasWindow } from '@/server/domain/window';
import { useFormats, useWindowWords } from '@/components/i18n/formats';
import { useTranslations } from 'next-intl';
import { onTick, serverNow, useTicking } from './clock';

const URGENCY_CLASSES = {
  calm: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  soon: 'bg-amber-50 text-amber-800 ring-amber-300',
  urgent: 'bg-rose-50 text-rose-700 ring-rose-300',
  lapsed: 'bg-slate-100 text-slate-600 ring-slate-200',
  none: '',
} as const;
const BASE_CLASS = 'inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-[11px] font-medium tabular-nums ring-1';

/** The free entry point's end while it runs (data-free-entry-until, UI-CONTRACT) and its hint in words, or nothing. */
type TFreeEntry = { until: Date; hint: string } | null;

function paint(element: HTMLElement, view: TChipView, rule: string, freeEntry: TFreeEntry) {
  if (element.textContent !== view.text) element.textContent = view.text;
  if (element.dataset.windowState !== view.state) element.dataset.windowState = view.state;
  const closesAt = view.closesAt?.toISOString();
  if (element.dataset.closesAt !== closesAt) {
    if (closesAt) element.dataset.closesAt = closesAt;
    else delete element.dataset.closesAt;
  }
  const freeEntryUntil = freeEntry?.until.toISOString();
  if (element.dataset.freeEntryUntil !== freeEntryUntil) {
    if (freeEntryUntil) element.dataset.freeEntryUntil = freeEntryUntil;
    else delete element.dataset.freeEntryUntil;
  }
  const title = freeEntry ? `${view.label}. ${rule} ${freeEntry.hint}` : `${view.label}. ${rule}`;
  if (element.getAttribute('aria-label') !== view.label) element.setAttribute('aria-label', view.label);
  if (element.title !== title) {
    element.title = title;
    if (freeEntry) element.setAttribute('aria-description', freeEntry.hint);
    else element.removeAttribute('aria-description');
  }
  const className = `${BASE_CLASS} ${URGENCY_CLASSES[view.urgency]}`;
  if (element.className !== className) element.className = className;
}

/**
 * The live countdown of a conversation's customer-service window; nothing on channels without one. React renders it
 * once; the page's single ticker then updates its text and attributes directly, so hundreds of chips tick without
 * hundreds of React re-renders (npm run bench:chips measures this).
 */
export function WindowChip({
  channelType,
  lastInboundAt,
  freeEntryUntil = null,
}: {
  channelType: TChannelType;
  lastInboundAt: Date | null;
  /** A free entry point's end (ISO 8601, conversation.get): marked, with its hint, until that moment. */
  freeEntryUntil?: string | null;
}) {
  const element = useRef<HTMLSpanElement>(null);
  const words = useWindowWords();
  const t = useTranslations('window');
  const rule = t('rule');
  const { dateTime } = useFormats();
  const windowed = hasWindow(channelType);

  useEffect(() => {
    if (!windowed) return;
    const update = () => {
      const now = serverNow();
      const view = chipView(evaluateWindow(channelType, lastInboundAt, now), now, words);
      const until = activeFreeEntryUntil(freeEntryUntil ? new Date(freeEntryUntil) : null, now);
      const freeEntry = until ? { until, hint: t('freeEntryHint', { until: dateTime(until) }) } : null;
      if (view && element.current) paint(element.current, view, rule, freeEntry);
    };
    update();
    return onTick(update);
  }, [channelType, lastInboundAt, windowed, words, rule, freeEntryUntil, t, dateTime]);

  if (!windowed) return null;
  return <span ref={element} role="timer" className={BASE_CLASS} suppressHydrationWarning />;
}

/** The window's current state, re-rendering the caller only when the state itself changes (e.g. at the lapse). */
export function useWindowState(channelType: TChannelType, lastInboundAt: Date | null) {
  return useTicking(
    (now) => evaluateWindow(channelType, lastInboundAt, now).state,
    evaluateWindow(channelType, lastInboundAt, new Date()).state,
  );
}
