'use client';

import { useTranslations } from 'next-intl';
import { useAccountUpdateWords, type TAccountUpdateView } from './account-update-words';

/**
 * A number Meta's account_update put in "needs attention" (a restriction, a ban, an offboarding...): Meta's reason in
 * the reader's language and, for a restriction, until when.
 */
export function AccountState({ update }: { update: TAccountUpdateView }) {
  const t = useTranslations('numbers');
  const words = useAccountUpdateWords();
  const { text, until } = words(update);
  return (
    <p
      role="note"
      data-testid="number-account-state"
      data-account-event={update.event}
      className="mt-2 rounded bg-rose-50 px-2 py-1 text-xs text-rose-800"
    >
      {t('needsAttention', { reason: text })}
      {until && (
        <span data-testid="number-account-until" className="ms-1 font-medium">
          {until}
        </span>
      )}
    </p>
  );
}
