'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { revealBidiControls } from '@/server/domain/bidi';

/**
 * `href`: what the toast is about (a conversation); the toast is then a link that opens it. `open`, when given, is
 * how a plain click opens it (e.g. in the list the reader is on by then); a new tab or window takes `href`.
 */
export type TToastContent = { text: string; href?: string; open?: () => void };
type TToast = TToastContent & { id: number };
/** An urgent notice the reader can act on: clicking it opens what it is about. */
export type TAlertToast = { key: string; text: string; onOpen: () => void };
const ToastContext = createContext<(toast: string | TToastContent) => void>(() => {});
const AlertContext = createContext<(alert: TAlertToast) => void>(() => {});

export function useToast() {
  return useContext(ToastContext);
}

export function useAlertToast() {
  return useContext(AlertContext);
}

let nextId = 1;
const ALERT_MS = 20_000;

/**
 * Brief, polite announcements ("A conversation was assigned to you"), stacked at the bottom of the screen; urgent
 * ones (a customer's window about to close) are assertive (`role="alert"`), stay longer, and open their subject.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations('toasts');
  const [toasts, setToasts] = useState<TToast[]>([]);
  const [alerts, setAlerts] = useState<(TAlertToast & { id: number })[]>([]);
  const show = useCallback((toast: string | TToastContent) => {
    const id = nextId++;
    const content = typeof toast === 'string' ? { text: toast } : toast;
    setToasts((current) => [...current.slice(-3), { id, ...content }]);
    setTimeout(() => setToasts((current) => current.filter((toast) => toast.id !== id)), 6000);
  }, []);
  const dismiss = useCallback((id: number) => setAlerts((current) => current.filter((a) => a.id !== id)), []);
  const alert = useCallback(
    (next: TAlertToast) => {
      const id = nextId++;
      // One per subject: a newer alert about the same thing replaces the older.
      setAlerts((current) => [...current.filter((a) => a.key !== next.key).slice(-3), { ...next, id }]);
      setTimeout(() => dismiss(id), ALERT_MS);
    },
    [dismiss],
  );
  return (
    <ToastContext.Provider value={show}>
      <AlertContext.Provider value={alert}>
        {children}
        <div className="pointer-events-none fixed bottom-4 end-4 z-50 flex flex-col items-end gap-2">
          {alerts.map((a) => (
            <div
              key={a.id}
              role="alert"
              data-toast-alert={a.key}
              className="pointer-events-auto flex items-start gap-2 rounded-lg bg-amber-600 px-4 py-2 text-sm text-white shadow-lg"
            >
              <button
                type="button"
                className="text-start underline-offset-2 hover:underline"
                onClick={() => {
                  dismiss(a.id);
                  a.onOpen();
                }}
              >
                {revealBidiControls(a.text)}
              </button>
              <button type="button" aria-label={t('dismiss')} className="leading-none opacity-80 hover:opacity-100" onClick={() => dismiss(a.id)}>
                <span aria-hidden="true">{'\u00d7'}</span>
              </button>
            </div>
          ))}
          <div role="status" aria-live="polite" aria-label={t('region')} className="flex flex-col items-end gap-2">
            {toasts.map((toast) =>
              toast.href ? (
                <Link
                  key={toast.id}
                  href={toast.href}
                  scroll={false}
                  onClick={(event) => {
                    setToasts((current) => current.filter((other) => other.id !== toast.id));
                    if (!toast.open || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
                    event.preventDefault();
                    toast.open();
                  }}
                  className="pointer-events-auto rounded-lg bg-slate-900 px-4 py-2 text-sm text-white shadow-lg underline-offset-2 hover:underline"
                >
                  {revealBidiControls(toast.text)}
                </Link>
              ) : (
                <div key={toast.id} className="pointer-events-auto rounded-lg bg-slate-900 px-4 py-2 text-sm text-white shadow-lg">
                  {revealBidiControls(toast.text)}
                </div>
              ),
            )}
          </div>
        </div>
      </AlertContext.Provider>
    </ToastContext.Provider>
  );
}
