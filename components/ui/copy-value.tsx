'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

/**
 * A value someone pastes elsewhere (a webhook URL into Meta's dashboard, a link into a message), shown whole so it
 * can be read or selected, with a copy button named after it ("Copy Webhook URL"). `attribute` names the data
 * attribute tests and scripts find the value by (UI contract: data-webhook-url, data-verify-token, ...). Without a
 * clipboard (an insecure origin, a refused permission) nothing breaks: the value stays selectable.
 */
export function CopyValue({ value, label, attribute, showLabel = true }: { value: string; label: string; attribute: `data-${string}`; showLabel?: boolean }) {
  const t = useTranslations('copyValue');
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    // "Copied" for a moment, then the button offers to copy again.
    const timer = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {showLabel && <span className="text-xs text-slate-500">{label}</span>}
      <code
        dir="ltr"
        {...{ [attribute]: value }}
        aria-label={showLabel ? undefined : label}
        className="min-w-0 select-all break-all rounded bg-slate-100 px-2 py-0.5 font-mono text-xs text-slate-800"
      >
        {value}
      </code>
      <button
        type="button"
        onClick={() => void copy()}
        aria-label={t('copyLabel', { what: label })}
        className="shrink-0 rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
      >
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}
