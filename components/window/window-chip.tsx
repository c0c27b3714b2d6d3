'use client';

import { useEffect, useRef } from 'react';
import { chipView, type TChipView } from '@/server/domain/countdown';
import type { TChannelType } from '@/server/domain/channel-types';
import { evaluateWindow, hasWindow } from '@/server/domain/window';
import { useWindowWords } from '@/components/i18n/formats';
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

function paint(element: HTMLElement, view: TChipView, rule: string) {
  if (element.textContent !== view.text) element.textContent = view.text;
  if (element.dataset.windowState !== view.state) element.dataset.windowState = view.state;
  const closesAt = view.closesAt?.toISOString();
  if (element.dataset.closesAt !== closesAt) {
    if (closesAt) element.dataset.closesAt = closesAt;
    else delete element.dataset.closesAt;
  }
  if (element.getAttribute('aria-label') !== view.label) {
    element.setAttribute('aria-label', view.label);
    element.title = `${view.label}. ${rule}`;
  }
  const className = `${BASE_CLASS} ${URGENCY_CLASSES[view.urgency]}`;
  if (element.className !== className) element.className = className;
}

/**
 * The live countdown of a conversation's customer-service window; nothing on channels without one. React renders it
 * once; the page's single ticker then updates its text and attributes directly, so hundreds of chips tick without
 * hundreds of React re-renders (npm run bench:chips measures this).
 */
export function WindowChip({ channelType, lastInboundAt }: { channelType: TChannelType; lastInboundAt: Date | null }) {
  const element = useRef<HTMLSpanElement>(null);
  const words = useWindowWords();
  const rule = useTranslations('window')('rule');
  const windowed = hasWindow(channelType);

  useEffect(() => {
    if (!windowed) return;
    const update = () => {
      const now = serverNow();
      const view = chipView(evaluateWindow(channelType, lastInboundAt, now), now, words);
      if (view && element.current) paint(element.current, view, rule);
    };
    update();
    return onTick(update);
  }, [channelType, lastInboundAt, windowed, words, rule]);

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
