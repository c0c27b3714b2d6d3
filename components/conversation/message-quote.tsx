'use client';

import { useTranslations } from 'next-intl';
import type { TMessage } from '@/components/trpc/types';
import { revealBidiControls } from '@/server/domain/bidi';

/** Scrolls to a message of the timeline and focuses it, when it is loaded (older pages may not be). */
export function showMessage(id: number): boolean {
  const element = document.querySelector<HTMLElement>(`[data-message-id="${id}"]`);
  if (!element) return false;
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
  return true;
}

/**
 * The message a reply quotes, inside the reply's bubble: who wrote it and its text (a deleted one says so; one we
 * do not have says "Original message not available"). It is text a screen reader reads with the reply; the original,
 * when loaded, is one click (or Enter) away.
 */
export function MessageQuote({ quote, out }: { quote: NonNullable<TMessage['quote']>; out: boolean }) {
  const t = useTranslations('replies');
  const tone = out ? 'border-brand-100 bg-white/15 text-white' : 'border-slate-300 bg-slate-100 text-slate-700';
  if (quote.missing) {
    return (
      <p data-quote="missing" className={`mb-1 rounded border-s-4 px-2 py-1 text-xs italic ${tone}`}>
        {t('quoteUnavailable')}
      </p>
    );
  }
  const who = quote.direction === 'in' ? t('quotedCustomer') : t('quotedUs');
  const text = quote.deleted ? t('quotedDeleted') : (revealBidiControls(quote.body) ?? `[${quote.kind}]`);
  return (
    <button
      type="button"
      data-quote="found"
      data-quoted-message-id={quote.id}
      title={t('showOriginal')}
      onClick={() => showMessage(quote.id)}
      className={`mb-1 block w-full rounded border-s-4 px-2 py-1 text-start text-xs ${tone}`}
    >
      <span className="block font-medium">
        <span className="sr-only">{t('inReplyTo', { who })} </span>
        <span aria-hidden="true">{who}</span>
      </span>
      <span dir="auto" className={`line-clamp-3 block whitespace-pre-wrap break-words ${quote.deleted ? 'italic' : ''}`}>
        {text}
      </span>
    </button>
  );
}

/** "Forwarded" / "Forwarded many times", above the text, as WhatsApp shows them. */
export function ForwardedMark({ forwarded, out }: { forwarded: NonNullable<TMessage['forwarded']>; out: boolean }) {
  const t = useTranslations('replies');
  return (
    <p data-forwarded={forwarded} className={`mb-0.5 text-[11px] italic ${out ? 'text-brand-100' : 'text-slate-500'}`}>
      {forwarded === 'frequently_forwarded' ? t('frequentlyForwarded') : t('forwarded')}
    </p>
  );
}
