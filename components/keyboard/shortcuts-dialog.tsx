'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';

/** "?": every shortcut of the inbox, with its keys, in the reader's language. Escape or the button closes it. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations('shortcuts');
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    return () => opener?.focus?.();
  }, []);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/30 p-4" onClick={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
        className="w-full max-w-md rounded-xl bg-white p-5 shadow-xl"
      >
        <h2 id="shortcuts-title" className="text-lg font-semibold">
          {t('title')}
        </h2>
        <table className="mt-3 w-full text-sm">
          <tbody>
            {SHORTCUTS.map((shortcut) => (
              <tr key={shortcut.id} data-shortcut-id={shortcut.id} className="border-t border-slate-100">
                <td className="py-1.5 pe-3">{t(`actions.${shortcut.id}`)}</td>
                <td className="py-1.5 text-end" dir="ltr">
                  {shortcut.keys.map((k, i) => (
                    <span key={k}>
                      {i > 0 && <span className="px-1 text-slate-400">{t('or')}</span>}
                      <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">{k}</kbd>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="mt-4 flex justify-end">
          <button ref={closeButton} type="button" onClick={onClose} className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm">
            {t('close')}
          </button>
        </div>
      </div>
    </div>
  );
}
