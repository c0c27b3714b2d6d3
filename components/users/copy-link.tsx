'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/**
 * A link the admin passes on (invite, reset password), shown whole so it can be read or selected, with a copy
 * button. `attribute` names the data attribute tests and scripts find it by (data-invite-url, data-reset-url).
 */
export function CopyLink({ url, label, attribute }: { url: string; label: string; attribute: 'data-invite-url' | 'data-reset-url' }) {
  const t = useTranslations('settingsUsers');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // No clipboard (an insecure origin, a refused permission): the link stays selectable.
      setCopied(false);
    }
  };
  return (
    <div className="mt-2 flex items-center gap-2">
      <code
        {...{ [attribute]: url }}
        aria-label={label}
        dir="ltr"
        className="min-w-0 flex-1 select-all break-all rounded bg-slate-100 px-2 py-1 text-start text-xs text-slate-800"
      >
        {url}
      </code>
      <button type="button" onClick={() => void copy()} className="shrink-0 rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50">
        {copied ? t('copied') : t('copyLink')}
      </button>
    </div>
  );
}
