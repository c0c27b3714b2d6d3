'use client';

import { useTranslations } from 'next-intl';
import { useConnectionState } from './socket-provider';

const DOT = { connecting: 'bg-amber-400', connected: 'bg-emerald-500', disconnected: 'bg-rose-500' } as const;

export function ConnectionIndicator() {
  const t = useTranslations('connection');
  const state = useConnectionState();
  return (
    <span role="status" aria-live="polite" data-connection={state} className="inline-flex items-center gap-1.5 text-xs text-slate-600">
      <span aria-hidden className={`size-2 rounded-full ${DOT[state]}`} />
      {t(state)}
    </span>
  );
}
