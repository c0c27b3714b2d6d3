'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/**
 * A value an admin pastes into Meta's dashboard, with its copy button. `dataAttribute` names the element holding
 * the value (UI contract: data-webhook-url, data-verify-token).
 */
export function CopyField({ label, value, dataAttribute }: { label: string; value: string; dataAttribute: 'data-webhook-url' | 'data-verify-token' }) {
  const t = useTranslations('settingsChannels');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  };
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-xs text-slate-500">{label}</span>
      <code dir="ltr" {...{ [dataAttribute]: value }} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-xs break-all">
        {value}
      </code>
      <button
        type="button"
        onClick={() => void copy()}
        aria-label={t('copyLabel', { what: label })}
        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
      >
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}
