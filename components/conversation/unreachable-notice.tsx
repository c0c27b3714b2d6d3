'use client';

import { useTranslations } from 'next-intl';
import { useFormats } from '@/components/i18n/formats';

/**
 * WhatsApp answered 131026 (undeliverable) for this customer: said once above the composer, with since when, so
 * agents stop retrying. It goes away when the customer writes again (the server clears the mark).
 */
export function UnreachableNotice({
  contact,
}: {
  contact: { whatsappUnreachableAt: Date | null; whatsappUnreachableCode: string | null };
}) {
  const t = useTranslations('conversation');
  const { dateTime } = useFormats();
  if (!contact.whatsappUnreachableAt) return null;
  return (
    <p
      role="note"
      data-contact-unreachable={contact.whatsappUnreachableCode ?? ''}
      className="border-t border-amber-200 bg-amber-50 px-4 py-2 text-xs text-amber-900"
    >
      {t('unreachable', { time: dateTime(contact.whatsappUnreachableAt) })}
    </p>
  );
}
