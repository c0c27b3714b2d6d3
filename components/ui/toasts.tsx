'use client';

import { useTranslations } from 'next-intl';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { revealBidiControls } from '@/server/domain/bidi';

type TToast = { id: number; text: string };
const ToastContext = createContext<(text: string) => void>(() => {});

export function useToast() {
  return useContext(ToastContext);
}

let nextId = 1;

/** Brief, polite announcements ("A conversation was assigned to you"), stacked at the bottom of the screen. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations('toasts');
  const [toasts, setToasts] = useState<TToast[]>([]);
  const show = useCallback((text: string) => {
    const id = nextId++;
    setToasts((current) => [...current.slice(-3), { id, text }]);
    setTimeout(() => setToasts((current) => current.filter((toast) => toast.id !== id)), 6000);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <div
        role="status"
        aria-live="polite"
        aria-label={t('region')}
        className="pointer-events-none fixed bottom-4 end-4 z-50 flex flex-col gap-2"
      >
        {toasts.map((toast) => (
          <div key={toast.id} className="pointer-events-auto rounded-lg bg-slate-900 px-4 py-2 text-sm text-white shadow-lg">
            {revealBidiControls(toast.text)}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
